import SpotSim
import Stochastics
import Testing

/// Elastic jobs: run with anywhere between `minNodes` and `nodes`, at the speed of the count.
@Suite struct ElasticJobTests {
    static let pool = Build.pool(lifetime: .exponential(mean: 4 * 3600), provisioning: .exponential(mean: 1800))

    static func plan(minNodes: Int?, throughput: [Double]?) -> ReplicationPlan {
        ReplicationPlan(
            pools: [pool], policy: SpotPolicy(pool: 0), nodes: 4, workSeconds: 20 * 3600, intervalSeconds: 1800,
            writeSeconds: 60, restoreSeconds: 120, restartSeconds: 300, minNodes: minNodes, throughput: throughput,
            horizon: Scenario.defaultHorizon)
    }

    /// An "elastic" job whose range is a single count runs exactly as the gang does.
    @Test func singleCountRangeIsAGang() throws {
        var gang = Replicator(pools: [Self.pool])
        var elastic = Replicator(pools: [Self.pool])
        for replication in 0..<100 {
            let a = try gang.run(Self.plan(minNodes: nil, throughput: nil), seed: 4, replication: replication)
            let b = try elastic.run(Self.plan(minNodes: 4, throughput: [1]), seed: 4, replication: replication)
            #expect(a == b)
        }
    }

    /// Allowed to run on 2 of 4 nodes at half speed or more, the job waits less for nodes than
    /// the gang (which stops whenever one of 4 is missing), and its ledger balances. The gap is
    /// checked against both runs' 95 % intervals (400 replications each, same market).
    @Test func elasticWaitsLessThanTheGang() throws {
        var gangWaits: [Double] = []
        var elasticWaits: [Double] = []
        var gang = Replicator(pools: [Self.pool])
        var elastic = Replicator(pools: [Self.pool])
        let elasticPlan = Self.plan(minNodes: 2, throughput: [0.5, 0.75, 1])
        for replication in 0..<400 {
            gangWaits.append(try gang.run(Self.plan(minNodes: nil, throughput: nil), seed: 8, replication: replication).waitSeconds)
            let ledger = try elastic.run(elasticPlan, seed: 8, replication: replication)
            elasticWaits.append(ledger.waitSeconds)
            #expect(ledger.violations(workSeconds: elasticPlan.workSeconds, gangGPUs: nil).isEmpty)
            #expect(ledger.committedWorkSeconds.isApproximatelyEqual(to: 20 * 3600, relativeTolerance: 1e-9))
        }
        let gangSummary = Summary(gangWaits)
        let elasticSummary = Summary(elasticWaits)
        let gangLow = try #require(gangSummary.confidenceInterval95).lowerBound
        let elasticHigh = try #require(elasticSummary.confidenceInterval95).upperBound
        #expect(elasticHigh < gangLow, "elastic wait \(elasticSummary.mean) s vs gang \(gangSummary.mean) s")
    }

    /// At a lower speed the same work takes longer: with every count at speed 0.5 the compute
    /// time (wall) is twice the work.
    @Test func speedScalesComputeTime() throws {
        let pool = Build.pool(spotPrice: nil, provisioning: .constant(0))
        let plan = ReplicationPlan(
            pools: [pool], policy: OnDemandPolicy(pool: 0), nodes: 2, workSeconds: 3600, intervalSeconds: 1800,
            writeSeconds: 0, restoreSeconds: 0, restartSeconds: 0, minNodes: 1, throughput: [0.5, 0.5],
            horizon: Scenario.defaultHorizon)
        var replicator = Replicator(pools: [pool])
        let ledger = try replicator.run(plan, seed: 1, replication: 0)
        #expect(ledger.completionSeconds == 7200)
        #expect(ledger.computeSeconds == 7200)
        #expect(ledger.committedWorkSeconds == 3600)
    }
}
