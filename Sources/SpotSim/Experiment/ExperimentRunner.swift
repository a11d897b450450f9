import Dispatch
import Stochastics
import Synchronization

/// Runs every cell of a scenario's grid for every replication, in parallel, with results that
/// do not depend on the number of threads.
///
/// Replications are handed out in chunks to `threads` workers; each worker owns a `Replicator`
/// (its own kernel and GSL streams, never shared). A replication's outcome depends only on
/// (seed, replication index, cell), and outcomes are stored by replication index and reduced
/// in that order, so one thread and many give the same bits.
///
/// When the scenario has a baseline policy, every other cell is paired with the baseline's
/// cell of the same job and checkpoint interval, replication by replication, from the stored
/// per-replication values (see ``Comparison``), before they are freed.
///
/// ```swift
/// let result = try ExperimentRunner(threads: 4).run(scenario)
/// print(result.cells[0].summary(.costUSD).mean)
/// ```
///
/// - Complexity: O(replications × cells × events per replication) time;
///   O(replications × cells × metrics) memory for the per-replication values behind the
///   quantiles.
public struct ExperimentRunner: Sendable {
    /// Worker threads; at least 1.
    public var threads: Int
    /// Replications per work item handed to a thread.
    public var chunkSize: Int

    public init(threads: Int, chunkSize: Int = 32) {
        self.threads = Swift.max(1, threads)
        self.chunkSize = Swift.max(1, chunkSize)
    }

    /// Runs `scenario` (its seed and replication count) and summarises every metric of every cell.
    ///
    /// - Throws: `ExperimentError` when a policy cannot run a job, a replication cannot finish,
    ///   or the scenario's baseline is not one of its policies.
    public func run(_ scenario: Scenario, progress: ExperimentProgress? = nil) throws(ExperimentError) -> ExperimentResult {
        let cells: [Cell]
        do {
            cells = try scenario.cells()
        } catch {
            throw ExperimentError(message: error.description)
        }
        if let baseline = scenario.baseline, !scenario.policies.contains(baseline) {
            throw ExperimentError(
                message: "baseline \(baseline) is not one of the policies (\(scenario.policies.map(\.description).joined(separator: ", ")))"
            )
        }
        let replications = scenario.replications
        for pool in scenario.pools {
            if case .trace(let replay)? = pool.spot?.availability, case .listed(let starts) = replay.windows,
               starts.count < replications {
                throw ExperimentError(
                    message: "pool \(pool.name) lists \(starts.count) trace windows, one per replication, but the run has \(replications) replications"
                )
            }
        }
        let metrics = scenario.metrics
        let valuesPerCell = metrics.count * replications
        let storage = ResultStorage(count: cells.count * valuesPerCell)
        defer { storage.deallocate() }

        let chunkCount = (replications + chunkSize - 1) / chunkSize
        let nextChunk = Atomic<Int>(0)
        let firstFailure = Mutex<(replication: Int, cell: Int, failure: ReplicationFailure)?>(nil)
        let failedBefore = Atomic<Int>(Int.max)
        let workers = Swift.min(threads, Swift.max(1, chunkCount))
        let chunkSize = self.chunkSize
        let seed = scenario.seed

        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var replicator = Replicator(pools: scenario.pools)
            while true {
                let chunk = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
                guard chunk < chunkCount else { return }
                let lower = chunk * chunkSize
                let upper = Swift.min(lower + chunkSize, replications)
                for replication in lower..<upper {
                    if replication >= failedBefore.load(ordering: .relaxed) { return }
                    for (cellIndex, cell) in cells.enumerated() {
                        do throws(ReplicationFailure) {
                            let ledger = try replicator.run(cell.plan, seed: seed, replication: replication)
                            let base = cellIndex * valuesPerCell + replication
                            for (metricIndex, metric) in metrics.enumerated() {
                                storage[base + metricIndex * replications] = metric.value(in: ledger)
                            }
                        } catch {
                            firstFailure.withLock { current in
                                if current == nil || (replication, cellIndex) < (current!.replication, current!.cell) {
                                    current = (replication, cellIndex, error)
                                }
                            }
                            _ = failedBefore.min(replication + 1, ordering: .relaxed)
                            break
                        }
                    }
                    progress?.advance()
                }
            }
        }

        if let failure = firstFailure.withLock({ $0 }) {
            let cell = cells[failure.cell]
            throw ExperimentError(
                message: "job \(cell.job.name), policy \(cell.policySpec), interval \(cell.interval): \(failure.failure)"
            )
        }

        var results: [CellResult] = []
        results.reserveCapacity(cells.count)
        for (cellIndex, cell) in cells.enumerated() {
            var summaries: [Summary] = []
            for metricIndex in metrics.indices {
                let start = cellIndex * valuesPerCell + metricIndex * replications
                var values = Array(storage.buffer[start..<start + replications])
                summaries.append(Summary(sorting: &values))
            }
            results.append(CellResult(cell: cell, summaries: summaries, metrics: metrics))
        }

        if let baseline = scenario.baseline {
            let baselineCells = Self.baselineCellIndices(cells, baseline: baseline)
            let costIndex = metrics.firstIndex(of: .costUSD)!
            let completionIndex = metrics.firstIndex(of: .completionHours)!
            func values(_ cellIndex: Int, _ metricIndex: Int) -> [Double] {
                let start = cellIndex * valuesPerCell + metricIndex * replications
                return Array(storage.buffer[start..<start + replications])
            }
            for (cellIndex, baselineIndex) in baselineCells.enumerated() {
                guard let baselineIndex, baselineIndex != cellIndex else { continue }
                results[cellIndex].comparison = Comparison(
                    baseline: baseline,
                    cost: values(cellIndex, costIndex), completionHours: values(cellIndex, completionIndex),
                    baselineCost: values(baselineIndex, costIndex),
                    baselineCompletionHours: values(baselineIndex, completionIndex)
                )
            }
        }
        // Distance from the omniscient bound, replication by replication.
        let costIndex = metrics.firstIndex(of: .costUSD)!
        for (cellIndex, optimalIndex) in Self.omniscientCellIndices(cells).enumerated() {
            guard let optimalIndex, optimalIndex != cellIndex else { continue }
            let own = cellIndex * valuesPerCell + costIndex * replications
            let optimal = optimalIndex * valuesPerCell + costIndex * replications
            var excess = (0..<replications).map { storage.buffer[own + $0] - storage.buffer[optimal + $0] }
            results[cellIndex].overOptimum = Summary(sorting: &excess)
        }
        return ExperimentResult(scenario: scenario, cells: results)
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

/// The per-replication values of a run, written by many threads at distinct indices.
final class ResultStorage: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Double>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: .nan)
    }

    subscript(index: Int) -> Double {
        get { buffer[index] }
        set { buffer[index] = newValue }
    }

    func deallocate() { buffer.deallocate() }
}

/// Replications completed so far, readable from any thread while a run is going on.
public final class ExperimentProgress: Sendable {
    let completed = Atomic<Int>(0)
    /// Replications in the whole run.
    public let total: Int

    public init(total: Int) { self.total = total }

    /// Replications finished so far.
    public var completedCount: Int { completed.load(ordering: .relaxed) }

    func advance() { completed.wrappingAdd(1, ordering: .relaxed) }
}

/// An experiment that could not run to the end.
public struct ExperimentError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
