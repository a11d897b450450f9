import Stochastics
import Testing
@testable import SpotSim

/// Relaunches in place queued ahead of their retry gap while a pool has no capacity
/// (`Replicator.launchesAheadOfTime(after:)`): a run gives the ledger, to the bit, and the event
/// count that delivering every launch as an event gives — which is what `trace` does.
@Suite struct LaunchAheadTests {
    /// A gang in pools whose capacity comes and goes (every node reclaimed, or some), with
    /// provisioning delays drawn or constant, and launches that also fail by chance.
    static func pool(_ name: String, reclaim: Double, provisioning: Distribution, launchFailure: Double = 0.1) -> Pool {
        let availability = Availability.alternating(
            up: .exponential(mean: 6 * 3600), down: .exponential(mean: 2 * 3600), start: .stationary,
            reclaimProbability: reclaim)
        return Pool(
            name: name, provider: .gcp, region: "us-central1", instance: "a2-highgpu-8g", gpu: "A100", gpusPerNode: 8,
            onDemandPrice: 29.39,
            spot: SpotMarket(
                price: 8.8, lifetime: .exponential(mean: 5 * 3600), notice: 0, availability: availability,
                launchFailureProbability: launchFailure),
            provisioning: provisioning, billing: Provider.gcp.defaultBilling)
    }

    /// Rule: for `spot` on gangs of 1 to 8 nodes, with every node or half of them reclaimed when
    /// capacity drops, exponential or constant provisioning, and launches that fail by chance or
    /// never, every replication's ledger and event count are those of the trace, which queues
    /// each launch as an event — whether the relaunches went through the queue or through the
    /// retry storm's loop (`Replicator.runRetryStorm(until:budget:)`), and with the coins that
    /// cannot change an outcome left undrawn.
    @Test func runEqualsTheTraceThatLaunchesEachRetryAsAnEvent() throws {
        var launchedAhead = 0
        var inStorms = 0
        let settings: [(Double, Distribution, Double)] = [
            (1.0, .exponential(mean: 180), 0.1), (0.5, .constant(120), 0.1), (1, .constant(0), 0.1),
            (1.0, .exponential(mean: 180), 0), (0.3, .exponential(mean: 60), 0),
        ]
        for (reclaim, provisioning, launchFailure) in settings {
            let pools = [Self.pool("a", reclaim: reclaim, provisioning: provisioning, launchFailure: launchFailure)]
            for nodes in [1, 2, 4, 8] {
                let plan = ReplicationPlan(
                    pools: pools, policy: SpotPolicy(pool: 0), nodes: nodes, workSeconds: 24 * 3600,
                    intervalSeconds: 1800, writeSeconds: 120, restoreSeconds: 60, restartSeconds: 240,
                    horizon: 1000 * 3600)
                var runner = Replicator(pools: pools)
                var tracer = Replicator(pools: pools)
                for replication in 0..<12 {
                    let ran = try runner.run(plan, seed: 3, replication: replication)
                    launchedAhead += runner.launchesAhead
                    inStorms += runner.retryStormFailures
                    let traced = try tracer.trace(plan, seed: 3, replication: replication) { _ in }
                    #expect(tracer.launchesAhead == 0 && tracer.retryStormFailures == 0)
                    let setting = "reclaim \(reclaim), \(provisioning), launch failure \(launchFailure), \(nodes) nodes"
                    #expect(ran == traced, "\(setting), replication \(replication)")
                    #expect(runner.eventsDelivered == tracer.eventsDelivered)
                }
            }
        }
        // The rule was exercised: many relaunches went ahead, most of them in retry storms.
        #expect(launchedAhead > 1000)
        #expect(inStorms > launchedAhead / 2)
    }
}
