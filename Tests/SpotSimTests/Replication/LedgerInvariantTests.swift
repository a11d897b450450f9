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
        var pools = [
            Build.pool(name: "spot", provider: provider, gpusPerNode: gpus, onDemandPrice: uniform(1, 100),
                       spotPrice: uniform(0.3, 30), lifetime: lifetimes[Int(random.next() % 4)],
                       notice: uniform(0, 180), maxLifetime: random.uniform() < 0.3 ? 24 * 3600 : nil,
                       provisioning: provisioning[Int(random.next() % 4)], billing: billing),
            Build.pool(name: "other", provider: provider, gpusPerNode: gpus, onDemandPrice: uniform(1, 100),
                       spotPrice: nil, provisioning: provisioning[Int(random.next() % 4)]),
            Build.pool(name: "elsewhere", provider: providers[Int(random.next() % 3)], gpusPerNode: gpus,
                       onDemandPrice: uniform(1, 100), spotPrice: uniform(0.3, 30), lifetime: lifetimes[Int(random.next() % 4)],
                       notice: uniform(0, 180), provisioning: provisioning[Int(random.next() % 4)]),
        ]
        // The third pool's market moves: capacity comes and goes, launches fail, prices wander.
        pools[2].region = "eu-west-1"
        pools[2].spot!.availability = .alternating(
            up: .exponential(mean: uniform(10, 50) * 3600), down: .exponential(mean: uniform(0.2, 2) * 3600),
            start: .stationary, reclaimProbability: uniform(0, 1))
        pools[2].spot!.launchFailureProbability = uniform(0, 0.3)
        if random.uniform() < 0.5 {
            pools[2].spot!.priceProcess = .logOrnsteinUhlenbeck(
                mean: uniform(0.3, 30), volatilityPerSqrtHour: uniform(0, 0.5), reversionTime: uniform(1, 24) * 3600, step: 600)
        } else {
            pools[2].spot!.priceProcess = .series([(time: 0, price: uniform(0.3, 30)), (time: uniform(1, 20) * 3600, price: uniform(0.3, 30))])
        }
        let storage = random.uniform() < 0.5 ? StoragePlan.noStorage
            : StoragePlan(bucket: Bucket(provider: providers[Int(random.next() % 3)], region: "us-east-1"))
        let bytes = uniform(1e9, 200e9)
        let gangMean = meanLifetime / Double(nodes)
        let write = uniform(0, 600)
        let interval = uniform(60, Swift.max(120, gangMean / 2 - write))
        var job = Build.job(nodes: nodes, workHours: uniform(1, 40), intervals: [.seconds(interval)],
                            write: write, restore: uniform(0, 300), restart: uniform(0, 900))
        job.checkpoint.sizeBytes = bytes
        let specs = [PolicySpec(kind: .spot), PolicySpec(kind: .onDemand, pool: "other"),
                     PolicySpec(kind: .spotFallback, fallbackAfter: 1 + Int(random.next() % 5), returnAfter: random.uniform() < 0.5 ? 3600 : nil),
                     PolicySpec(kind: .failover), PolicySpec(kind: .eagerNextRegion), PolicySpec(kind: .cheapestAvailable)]
        let policy = try! specs[Int(random.next() % UInt64(specs.count))].makePolicy(for: job, pools: pools, storage: storage)
        // A third of the jobs are elastic: any minimum, speeds rising with the node count.
        let minNodes = random.uniform() < 1.0 / 3 ? 1 + Int(random.next() % UInt64(nodes)) : nodes
        let throughput = (minNodes...nodes).map { Double($0) / Double(nodes) * uniform(0.8, 1) }
        let plan = ReplicationPlan(
            pools: pools, policy: policy, nodes: nodes, workSeconds: job.workSeconds(onGPU: "V100")!,
            intervalSeconds: interval, writeSeconds: write, restoreSeconds: job.checkpoint.restoreSeconds,
            restartSeconds: job.restart, checkpointOnNotice: random.uniform() < 0.5, storage: storage,
            checkpointBytes: bytes, minNodes: minNodes, throughput: minNodes < nodes ? throughput : nil,
            horizon: Scenario.defaultHorizon)
        return (plan, job)
    }

    /// In 300 random scenarios × 10 replications (random providers and billing rules, notices
    /// with and without emergency checkpoints, maximum lifetimes, capacity that comes and goes,
    /// failed launches, moving prices, buckets with egress, every policy, gangs and elastic
    /// jobs): GPU-second categories plus the billing adjustment sum to billed GPU-seconds;
    /// wall-clock categories sum to the completion time; committed work equals the job's work;
    /// useful GPU-seconds equal work × gang GPUs for fixed gangs; no category or cost line is
    /// negative.
    @Test func ledgerBalancesInRandomScenarios() throws {
        let random = RandomStream(seed: 20261127)
        var covered = (preemptions: 0, migrations: 0, egress: 0.0, elastic: 0, policies: Set<String>())
        for scenarioIndex in 0..<300 {
            let (plan, _) = Self.randomPlan(random)
            var replicator = Replicator(pools: plan.pools)
            for replication in 0..<10 {
                let ledger = try replicator.run(plan, seed: UInt64(scenarioIndex), replication: replication)
                covered.preemptions += ledger.preemptions
                covered.migrations += ledger.migrations
                covered.egress += ledger.egressUSD
                covered.elastic += plan.minNodes < plan.nodes ? 1 : 0
                covered.policies.insert(plan.policy.name)
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
        // The random scenarios did exercise what the invariants are about.
        #expect(covered.preemptions > 1000 && covered.migrations > 100 && covered.egress > 0 && covered.elastic > 200)
        #expect(covered.policies.count == 6, "\(covered.policies)")
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
