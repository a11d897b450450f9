import Dispatch
import Stochastics
import Synchronization

/// Runs every cell of a scenario's grid for every replication, in parallel, with results that
/// do not depend on the number of threads or shards.
///
/// The work is split into units, one replication of one grid point with all of that point's
/// cells (so the policies of a replication are paired), numbered point by point (see
/// ``Shard``). Units are handed out in chunks to `threads` workers; each worker owns a
/// `Replicator` (its own kernel and GSL streams, never shared). A replication's outcome depends
/// only on (seed, replication index, cell), and values are stored by unit and reduced in
/// replication order, so one thread, many threads, N shards merged or an interrupted run
/// resumed give the same bits.
///
/// When the scenario has a baseline policy, every other cell is paired with the baseline's
/// cell of the same job and checkpoint interval, replication by replication, from the stored
/// per-replication values (see ``Comparison``).
///
/// ```swift
/// let result = try ExperimentRunner(threads: 4).run(scenario)
/// print(result.cells[0].summary(.costUSD).mean)
/// ```
///
/// - Complexity: O(replications × points × cells × events per replication) time;
///   O(replications × points × cells × metrics) memory for the per-replication values behind
///   the quantiles — or, with ``runStreaming(_:progress:stop:)``, memory independent of the
///   replications (one-pass summaries, sketched quantiles).
public struct ExperimentRunner: Sendable {
    /// Worker threads; at least 1.
    public var threads: Int
    /// Replications per work item handed to a thread.
    public var chunkSize: Int

    public init(threads: Int, chunkSize: Int = 32) {
        self.threads = Swift.max(1, threads)
        self.chunkSize = Swift.max(1, chunkSize)
    }

    /// Runs `scenario` (its seed and replication count, every sweep point) and summarises
    /// every metric of every cell.
    ///
    /// - Throws: `ExperimentError` when a policy cannot run a job, a replication cannot finish,
    ///   or the scenario's baseline is not one of its policies.
    public func run(_ scenario: Scenario, progress: ExperimentProgress? = nil) throws(ExperimentError) -> ExperimentResult {
        let cells = try ResultLayout.cells(of: scenario)
        let layout = ResultLayout(scenario, cells: cells)
        let part = try simulate(scenario, cells: cells, layout: layout, units: UnitSet(0..<layout.unitCount), progress: progress)
        return ExperimentResult(part, threads: threads)
    }

    /// Runs the units `units` of `scenario` (see ``Shard``) and returns their per-replication
    /// values. When `stop` is raised the workers finish the chunk they are in and the result
    /// holds the units completed (a subset of `units`, possibly empty).
    ///
    /// - Throws: `ExperimentError` as ``run(_:progress:)``; a unit outside the grid is an error.
    public func simulate(
        _ scenario: Scenario, units: UnitSet, fingerprint: String = "", shard: Shard? = nil,
        progress: ExperimentProgress? = nil, stop: StopSignal? = nil
    ) throws(ExperimentError) -> PartialResult {
        let cells = try ResultLayout.cells(of: scenario)
        let layout = ResultLayout(scenario, cells: cells)
        return try simulate(
            scenario, cells: cells, layout: layout, units: units, fingerprint: fingerprint, shard: shard,
            progress: progress, stop: stop
        )
    }

    func simulate(
        _ scenario: Scenario, cells: [[Cell]], layout: ResultLayout, units: UnitSet, fingerprint: String = "",
        shard: Shard? = nil, progress: ExperimentProgress? = nil, stop: StopSignal? = nil
    ) throws(ExperimentError) -> PartialResult {
        let replications = scenario.replications
        if let last = units.ranges.last, last.upperBound > layout.unitCount || units.ranges[0].lowerBound < 0 {
            throw ExperimentError(message: "units \(last) are outside the experiment's \(layout.unitCount)")
        }
        let points = scenario.gridPoints
        for point in points { try Self.checkTraceWindows(point, of: scenario) }
        let metrics = points.map(\.scenario.metrics)

        // Chunks of at most `chunkSize` consecutive units that stay within one point, with the
        // offset of their first value.
        var planned: [(units: Range<Int>, offset: Int)] = []
        var offset = 0
        for range in units.ranges {
            var lower = range.lowerBound
            while lower < range.upperBound {
                let pointEnd = (lower / replications + 1) * replications
                let upper = Swift.min(range.upperBound, lower + chunkSize, pointEnd)
                planned.append((lower..<upper, offset))
                offset += (upper - lower) * layout.points[lower / replications].valuesPerReplication
                lower = upper
            }
        }
        let chunks = planned
        var values = [Double](repeating: .nan, count: offset)

        let completed = Mutex(UnitSet())
        let failures = RunFailures()
        let workers = Swift.min(threads, Swift.max(1, chunks.count))

        values.withUnsafeMutableBufferPointer { buffer in
            let storage = ResultStorage(buffer: buffer)
            UnitWorker.forEachChunk(
                chunks.count, workers: workers, stop: stop,
                worker: { UnitWorker(scenario: scenario, points: points, cells: cells, metrics: metrics) }
            ) { worker, chunkIndex in
                let chunk = chunks[chunkIndex]
                let finished = worker.run(chunk.units, failures: failures, progress: progress) { index, value in
                    storage[chunk.offset + index] = value
                }
                guard finished else { return false }
                completed.withLock { $0.insert(chunk.units) }
                return true
            }
        }

        try failures.check(scenario, cells: cells)
        let done = completed.withLock { $0 }
        if done != units {
            // Interrupted: keep the chunks that finished, in unit order.
            var kept: [Double] = []
            kept.reserveCapacity(PartialResult.valueCount(of: done, in: layout))
            for chunk in chunks where done.contains(chunk.units.lowerBound) {
                let count = PartialResult.valueCount(of: chunk.units, in: layout)
                kept.append(contentsOf: values[chunk.offset..<chunk.offset + count])
            }
            values = kept
        }
        return PartialResult(layout: layout, fingerprint: fingerprint, shard: shard, units: done, values: values)
    }

