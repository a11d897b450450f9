import Dispatch
import Foundation
import Stochastics
import Synchronization

extension ExperimentRunner {
    /// Chunks a streaming run lets finish ahead of the oldest unfinished one, per worker:
    /// the reorder buffer holds at most `workers × streamingWindowPerWorker` chunks.
    static let streamingWindowPerWorker = 4

    /// Runs `scenario` like ``run(_:progress:)`` but keeps no per-replication values: every
    /// summary is folded replication by replication as chunks finish (``StatisticsMode/streaming``).
    ///
    /// Workers simulate chunks of units in parallel, as ``simulate(_:units:fingerprint:shard:progress:stop:)``
    /// does. A finished chunk's values wait in a small reorder buffer until every chunk before
    /// it is in; then the contiguous prefix is folded, in unit (= replication) order, into each
    /// grid point's ``PointAccumulator`` — so means and sds are the same bits with any thread
    /// count — and a point's summaries are made as soon as its last replication is folded.
    /// A worker does not start a chunk more than `threads × 4` chunks ahead of the oldest
    /// unfolded one (it waits; the oldest is always being run, so this cannot deadlock): a
    /// stalled thread cannot make the buffer grow without limit.
    ///
    /// ```swift
    /// let result = try ExperimentRunner(threads: 4).runStreaming(scenario)!
    /// result.statistics                         // .streaming
    /// result.cells[1].summary(.costUSD).p99     // within 1e-4 (relative) of the exact p99
    /// ```
    ///
    /// - Returns: the result, or `nil` when `stop` was raised before the end (nothing can be
    ///   saved: the values are gone).
    /// - Throws: `ExperimentError` as ``run(_:progress:)``.
    /// - Complexity: time as ``run(_:progress:)`` plus O(values) for the summaries; memory
    ///   O(points in flight × cells × metrics × sketch buckets + window × chunk values),
    ///   independent of the number of replications.
    public func runStreaming(
        _ scenario: Scenario, progress: ExperimentProgress? = nil, stop: StopSignal? = nil
    ) throws(ExperimentError) -> ExperimentResult? {
        let cells = try ResultLayout.cells(of: scenario)
        let layout = ResultLayout(scenario, cells: cells)
        let replications = scenario.replications
        let points = scenario.gridPoints
        for point in points { try Self.checkTraceWindows(point, of: scenario) }
        let metrics = points.map(\.scenario.metrics)

        // Chunks of at most `chunkSize` consecutive units within one point, in unit order.
        var planned: [Range<Int>] = []
        var lower = 0
        while lower < layout.unitCount {
            let pointEnd = (lower / replications + 1) * replications
            let upper = Swift.min(lower + chunkSize, pointEnd)
            planned.append(lower..<upper)
            lower = upper
        }
        let chunks = planned
        let workers = Swift.min(threads, Swift.max(1, chunks.count))
        let fold = StreamingFold(layout: layout, window: workers * Self.streamingWindowPerWorker)
        let failures = RunFailures()

        UnitWorker.forEachChunk(
            chunks.count, workers: workers, stop: stop,
            worker: { UnitWorker(scenario: scenario, points: points, cells: cells, metrics: metrics) }
        ) { worker, chunkIndex in
            let units = chunks[chunkIndex]
            let mayStart = fold.waitForRoom(chunkIndex) {
                stop?.isRaised == true || failures.stops(units.lowerBound)
            }
            guard mayStart else { return false }
            let point = units.lowerBound / replications
            var values = [Double](repeating: .nan, count: units.count * layout.points[point].valuesPerReplication)
            guard worker.run(units, failures: failures, progress: progress, write: { values[$0] = $1 }) else {
                fold.wakeWaiters()
                return false
            }
            fold.deposit(chunkIndex, units: units, values: values)
            return true
        }

        try failures.check(scenario, cells: cells)
        guard let (results, beyondBound) = fold.finished(chunkCount: chunks.count) else { return nil }
        var result = ExperimentResult(layout: layout, cells: results, statistics: .streaming)
        result.summariesBeyondQuantileBound = beyondBound
        return result
    }
}

/// The reorder buffer and running summaries of a streaming run, shared by its workers.
///
/// Finished chunks are deposited by index; whoever deposits folds the contiguous prefix of
/// chunks, in order, under the lock.
final class StreamingFold: @unchecked Sendable {
    private let condition = NSCondition()
    private let layout: ResultLayout
    /// The most chunks started beyond the oldest unfolded one.
    let window: Int
    /// Finished chunks waiting for an earlier one: index → (units, values).
    private var pending: [Int: (units: Range<Int>, values: [Double])] = [:]
    /// Chunks folded so far (the next to fold).
    private var folded = 0
    private var point = -1
    private var accumulator: PointAccumulator? = nil
    private var results: [CellResult] = []
    private var beyondBound = 0

    init(layout: ResultLayout, window: Int) {
        self.layout = layout
        self.window = Swift.max(1, window)
    }

    /// Waits until chunk `index` is within the window of the oldest unfolded chunk; `false`
    /// when `giveUp` becomes true first (checked at every wake-up and every 50 ms).
    func waitForRoom(_ index: Int, giveUp: () -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while index >= folded + window {
            if giveUp() { return false }
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05))
        }
        return !giveUp()
    }

    /// Wakes the waiting workers (a failure: some of them can give up).
    func wakeWaiters() {
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }

    /// Hands in chunk `index`'s values (its units' cells × metrics, unit by unit) and folds
    /// every chunk now contiguous with the folded prefix.
    func deposit(_ index: Int, units: Range<Int>, values: [Double]) {
        condition.lock()
        defer { condition.unlock() }
        pending[index] = (units, values)
        var advanced = false
        while let next = pending.removeValue(forKey: folded) {
            fold(next.units, next.values)
            folded += 1
            advanced = true
        }
        if advanced { condition.broadcast() }
    }

    /// Folds one chunk's units, in order.
    private func fold(_ units: Range<Int>, _ values: [Double]) {
        let replications = layout.replications
        let pointIndex = units.lowerBound / replications
        let stride = layout.points[pointIndex].valuesPerReplication
        if pointIndex != point {
            point = pointIndex
            accumulator = PointAccumulator(layout.points[pointIndex])
        }
        values.withUnsafeBufferPointer { buffer in
            for (offset, unit) in units.enumerated() {
                accumulator!.add(UnsafeBufferPointer(rebasing: buffer[offset * stride..<(offset + 1) * stride]))
                if unit % replications == replications - 1 {
                    results.append(contentsOf: accumulator!.results(point: pointIndex, baseline: layout.baseline))
                    beyondBound += accumulator!.summariesBeyondBound
                    accumulator = nil
                }
            }
        }
    }

    /// Every point's results when all `chunkCount` chunks were folded; `nil` otherwise (an
    /// interrupted run).
    func finished(chunkCount: Int) -> (results: [CellResult], beyondBound: Int)? {
        condition.lock()
        defer { condition.unlock() }
        return folded == chunkCount ? (results, beyondBound) : nil
    }
}
