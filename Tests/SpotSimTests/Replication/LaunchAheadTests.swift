import Stochastics
import Testing
@testable import SpotSim

/// Relaunches in place queued ahead of their retry gap while a pool has no capacity
/// (`Replicator.launchesAheadOfTime(after:)`): a run gives the ledger, to the bit, and the event
/// count that delivering every launch as an event gives — which is what `trace` does.
@Suite struct LaunchAheadTests {
    /// A gang in pools whose capacity comes and goes (every node reclaimed, or some), with
    /// provisioning delays drawn or constant, and launches that also fail by chance.
    static func pool(_ name: String, reclaim: Double, provisioning: Distribution) -> Pool {
        let availability = Availability.alternating(
            up: .exponential(mean: 6 * 3600), down: .exponential(mean: 2 * 3600), start: .stationary,
            reclaimProbability: reclaim)
        return Pool(
            name: name, provider: .gcp, region: "us-central1", instance: "a2-highgpu-8g", gpu: "A100", gpusPerNode: 8,
            onDemandPrice: 29.39,
            spot: SpotMarket(
                price: 8.8, lifetime: .exponential(mean: 5 * 3600), notice: 0, availability: availability,
                launchFailureProbability: 0.1),
            provisioning: provisioning, billing: Provider.gcp.defaultBilling)
    }

    /// Rule: for `spot` on gangs of 1 to 4 nodes, with every node or half of them reclaimed when
    /// capacity drops and exponential or constant provisioning, every replication's ledger and
    /// event count are those of the trace, which queues each launch as an event.
    @Test func runEqualsTheTraceThatLaunchesEachRetryAsAnEvent() throws {
        var launchedAhead = 0
        for (reclaim, provisioning) in [(1.0, Distribution.exponential(mean: 180)), (0.5, .constant(120)), (1, .constant(0))] {
            let pools = [Self.pool("a", reclaim: reclaim, provisioning: provisioning)]
            for nodes in [1, 2, 4] {
                let plan = ReplicationPlan(
                    pools: pools, policy: SpotPolicy(pool: 0), nodes: nodes, workSeconds: 24 * 3600,
                    intervalSeconds: 1800, writeSeconds: 120, restoreSeconds: 60, restartSeconds: 240,
                    horizon: 1000 * 3600)
                var runner = Replicator(pools: pools)
                var tracer = Replicator(pools: pools)
                for replication in 0..<12 {
                    let ran = try runner.run(plan, seed: 3, replication: replication)
                    launchedAhead += runner.launchesAhead
                    let traced = try tracer.trace(plan, seed: 3, replication: replication) { _ in }
                    #expect(tracer.launchesAhead == 0)
                    #expect(ran == traced, "reclaim \(reclaim), \(provisioning), \(nodes) nodes, replication \(replication)")
                    #expect(runner.eventsDelivered == tracer.eventsDelivered)
                }
            }
        }
        // The rule was exercised: many relaunches went ahead.
        #expect(launchedAhead > 1000)
    }
}