    /// Runs one unit: replication `replication` of every cell of a grid point, in cell order,
    /// and hands each cell's metrics to `write` at index `cell × metrics.count + metric`.
    ///
    /// - Throws: `UnitFailure` for the first cell whose replication cannot finish.
    /// - Complexity: O(cells × events per replication).
    static func runUnit(
        _ replicator: inout Replicator, cells: [Cell], metrics: [Metric], seed: UInt64, replication: Int,
        write: (Int, Double) -> Void
    ) throws(UnitFailure) {
        // By index: `enumerated()` would copy each `Cell` (and retain its parts) per replication.
        for cellIndex in cells.indices {
            let ledger: Ledger
            do throws(ReplicationFailure) {
                ledger = try replicator.run(cells[cellIndex].plan, seed: seed, replication: replication)
            } catch {
                throw UnitFailure(cell: cellIndex, failure: error)
            }
            for (metricIndex, metric) in metrics.enumerated() {
                write(cellIndex * metrics.count + metricIndex, metric.value(in: ledger))
            }
        }
    }

    /// Checks that every pool of `point` replaying listed trace windows lists one per
    /// replication of `scenario`.
    ///
    /// - Throws: `ExperimentError` naming the point and the pool.
    public static func checkTraceWindows(_ point: SweepPoint, of scenario: Scenario) throws(ExperimentError) {
        for pool in point.scenario.pools {
            if case .trace(let replay)? = pool.spot?.availability, case .listed(let starts) = replay.windows,
               starts.count < scenario.replications {
                throw ExperimentError(
                    message: ResultLayout.at(point, in: scenario)
                        + "pool \(pool.name) lists \(starts.count) trace windows, one per replication, but the run has \(scenario.replications) replications"
                )
            }
        }
    }

    /// For each cell, the index of the `omniscient` cell that bounds it: same job, same
    /// checkpoint interval and same primary pool (the pool the policy starts in, which is the
    /// omniscient plan's spot pool); `nil` when there is none.
    static func omniscientCellIndices(_ cells: [Cell]) -> [Int?] {
        struct Key: Hashable {
            var job: String
            var interval: CheckpointInterval
            var pool: Int
        }
        func key(_ cell: Cell) -> Key {
            Key(job: cell.job.name, interval: cell.interval, pool: cell.plan.policy.primary.pool)
        }
        var byKey: [Key: Int] = [:]
        for (index, cell) in cells.enumerated() where cell.policySpec.kind == .omniscient {
            byKey[key(cell)] = byKey[key(cell)] ?? index
        }
        return cells.map { byKey[key($0)] }
    }

    /// For each cell, the index of the `baseline` policy's cell with the same job and
    /// checkpoint interval (the cell itself for the baseline's cells); `nil` when there is none.
    static func baselineCellIndices(_ cells: [Cell], baseline: PolicySpec) -> [Int?] {
        struct Key: Hashable {
            var job: String
            var interval: CheckpointInterval
        }
        var byKey: [Key: Int] = [:]
        for (index, cell) in cells.enumerated() where cell.policySpec == baseline {
            byKey[Key(job: cell.job.name, interval: cell.interval)] = byKey[Key(job: cell.job.name, interval: cell.interval)] ?? index
        }
        return cells.map { byKey[Key(job: $0.job.name, interval: $0.interval)] }
    }
}

/// A unit that could not finish: the cell (index in its grid point) whose replication failed.
struct UnitFailure: Error {
    var cell: Int
    var failure: ReplicationFailure
}

/// The first replication of a run that could not finish, shared by its workers: no unit after
/// it is started, and the run reports it.
final class RunFailures: Sendable {
    private let first = Mutex<(unit: Int, cell: Int, failure: ReplicationFailure)?>(nil)
    private let before = Atomic<Int>(Int.max)

    /// Whether `unit` comes after a unit that failed (so it need not run).
    func stops(_ unit: Int) -> Bool { unit >= before.load(ordering: .relaxed) }

