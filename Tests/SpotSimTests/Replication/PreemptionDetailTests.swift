import SpotSim
import Stochastics
import Testing

/// Preemption notices, maximum lifetimes and the billing of interrupted nodes, on timelines
/// computed by hand.
@Suite struct PreemptionDetailTests {
    static func plan(
        pool: Pool, work: Double, interval: Double, write: Double, restart: Double, onNotice: Bool = false
    ) -> ReplicationPlan {
        ReplicationPlan(
            pools: [pool], policy: SpotPolicy(pool: 0), nodes: 1, workSeconds: work, intervalSeconds: interval,
            writeSeconds: write, restoreSeconds: 0, restartSeconds: restart, checkpointOnNotice: onNotice,
            horizon: Scenario.defaultHorizon)
    }

    /// With `on_notice`, the notice (2 min before a 3 h reclaim) starts a 1-minute emergency
    /// write of the 57 minutes computed since the last checkpoint: only the last minute is
    /// lost. Without it, the whole 59 minutes are.
    @Test func emergencyCheckpointOnNotice() throws {
        let pool = Build.pool(lifetime: .constant(3 * 3600), notice: 120)
        var replicator = Replicator(pools: [pool])
        let saved = try replicator.run(
            Self.plan(pool: pool, work: 4 * 3600, interval: 2 * 3600, write: 60, restart: 1800, onNotice: true),
            seed: 1, replication: 0)
        // 0–2:00 compute, 2:01 commit; 2:01–2:58 compute; notice at 2:58, write to 2:59 (commits
        // 2:57 of work); 2:59–3:00 lost; restart 3:00–3:30; 1:03 of compute to 4:33; final write to 4:34.
        #expect(saved.preemptions == 1)
        #expect(saved.completionSeconds.isApproximatelyEqual(to: 4 * 3600 + 34 * 60, relativeTolerance: 1e-12))
        #expect(saved.lostSeconds.isApproximatelyEqual(to: 60, relativeTolerance: 1e-9))
        #expect(saved.checkpointSeconds.isApproximatelyEqual(to: 180, relativeTolerance: 1e-12))

        let lost = try replicator.run(
            Self.plan(pool: pool, work: 4 * 3600, interval: 2 * 3600, write: 60, restart: 1800, onNotice: false),
            seed: 1, replication: 0)
        // 0–2:00 compute, 2:01 commit; 2:01–3:00 lost; restart to 3:30; 2:00 compute; write to 5:31.
        #expect(lost.completionSeconds.isApproximatelyEqual(to: 5 * 3600 + 31 * 60, relativeTolerance: 1e-12))
        #expect(lost.lostSeconds.isApproximatelyEqual(to: 59 * 60, relativeTolerance: 1e-12))
    }

    /// A notice shorter than the write does not start an emergency checkpoint: it could not
    /// commit before the reclaim.
    @Test func noEmergencyCheckpointWhenTheWriteDoesNotFit() throws {
        let pool = Build.pool(lifetime: .constant(3 * 3600), notice: 30)
        var replicator = Replicator(pools: [pool])
        let ledger = try replicator.run(
            Self.plan(pool: pool, work: 4 * 3600, interval: 2 * 3600, write: 60, restart: 1800, onNotice: true),
            seed: 1, replication: 0)
        #expect(ledger.lostSeconds.isApproximatelyEqual(to: 59 * 60, relativeTolerance: 1e-12))
    }

    /// A pool's maximum lifetime (GCP preemptible: 24 h) caps every spot node's life: with a
    /// 100-hour drawn lifetime capped at 1 hour, a 2.5-hour job is preempted twice.
    @Test func maximumLifetimeCapsEveryNode() throws {
        let pool = Build.pool(lifetime: .constant(100 * 3600), maxLifetime: 3600)
        var replicator = Replicator(pools: [pool])
        let ledger = try replicator.run(
            Self.plan(pool: pool, work: 2.5 * 3600, interval: 3600, write: 0, restart: 0), seed: 1, replication: 0)
        #expect(ledger.preemptions == 2)
        #expect(ledger.completionSeconds == 2.5 * 3600)
        #expect(ledger.lostSeconds == 0)
    }

    /// AWS does not charge a spot node it interrupts within its first hour; a node the job
    /// releases is charged. GCP charges both.
    @Test func interruptedFirstHourIsFreeOnAWS() throws {
        for (provider, expectedUSD) in [(Provider.aws, 0.5), (.gcp, 1.0)] {
            let pool = Build.pool(provider: provider, spotPrice: 1, lifetime: .constant(1800))
            var replicator = Replicator(pools: [pool])
            // Node 1: 0–0:30, commits 30 min, interrupted at 0:30. Node 2: 0:30–1:00, the job
            // finishes at 1:00 (its checkpoint commits before the reclaim at the same instant).
            let ledger = try replicator.run(
                Self.plan(pool: pool, work: 3600, interval: 600, write: 0, restart: 0), seed: 1, replication: 0)
            #expect(ledger.preemptions == 1, "\(provider)")
            #expect(ledger.completionSeconds == 3600, "\(provider)")
            #expect(ledger.spotUSD.isApproximatelyEqual(to: expectedUSD, relativeTolerance: 1e-12), "\(provider)")
            #expect(ledger.violations(workSeconds: 3600, gangGPUs: 1).isEmpty, "\(provider)")
        }
    }
}
