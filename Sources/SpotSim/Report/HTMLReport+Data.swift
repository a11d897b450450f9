import Stochastics

extension HTMLReport {
    /// A mean and its 95 % confidence interval: what a chart draws for one metric of one cell.
    ///
    /// ```swift
    /// let cost = HTMLReport.Estimate(cell.summary(.costUSD))   // mean 1805.04, 1802.96…1807.12
    /// ```
    public struct Estimate: Sendable, Hashable {
        public var mean: Double
        /// The interval's ends; `nil` when the summary has none (a single replication).
        public var low: Double?
        public var high: Double?

        public init(mean: Double, low: Double? = nil, high: Double? = nil) {
            self.mean = mean
            self.low = low
            self.high = high
        }

        /// The mean and interval of `summary`.
        public init(_ summary: Summary) {
            self.init(
                mean: summary.mean, low: summary.confidenceInterval95?.lowerBound,
                high: summary.confidenceInterval95?.upperBound)
        }
    }

    /// The three quantiles a summary keeps of a metric's distribution over the replications:
    /// all a JSON report knows of it (the CDFs need every replication's value).
    ///
    /// ```swift
    /// let cost = HTMLReport.Quantiles(cell.summary(.costUSD))   // p50 1829.22, p90 1901.75, p99 1962.47
    /// cost.known.map(\.probability)                             // [0.5, 0.9, 0.99]
    /// ```
    public struct Quantiles: Sendable, Hashable {
        /// The median, p90 and p99; `nil` where the value is not finite (a JSON report's `null`).
        public var p50: Double?
        public var p90: Double?
        public var p99: Double?

        public init(p50: Double?, p90: Double?, p99: Double?) {
            self.p50 = p50
            self.p90 = p90
            self.p99 = p99
        }

        /// The quantiles of `summary`, non-finite ones as `nil` (as the JSON report writes them).
        public init(_ summary: Summary) {
            func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
            self.init(p50: finite(summary.p50), p90: finite(summary.p90), p99: finite(summary.p99))
        }

        /// The known quantiles as (probability, value), in increasing probability.
        ///
        /// - Complexity: O(1).
        public var known: [(probability: Double, value: Double)] {
            [(0.5, p50), (0.9, p90), (0.99, p99)].compactMap { entry in entry.1.map { (entry.0, $0) } }
        }
    }

    /// One cell of the report as plain numbers: everything the charts draw about it, taken from
    /// an ``ExperimentResult`` (and, for the CDFs, a ``PartialResult``) — or from a JSON report,
    /// which holds the same summaries.
    ///
    /// ```swift
    /// let cells = HTMLReport.cells(of: result, part: part)   // the charted cells, grid order
    /// cells[5].policy        // "spot"
    /// cells[5].cost.mean     // 1831.04
    /// ```
    public struct CellData: Sendable, Hashable {
        public var job: String
        public var policy: String
        /// The interval as the scenario writes it (`30m`, `daly`).
        public var interval: String
        /// The interval it resolved to, hours.
        public var intervalHours: Double
        /// The job's work, hours (an interval that long is "one final checkpoint").
        public var workHours: Double
        /// Whether this is the baseline policy's cell.
        public var isBaseline: Bool
        /// Whether the policy is `omniscient` (a lower bound, never a choice).
        public var isOmniscient: Bool
        public var cost: Estimate
        public var completionHours: Estimate
        /// Mean spot, on-demand, storage and egress cost, USD, in that order.
        public var costParts: [Double]
        /// Mean paired savings against the baseline as a fraction of its cost, with its
        /// interval; `nil` for the baseline and without one.
        public var savingsFraction: Estimate?
        /// Mean paired extra completion hours against the baseline.
        public var extraCompletionHours: Estimate?
        /// Every replication's cost and completion time, in replication order (empty when only
        /// summaries are known).
        public var costSamples: [Double]
        public var completionSamples: [Double]
        /// The median, p90 and p99 of cost and completion time: what the CDF figures mark when
        /// the samples are not known; `nil` when not even these are.
        public var costQuantiles: Quantiles?
        public var completionQuantiles: Quantiles?
        /// The sweep parameters' values at the cell's grid point, in the sweep's order (empty
        /// without a sweep).
        public var sweepValues: [String]

        public init(
            job: String, policy: String, interval: String, intervalHours: Double, workHours: Double,
            isBaseline: Bool, isOmniscient: Bool = false, cost: Estimate, completionHours: Estimate, costParts: [Double],
            savingsFraction: Estimate? = nil, extraCompletionHours: Estimate? = nil,
            costSamples: [Double] = [], completionSamples: [Double] = [],
            costQuantiles: Quantiles? = nil, completionQuantiles: Quantiles? = nil, sweepValues: [String] = []
        ) {
            self.job = job
            self.policy = policy
            self.interval = interval
            self.intervalHours = intervalHours
            self.workHours = workHours
            self.isBaseline = isBaseline
            self.isOmniscient = isOmniscient
            self.cost = cost
            self.completionHours = completionHours
            self.costParts = costParts
            self.savingsFraction = savingsFraction
            self.extraCompletionHours = extraCompletionHours
            self.costSamples = costSamples
            self.completionSamples = completionSamples
            self.costQuantiles = costQuantiles
            self.completionQuantiles = completionQuantiles
            self.sweepValues = sweepValues
        }
    }