    /// Records that `unit` failed, keeping the earliest (unit, cell).
    func record(unit: Int, _ error: UnitFailure) {
        first.withLock { current in
            if current == nil || (unit, error.cell) < (current!.unit, current!.cell) {
                current = (unit, error.cell, error.failure)
            }
        }
        _ = before.min(unit + 1, ordering: .relaxed)
    }

    /// Throws the earliest failure, naming its grid point, job, policy and interval.
    func check(_ scenario: Scenario, cells: [[Cell]]) throws(ExperimentError) {
        guard let failure = first.withLock({ $0 }) else { return }
        let point = failure.unit / scenario.replications
        let cell = cells[point][failure.cell]
        throw ExperimentError(
            message: ResultLayout.at(scenario.gridPoints[point], in: scenario)
                + "job \(cell.job.name), policy \(cell.policySpec), interval \(cell.interval): \(failure.failure)"
        )
    }
}

/// One worker thread's engine: a `Replicator` for the grid point of the chunk in hand (made
/// anew when the point changes), running chunks of units for both runners.
struct UnitWorker {
    let scenario: Scenario
    let points: [SweepPoint]
    let cells: [[Cell]]
    let metrics: [[Metric]]
    private var replicator: Replicator? = nil
    private var replicatorPoint = -1

    init(scenario: Scenario, points: [SweepPoint], cells: [[Cell]], metrics: [[Metric]]) {
        self.scenario = scenario
        self.points = points
        self.cells = cells
        self.metrics = metrics
    }

    /// Runs `body` on `workers` threads, each with a worker of its own, handing out chunk
    /// indices `0..<count` in order through one atomic counter: a thread takes the next index
    /// until none is left, `stop` is raised, or `body` returns `false` (a unit failed).
    ///
    /// - Complexity: O(`count`) hand-outs, without a lock.
    static func forEachChunk(
        _ count: Int, workers: Int, stop: StopSignal?, worker makeWorker: @Sendable () -> UnitWorker,
        _ body: @Sendable (inout UnitWorker, Int) -> Bool
    ) {
        let nextChunk = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var worker = makeWorker()
            while stop?.isRaised != true {
                let chunkIndex = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
                guard chunkIndex < count, body(&worker, chunkIndex) else { return }
            }
        }
    }

    /// Runs the units `units` (all of one grid point), handing each value to `write` at its
    /// index from the chunk's start (unit by unit, cell by cell, metric by metric).
    ///
    /// - Returns: `false` when a unit failed, or comes after one that did (recorded in
    ///   `failures`); the chunk's values are then incomplete.
    /// - Complexity: O(units × cells × events per replication).
    mutating func run(
        _ units: Range<Int>, failures: RunFailures, progress: ExperimentProgress?, write: (Int, Double) -> Void
    ) -> Bool {
        let replications = scenario.replications
        let point = units.lowerBound / replications
        if point != replicatorPoint {
            replicator = Replicator(pools: points[point].scenario.pools)
            replicatorPoint = point
        }
        let pointCells = cells[point]
        let pointMetrics = metrics[point]
        let stride = pointCells.count * pointMetrics.count
        for (offset, unit) in units.enumerated() {
            if failures.stops(unit) { return false }
            do throws(UnitFailure) {
                try ExperimentRunner.runUnit(
                    &replicator!, cells: pointCells, metrics: pointMetrics, seed: scenario.seed,
                    replication: unit % replications
                ) { index, value in write(offset * stride + index, value) }
            } catch {
                failures.record(unit: unit, error)
                return false
            }
            progress?.advance()
        }
        return true
    }
}

/// The per-replication values of a run, written by many threads at distinct indices.
struct ResultStorage: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Double>

    init(buffer: UnsafeMutableBufferPointer<Double>) {
        self.buffer = buffer
    }

    subscript(index: Int) -> Double {
        get { buffer[index] }
        nonmutating set { buffer[index] = newValue }
    }
}

/// A request to stop a run early (an interrupted command), raised from any thread.
public final class StopSignal: Sendable {
    let raised = Atomic<Bool>(false)

    public init() {}

    /// Whether ``raise()`` was called.
    public var isRaised: Bool { raised.load(ordering: .relaxed) }

    /// Asks the run to stop after the chunks in progress.
    public func raise() { raised.store(true, ordering: .relaxed) }
}

/// Replications completed so far, readable from any thread while a run is going on.
public final class ExperimentProgress: Sendable {
    let completed = Atomic<Int>(0)
    /// Replications in the whole run.
    public let total: Int

    /// `alreadyDone` of the `total` were done before (a resumed run).
    public init(total: Int, alreadyDone: Int = 0) {
        self.total = total
        completed.store(alreadyDone, ordering: .relaxed)
    }

    /// Replications finished so far.
    public var completedCount: Int { completed.load(ordering: .relaxed) }

    func advance() { completed.wrappingAdd(1, ordering: .relaxed) }
}

/// An experiment that could not run to the end.
public struct ExperimentError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
