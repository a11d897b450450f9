import SpotSim
import Stochastics
import Testing

/// The ledger balances in every replication of many random scenarios.
@Suite struct LedgerInvariantTests {
    /// A random but finishable scenario: the gang's mean time between preemptions is at least
    /// the checkpoint interval plus the write, so progress outpaces preemptions.
    static func randomPlan(_ random: RandomStream) -> (ReplicationPlan, Job) {
        func uniform(_ lower: Double, _ upper: Double) -> Double { lower + (upper - lower) * random.uniform() }
        let providers = Provider.allCases
        let provider = providers[Int(random.next() % UInt64(providers.count))]
        let nodes = 1 + Int(random.next() % 4)
        let meanLifetime = uniform(2, 30) * 3600
        let lifetimes: [Distribution] = [
            .exponential(mean: meanLifetime),
            .weibull(scale: meanLifetime, shape: uniform(0.6, 2)),
            .logNormal(mean: meanLifetime, standardDeviation: meanLifetime * uniform(0.3, 2)),
            .gamma(shape: uniform(0.5, 3), mean: meanLifetime),
        ]
        let provisioning: [Distribution] = [
            .constant(0), .constant(uniform(10, 600)), .exponential(mean: uniform(30, 900)),
            .uniform(lower: 0, upper: uniform(1, 1200)),
        ]
        let gpus = [1, 4, 8][Int(random.next() % 3)]
        let billing = random.uniform() < 0.5 ? provider.defaultBilling
            : BillingRule(granularity: [1, 60, 3600][Int(random.next() % 3)], minimum: uniform(0, 120), rounding: random.uniform() < 0.5 ? .up : .down)
        let pools = [
            Build.pool(name: "spot", provider: provider, gpusPerNode: gpus, onDemandPrice: uniform(1, 100),
                       spotPrice: uniform(0.3, 30), lifetime: lifetimes[Int(random.next() % 4)],
                       notice: uniform(0, 180), maxLifetime: random.uniform() < 0.3 ? 24 * 3600 : nil,
                       provisioning: provisioning[Int(random.next() % 4)], billing: billing),
            Build.pool(name: "other", provider: provider, gpusPerNode: gpus, onDemandPrice: uniform(1, 100),
                       spotPrice: nil, provisioning: provisioning[Int(random.next() % 4)]),
        ]
        let gangMean = meanLifetime / Double(nodes)
        let write = uniform(0, 600)
        let interval = uniform(60, Swift.max(120, gangMean / 2 - write))
        let job = Build.job(nodes: nodes, workHours: uniform(1, 40), intervals: [.seconds(interval)],
                            write: write, restore: uniform(0, 300), restart: uniform(0, 900))
        let specs = [PolicySpec(kind: .spot), PolicySpec(kind: .onDemand, pool: "other"),
                     PolicySpec(kind: .spotFallback, fallbackAfter: 1 + Int(random.next() % 5))]
        let policy = try! specs[Int(random.next() % 3)].makePolicy(for: job, pools: pools)
        // A third of the jobs are elastic: any minimum, speeds rising with the node count.
        let minNodes = random.uniform() < 1.0 / 3 ? 1 + Int(random.next() % UInt64(nodes)) : nodes
        let throughput = (minNodes...nodes).map { Double($0) / Double(nodes) * uniform(0.8, 1) }
        let plan = ReplicationPlan(
            pools: pools, policy: policy, nodes: nodes, workSeconds: job.workSeconds(onGPU: "V100")!,
            intervalSeconds: interval, writeSeconds: write, restoreSeconds: job.checkpoint.restoreSeconds,
            restartSeconds: job.restart, checkpointOnNotice: random.uniform() < 0.5,
            minNodes: minNodes, throughput: minNodes < nodes ? throughput : nil, horizon: Scenario.defaultHorizon)
        return (plan, job)
    }

    /// In 300 random scenarios × 10 replications (random providers and billing rules, notices
    /// with and without emergency checkpoints, maximum lifetimes, gangs and elastic jobs): GPU-second categories plus
    /// the billing adjustment sum to billed GPU-seconds; wall-clock categories sum to the completion time; committed
    /// compute equals the work; useful GPU-seconds equal work × gang GPUs; no category is
    /// negative.
    @Test func ledgerBalancesInRandomScenarios() throws {
        let random = RandomStream(seed: 20261127)
        for scenarioIndex in 0..<300 {
            let (plan, _) = Self.randomPlan(random)
            var replicator = Replicator(pools: plan.pools)
            for replication in 0..<10 {
                let ledger = try replicator.run(plan, seed: UInt64(scenarioIndex), replication: replication)
                let problems = ledger.violations(workSeconds: plan.workSeconds, gangGPUs: plan.gangGPUs)
                #expect(problems.isEmpty, "scenario \(scenarioIndex) (\(plan.policy.name), \(plan.nodes) nodes), replication \(replication): \(problems)")
                if plan.policy.name == "on-demand" {
                    #expect(ledger.preemptions == 0 && ledger.lostGPUSeconds == 0 && ledger.spotUSD == 0)
                }
                if plan.policy.name == "spot" {
                    #expect(ledger.onDemandUSD == 0)
                }
            }
        }
    }

    /// A ledger whose categories do not add up reports it.
    @Test func violationsDetectAnUnbalancedLedger() {
        var ledger = Ledger()
        ledger.usefulGPUSeconds = 100
        ledger.billedGPUSeconds = 120
        ledger.computeSeconds = 100
        ledger.committedWorkSeconds = 100
        ledger.completionSeconds = 100
        let problems = ledger.violations(workSeconds: 100, gangGPUs: 1)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("billed") == true)
    }
}
