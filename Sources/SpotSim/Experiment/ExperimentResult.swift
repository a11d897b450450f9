import Dispatch
import Stochastics
import Synchronization

/// The summaries of every metric for every cell of a scenario's grid, every sweep point.
public struct ExperimentResult: Sendable {
    /// What the results are about: scenario, seed, replications, sweep, cells.
    public var layout: ResultLayout
    /// Every point's cells, point by point, in grid order.
    public var cells: [CellResult]
    /// How the summaries were made: ``StatisticsMode/exact`` from every per-replication value,
    /// or ``StatisticsMode/streaming`` in one pass (quantiles within
    /// ``quantileRelativeError``).
    public var statistics: StatisticsMode = .exact
    /// Streaming mode: how many summaries have a quantile outside ``quantileRelativeError``,
    /// because it fell among tiny magnitudes the sketch collapsed (within 2·10⁻⁶ × the largest
    /// magnitude, absolute; see ``QuantileSketch``). 0 in exact mode, and almost always.
    public var summariesBeyondQuantileBound = 0

    /// The bound on the relative error of each order statistic behind p50/p90/p99: `nil` for
    /// exact quantiles, ``StatisticsMode/quantileRelativeError`` in streaming mode.
    public var quantileRelativeError: Double? {
        statistics == .streaming ? StatisticsMode.quantileRelativeError : nil
    }

    /// The scenario's name.
    public var scenarioName: String { layout.scenario }
    public var seed: UInt64 { layout.seed }
    /// Replications per grid point.
    public var replications: Int { layout.replications }
    /// The name of the policy the cells' comparisons are against; `nil` for none.
    public var baseline: String? { layout.baseline }
    /// The metrics summarised, in report order, of the first grid point (every point's, unless
    /// a sweep gives some points deadlines and others none).
    public var metrics: [Metric] { layout.points[0].metrics }

    /// Summarises a complete set of per-replication values: each metric of each cell, the
    /// paired comparison with the baseline's cell and the distance from the omniscient cell's
    /// cost, each over the replications in index order.
    ///
    /// The cells are summarised independently, so `threads` workers share them out (each takes
    /// the next cell not yet taken) and the result is the same bits for any `threads`.
    ///
    /// ```swift
    /// let result = ExperimentResult(try runner.simulate(scenario, units: all), threads: 2)
    /// ```
    ///
    /// - Precondition: `part` is complete (``PartialResult/isComplete``).
    /// - Complexity: O(values · log replications) (GSL sorts for the quantiles), over
    ///   `threads` threads.
    public init(_ part: PartialResult, threads: Int = 1) {
        precondition(part.isComplete, "summaries need every unit")
        let layout = part.layout
        self.layout = layout
        // Every cell to summarise, in grid order, with its point's first value.
        var jobs: [(point: Int, cell: Int, pointOffset: Int)] = []
        var pointOffset = 0
        for (pointIndex, point) in layout.points.enumerated() {
            for cellIndex in point.cells.indices { jobs.append((pointIndex, cellIndex, pointOffset)) }
            pointOffset += layout.replications * point.valuesPerReplication
        }
        let work = jobs
        var results = [CellResult?](repeating: nil, count: work.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = CellResultSlots(buffer: buffer)
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(threads, work.count))) { _ in
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < work.count else { return }
                    let job = work[index]
                    slots[index] = Self.summarise(part, point: job.point, cell: job.cell, pointOffset: job.pointOffset)
                }
            }
        }
        cells = results.map { $0! }
    }

    /// The summaries of cell `cellIndex` of grid point `pointIndex`, whose values start at
    /// `pointOffset` in `part.values`.
    static func summarise(_ part: PartialResult, point pointIndex: Int, cell cellIndex: Int, pointOffset: Int) -> CellResult {
        let layout = part.layout
        let replications = layout.replications
        let point = layout.points[pointIndex]
        let stride = point.valuesPerReplication
        let metricCount = point.metrics.count
        /// The values of metric `metricIndex` of cell `cellIndex`, replication by replication.
        func values(_ cellIndex: Int, _ metricIndex: Int) -> [Double] {
            let first = pointOffset + cellIndex * metricCount + metricIndex
            return (0..<replications).map { part.values[first + $0 * stride] }
        }
        let cost = point.metrics.firstIndex(of: .costUSD)!
        let completion = point.metrics.firstIndex(of: .completionHours)!
        let label = point.cells[cellIndex]
        var result = CellResult(
            cell: label, point: pointIndex, sweepValues: point.sweepValues, metrics: point.metrics,
            summaries: point.metrics.indices.map { metricIndex in
                var sample = values(cellIndex, metricIndex)
                return Summary(sorting: &sample)
            }
        )
        if let baselineCell = label.baselineCell, let baseline = layout.baseline {
            result.comparison = Comparison(
                baseline: baseline,
                cost: values(cellIndex, cost), completionHours: values(cellIndex, completion),
                baselineCost: values(baselineCell, cost), baselineCompletionHours: values(baselineCell, completion)
            )
        }
        if let omniscientCell = label.omniscientCell {
            let own = values(cellIndex, cost)
            let optimal = values(omniscientCell, cost)
            var excess = zip(own, optimal).map { $0 - $1 }
            result.overOptimum = Summary(sorting: &excess)
        }
        return result
    }
}

/// The cell results being summarised, written by many threads at distinct indices.
struct CellResultSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<CellResult?>

    subscript(index: Int) -> CellResult? {
        get { buffer[index] }
        nonmutating set { buffer[index] = newValue }
    }
}

extension ExperimentResult {
    /// Results summarised elsewhere (a streaming run), in grid order.
    init(layout: ResultLayout, cells: [CellResult], statistics: StatisticsMode) {
        self.layout = layout
        self.cells = cells
        self.statistics = statistics
    }
}

/// One grid point's summaries, one per metric of its point in that order, and its comparison
/// with the baseline policy.
public struct CellResult: Sendable {
    /// Job, policy, interval, settings.
    public var cell: CellLabel
    /// The grid point (0 without a sweep).
    public var point: Int
    /// The sweep parameters' values at that point (empty without a sweep).
    public var sweepValues: [String]
    /// The metrics of `summaries`, in order.
    public var metrics: [Metric]
    public var summaries: [Summary]
    /// Cost above the `omniscient` policy's in the same replication (USD, paired), against the
    /// omniscient cell of the same job, interval and primary pool; `nil` when there is none
    /// and for `omniscient`'s own cells.
    public var overOptimum: Summary? = nil
    /// The paired comparison with the baseline policy's cell of the same job and interval;
    /// `nil` for the baseline's own cells and when the scenario has no baseline.
    public var comparison: Comparison? = nil

    /// The summary of `metric`.
    public func summary(_ metric: Metric) -> Summary {
        summaries[metrics.firstIndex(of: metric)!]
    }
}
