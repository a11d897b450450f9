import SpotSim
import Testing

/// The event loop delivers consecutive progress events (restarts, segments, checkpoints) in a
/// run of their own, reading the queue's next time once per commit: the order, the clock and
/// the horizon must be exactly those of one event at a time.
@Suite struct ProgressRunTests {
    /// Rule: a checkpoint that ends at the very instant the node is reclaimed commits first —
    /// the run of progress events stops at the queued preemption only after the tie — and the
    /// events of the run come in time order, segment, checkpoint, segment, checkpoint.
    ///
    /// Lifetime 3720 s, no provisioning delay, interval 1800 s, write 60 s: segments end at
    /// 1800 and 3660, checkpoints at 1860 and 3720, when the node is reclaimed.
    @Test func checkpointAtTheReclaimInstantCommitsFirst() throws {
        let pool = Build.pool(lifetime: .constant(3720))
        let plan = ReplicationPlan(
            pools: [pool], policy: SpotPolicy(pool: 0), nodes: 1, workSeconds: 5400, intervalSeconds: 1800,
            writeSeconds: 60, restoreSeconds: 0, restartSeconds: 0, horizon: 100 * 3600)
        var replicator = Replicator(pools: [pool])
        var records: [TraceRecord] = []
        _ = try replicator.trace(plan, seed: 1, replication: 0) { records.append($0) }
        // Up to the preemption (the replacement node arrives at 3720 too, with no delay).
        let early = Array(records.filter { $0.seconds <= 3720 && $0.event != .start && $0.event != .launch }.prefix(6))
        #expect(early.map(\.event) == [.nodeUp, .segmentDone, .checkpointDone, .segmentDone, .checkpointDone, .preempted])
        #expect(early.map(\.seconds) == [0, 1800, 1860, 3660, 3720, 3720])
        let committed = try #require(early.first { $0.event == .preempted })
        #expect(committed.committedWorkSeconds == 3600)
        #expect(committed.lostGPUSeconds == 0)
        #expect(zip(records, records.dropFirst()).allSatisfy { $0.seconds <= $1.seconds })
    }

    /// Rule: with nothing queued (on-demand: no preemption, no capacity change), a run of
    /// progress events stops at the horizon: a job whose work does not fit fails as unfinished,
    /// and one that fits finishes at the sum of its segments and checkpoints.
    @Test func aRunOfProgressEventsStopsAtTheHorizon() throws {
        let pool = Build.pool()
        let onDemand = OnDemandPolicy(pool: 0)
        let tooShort = ReplicationPlan(
            pools: [pool], policy: onDemand, nodes: 1, workSeconds: 36_000, intervalSeconds: 1800,
            writeSeconds: 60, restoreSeconds: 0, restartSeconds: 0, horizon: 10 * 3600)
        var replicator = Replicator(pools: [pool])
        #expect(throws: ReplicationFailure.self) { _ = try replicator.run(tooShort, seed: 1, replication: 0) }
        var fits = tooShort
        fits.horizon = 36_000 + 20 * 60
        let ledger = try replicator.run(fits, seed: 1, replication: 0)
        #expect(ledger.completionSeconds == 36_000 + 20 * 60)
        #expect(ledger.committedWorkSeconds == 36_000)
    }
}
