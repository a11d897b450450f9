import SpotSim
import Stochastics
import Testing

/// Single replications whose outcome can be computed by hand.
@Suite struct ReplicatorTests {
    /// On on-demand capacity nothing is preempted: completion is provisioning + work + one
    /// checkpoint per interval, and the cost is the billed time at the on-demand price.
    @Test func onDemandRunIsDeterministicArithmetic() throws {
        let pool = Build.pool(onDemandPrice: 3.6, spotPrice: nil, provisioning: .constant(600))
        let job = Build.job(workHours: 10, intervals: [.seconds(4 * 3600)], write: 180)
        let scenario = Scenario(name: "od", seed: 1, replications: 3, pools: [pool], jobs: [job],
                                policies: [PolicySpec(kind: .onDemand)])
        let result = try ExperimentRunner(threads: 1).run(scenario)
        let cell = result.cells[0]
        // Segments 4 h, 4 h, 2 h, each followed by a 3-minute write; 10 minutes to provision.
        let expectedHours = 10 + 3 * 0.05 + 10.0 / 60
        #expect(cell.summary(.completionHours).mean.isApproximatelyEqual(to: expectedHours, relativeTolerance: 1e-12))
        #expect(cell.summary(.waitHours).mean.isApproximatelyEqual(to: 10.0 / 60, relativeTolerance: 1e-12))
        #expect(cell.summary(.checkpointHours).mean.isApproximatelyEqual(to: 0.15, relativeTolerance: 1e-12))
        // Billed from running (after provisioning) to release.
        #expect(cell.summary(.costUSD).mean.isApproximatelyEqual(to: (10 + 0.15) * 3.6, relativeTolerance: 1e-12))
        #expect(cell.summary(.goodput).mean.isApproximatelyEqual(to: 10 / 10.15, relativeTolerance: 1e-12))
        #expect(cell.summary(.preemptions).mean == 0)
        #expect(cell.summary(.costUSD).standardDeviation == 0)
    }

    /// A spot node with a constant lifetime shorter than a segment is preempted at that age:
    /// a 3 h lifetime against 2 h segments loses 1 h of the second segment each time, and the
    /// restart (30 min) is paid on every relaunch.
    @Test func constantLifetimeLosesTheUncommittedSegment() throws {
        let pool = Build.pool(spotPrice: 1, lifetime: .constant(3 * 3600))
        let job = Build.job(workHours: 4, intervals: [.seconds(2 * 3600)], write: 0, restart: 1800)
        let plan = ReplicationPlan(
            pools: [pool], policy: SpotPolicy(pool: 0), nodes: 1, workSeconds: 4 * 3600,
            intervalSeconds: 2 * 3600, writeSeconds: 0, restoreSeconds: 0, restartSeconds: 1800,
            horizon: Scenario.defaultHorizon)
        _ = job
        var replicator = Replicator(pools: [pool])
        let ledger = try replicator.run(plan, seed: 1, replication: 0)
        // t=0–2 commit; 2–3 lost; preempted at 3; restart 3–3.5; 3.5–5.5 commit: done.
        #expect(ledger.preemptions == 1)
        #expect(ledger.completionSeconds == 5.5 * 3600)
        #expect(ledger.lostSeconds == 3600)
        #expect(ledger.restartSeconds == 1800)
        #expect(ledger.spotUSD.isApproximatelyEqual(to: 5.5, relativeTolerance: 1e-12))
    }

    /// `spot-fallback` moves to on-demand after `after` preemptions and is never preempted again.
    @Test func spotFallbackMovesToOnDemand() throws {
        let pool = Build.pool(onDemandPrice: 3, spotPrice: 1, lifetime: .constant(3600))
        let plan = ReplicationPlan(
            pools: [pool], policy: SpotFallbackPolicy(spotPool: 0, onDemandPool: 0, after: 2), nodes: 2,
            workSeconds: 5 * 3600, intervalSeconds: 1800, writeSeconds: 60, restoreSeconds: 0,
            restartSeconds: 300, horizon: Scenario.defaultHorizon)
        var replicator = Replicator(pools: [pool])
        let ledger = try replicator.run(plan, seed: 3, replication: 0)
        // Both nodes die together at 1 h (constant lifetime): the first preemption relaunches one
        // node on spot; the second (same instant) moves the gang to on-demand.
        #expect(ledger.preemptions == 2)
        #expect(ledger.onDemandUSD > 0)
        #expect(ledger.violations(workSeconds: plan.workSeconds, gangGPUs: 2).isEmpty)
    }

    /// Replications are paired: `spot-fallback` that never falls back sees exactly the market
    /// `spot` sees, replication by replication.
    @Test func policiesFaceTheSameMarket() throws {
        let pool = Build.pool(lifetime: .weibull(scale: 5400, shape: 0.7), provisioning: .exponential(mean: 300))
        let job = Build.job(nodes: 3, workHours: 20, intervals: [.seconds(1800)])
        let scenario = Scenario(name: "crn", seed: 11, replications: 400, pools: [pool], jobs: [job],
                                policies: [PolicySpec(kind: .spot), PolicySpec(kind: .spotFallback, fallbackAfter: 1_000_000)])
        let result = try ExperimentRunner(threads: 2).run(scenario)
        #expect(result.cells[0].summaries == result.cells[1].summaries)
    }

    /// Billing rules: AWS bills whole seconds with a 60 s minimum; Azure whole minutes, partial
    /// minutes free.
    @Test func billingRules() {
        let aws = Provider.aws.defaultBilling
        #expect(aws.billedSeconds(forRunning: 12.3) == 60)
        #expect(aws.billedSeconds(forRunning: 75.2) == 76)
        let azure = Provider.azure.defaultBilling
        #expect(azure.billedSeconds(forRunning: 119) == 60)
        #expect(azure.billedSeconds(forRunning: 30) == 0)
    }

    /// A job that cannot outrun its preemptions fails with a message naming the horizon rather
    /// than running forever.
    @Test func unfinishableJobHitsTheHorizon() {
        let pool = Build.pool(lifetime: .constant(600))
        let job = Build.job(workHours: 10, intervals: [.seconds(3600)], write: 60, restart: 60)
        let scenario = Scenario(name: "stuck", seed: 1, replications: 5, horizon: 30 * 86400, pools: [pool],
                                jobs: [job], policies: [PolicySpec(kind: .spot)])
        #expect {
            _ = try ExperimentRunner(threads: 2).run(scenario)
        } throws: { error in
            "\(error)".hasPrefix("job train, policy spot, interval 1h: replication 0: the job did not finish within the horizon of 30d")
        }
    }
}