    /// The cost components of ``CellData/costParts``, in order, with their display names.
    static let costPartMetrics: [(metric: Metric, name: String)] = [
        (.spotUSD, "Spot"), (.onDemandUSD, "On-demand"), (.storageUSD, "Storage"), (.egressUSD, "Egress"),
    ]

    /// The charted cells of `result` (``chartedCells(of:)``: the first grid point's, and across
    /// a swept checkpoint interval those of the points with its other values), in grid order,
    /// with the per-replication cost and completion time from `part` when given (their median,
    /// p90 and p99 always, as a JSON report has them).
    ///
    /// ```swift
    /// HTMLReport.cells(of: sweep, part: part).map(\.interval)   // ["10m", "10m", "20m", "20m", …]
    /// ```
    ///
    /// - Precondition: `part`, when given, is complete and is `result`'s.
    /// - Complexity: O(cells + charted cells × replications).
    public static func cells(of result: ExperimentResult, part: PartialResult? = nil) -> [CellData] {
        let layout = result.layout
        // Where each point's values start in `part` (unit-major: each of its replications holds
        // `valuesPerReplication` values) and its first cell in `result.cells`.
        var offsets: [Int] = [], firstCells: [Int] = []
        var offset = 0, firstCell = 0
        for point in layout.points {
            offsets.append(offset)
            firstCells.append(firstCell)
            offset += layout.replications * point.valuesPerReplication
            firstCell += point.cells.count
        }
        return chartedCells(of: layout).map { pointIndex, cellIndex in
            let point = layout.points[pointIndex]
            let cell = result.cells[firstCells[pointIndex] + cellIndex]
            func samples(_ metric: Metric) -> [Double] {
                guard let part, let metricIndex = point.metrics.firstIndex(of: metric) else { return [] }
                let first = offsets[pointIndex] + cellIndex * point.metrics.count + metricIndex
                return (0..<layout.replications).map { part.values[first + $0 * point.valuesPerReplication] }
            }
            let label = cell.cell
            var workHours = Double.nan
            for setting in label.settings where setting.name == "work_hours" {
                if case .number(let hours) = setting.value { workHours = hours }
            }
            return CellData(
                job: label.job, policy: label.policy, interval: label.interval, intervalHours: label.intervalHours,
                workHours: workHours, isBaseline: label.policy == result.baseline, isOmniscient: label.isOmniscient,
                cost: Estimate(cell.summary(.costUSD)), completionHours: Estimate(cell.summary(.completionHours)),
                costParts: costPartMetrics.map { cell.metrics.contains($0.metric) ? cell.summary($0.metric).mean : 0 },
                savingsFraction: cell.comparison?.summary(.savingsFraction).map(Estimate.init),
                extraCompletionHours: cell.comparison?.summary(.extraCompletionHours).map(Estimate.init),
                costSamples: samples(.costUSD), completionSamples: samples(.completionHours),
                costQuantiles: Quantiles(cell.summary(.costUSD)), completionQuantiles: Quantiles(cell.summary(.completionHours)),
                sweepValues: point.sweepValues
            )
        }
    }

    /// The index in `cells` of the cheapest cell by mean cost that is neither the baseline's
    /// nor `omniscient`'s (among all cells when there is none such); ties keep the first in
    /// grid order.
    ///
    /// ```swift
    /// HTMLReport.cheapest(cells)   // 7: spot at daly in the quickstart
    /// ```
    public static func cheapest(_ cells: [CellData]) -> Int? {
        let candidates = cells.indices.filter { !cells[$0].isBaseline && !cells[$0].isOmniscient }
        let pool = candidates.isEmpty ? Array(cells.indices) : candidates
        return pool.min { (cells[$0].cost.mean, $0) < (cells[$1].cost.mean, $1) }
    }

    /// For each policy of `job`, in first-seen order, the index of its cell with the lowest
    /// mean cost (ties keep the first interval): the cells the CDFs and the breakdown show.
    static func bestPerPolicy(_ cells: [CellData], job: String) -> [Int] {
        var order: [String] = []
        var best: [Int] = []
        for index in cells.indices where cells[index].job == job {
            if let at = order.firstIndex(of: cells[index].policy) {
                if cells[index].cost.mean < cells[best[at]].cost.mean { best[at] = index }
            } else {
                order.append(cells[index].policy)
                best.append(index)
            }
        }
        return best
    }

    /// The jobs of `cells`, in first-seen order.
    static func jobs(_ cells: [CellData]) -> [String] {
        var jobs: [String] = []
        for cell in cells where !jobs.contains(cell.job) { jobs.append(cell.job) }
        return jobs
    }
}
