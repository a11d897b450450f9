import SpotSim
import Stochastics
import Testing

/// Availability, failed launches, reclaims and price paths, on timelines computed by hand.
@Suite struct MarketDynamicsTests {
    static func spotPool(
        name: String, provider: Provider = .gcp, region: String = "us-east-1", price: PriceProcess = .constant(1),
        lifetime: Distribution = .constant(100 * 3600), availability: Availability = .always
    ) -> Pool {
        Pool(
            name: name, provider: provider, region: region, instance: "a3-highgpu-8g", gpu: "V100", gpusPerNode: 1,
            onDemandPrice: 10,
            spot: SpotMarket(priceProcess: price, lifetime: lifetime, notice: 0, availability: availability),
            provisioning: .constant(0), billing: BillingRule(granularity: 1, minimum: 0, rounding: .up))
    }

    static func plan(_ pools: [Pool], _ policy: any PlacementPolicy, work: Double, interval: Double) -> ReplicationPlan {
        ReplicationPlan(
            pools: pools, policy: policy, nodes: 1, workSeconds: work, intervalSeconds: interval, writeSeconds: 0,
            restoreSeconds: 0, restartSeconds: 0, horizon: Scenario.defaultHorizon)
    }

    /// Capacity up 2 h, down 1 h, reclaim all: the node is reclaimed when capacity drops at
    /// 2:00 (after the checkpoint of that instant commits); relaunches fail every 60 s until
    /// capacity returns at 3:00; the job ends at 4:00 having waited 1 h.
    @Test func capacityDropReclaimsAndLaunchesFailUntilItReturns() throws {
        let availability = Availability.alternating(up: .constant(7200), down: .constant(3600), start: .up, reclaimProbability: 1)
        let pool = Self.spotPool(name: "a", availability: availability)
        var replicator = Replicator(pools: [pool])
        let ledger = try replicator.run(Self.plan([pool], SpotPolicy(pool: 0), work: 3 * 3600, interval: 3600), seed: 1, replication: 0)
        #expect(ledger.preemptions == 1)
        #expect(ledger.completionSeconds == 4 * 3600)
        #expect(ledger.waitSeconds == 3600)
        #expect(ledger.lostSeconds == 0)
        #expect(ledger.spotUSD.isApproximatelyEqual(to: 3, relativeTolerance: 1e-12))
    }

    /// With reclaim probability 0 a capacity drop leaves running nodes alone.
    @Test func capacityDropWithoutReclaimKeepsRunningNodes() throws {
        let availability = Availability.alternating(up: .constant(7200), down: .constant(3600), start: .up, reclaimProbability: 0)
        let pool = Self.spotPool(name: "a", availability: availability)
        var replicator = Replicator(pools: [pool])
        let ledger = try replicator.run(Self.plan([pool], SpotPolicy(pool: 0), work: 3 * 3600, interval: 3600), seed: 1, replication: 0)
        #expect(ledger.preemptions == 0)
        #expect(ledger.completionSeconds == 3 * 3600)
    }

    /// `eager-next-region`: preempted in the cheap region at 1:00, the job moves to the other
    /// region and finishes there; spot cost is 1 h at the cheap price plus 2 h at the other.
    @Test func eagerNextRegionMovesAwayFromThePreemptedRegion() throws {
        let pools = [
            Self.spotPool(name: "east", region: "us-east-1", price: .constant(1), lifetime: .constant(3600)),
            Self.spotPool(name: "west", region: "us-west-2", price: .constant(2)),
        ]
        let job = Build.job(workHours: 3)
        let policy = try PolicySpec(kind: .eagerNextRegion).makePolicy(for: job, pools: pools)
        var replicator = Replicator(pools: pools)
        let ledger = try replicator.run(Self.plan(pools, policy, work: 3 * 3600, interval: 1800), seed: 1, replication: 0)
        #expect(ledger.preemptions == 1)
        #expect(ledger.completionSeconds == 3 * 3600)
        #expect(ledger.spotUSD.isApproximatelyEqual(to: 1 * 1 + 2 * 2, relativeTolerance: 1e-12))
    }

    /// `spot` stays in its pool: the same preemption is followed by a relaunch there.
    @Test func spotRelaunchesInPlace() throws {
        let pools = [
            Self.spotPool(name: "east", region: "us-east-1", price: .constant(1), lifetime: .constant(3600)),
            Self.spotPool(name: "west", region: "us-west-2", price: .constant(2)),
        ]
        var replicator = Replicator(pools: pools)
        let ledger = try replicator.run(Self.plan(pools, SpotPolicy(pool: 0), work: 3 * 3600, interval: 1800), seed: 1, replication: 0)
        #expect(ledger.preemptions == 2)
        #expect(ledger.spotUSD.isApproximatelyEqual(to: 3, relativeTolerance: 1e-12))
    }

    /// Spot nodes are billed at the price in force: a series of 1 USD/h for the first hour and
    /// 3 USD/h after costs 4 USD for two hours.
    @Test func spotBilledAtThePriceInForce() throws {
        let pool = Self.spotPool(name: "a", price: .series([(time: 0, price: 1), (time: 3600, price: 3)]))
        var replicator = Replicator(pools: [pool])
        let ledger = try replicator.run(Self.plan([pool], SpotPolicy(pool: 0), work: 2 * 3600, interval: 3600), seed: 1, replication: 0)
        #expect(ledger.spotUSD.isApproximatelyEqual(to: 4, relativeTolerance: 1e-12))
    }

    /// Every policy of one replication faces the same availability path: two cells with the
    /// same policy but other names see identical outcomes, and the market is keyed by pool so
    /// adding a pool no one uses changes nothing.
    @Test func availabilityIsPairedAcrossCells() throws {
        let availability = Availability.alternating(
            up: .exponential(mean: 4 * 3600), down: .exponential(mean: 3600), start: .stationary, reclaimProbability: 0.7)
        let used = Self.spotPool(name: "a", lifetime: .weibull(scale: 3 * 3600, shape: 0.8), availability: availability)
        let unused = Self.spotPool(name: "b", region: "eu-west-1", price: .constant(5), availability: availability)
        var one = Replicator(pools: [used])
        var two = Replicator(pools: [used, unused])
        for replication in 0..<50 {
            let a = try one.run(Self.plan([used], SpotPolicy(pool: 0), work: 10 * 3600, interval: 1800), seed: 3, replication: replication)
            let b = try two.run(Self.plan([used, unused], SpotPolicy(pool: 0), work: 10 * 3600, interval: 1800), seed: 3, replication: replication)
            #expect(a == b)
        }
    }
}

/// `spot-fallback` with `return_after` in the engine.
@Suite struct SpotFallbackReturnTests {
    /// Spot nodes live 1 h; after one preemption the job falls back to on-demand at 1:00, and
    /// with `return_after: 30m` it returns to spot at the first checkpoint after 1:30 (at 1:30,
    /// the interval being 30 min), to be preempted again at 2:30 and fall back again.
    @Test func returnsToSpotAfterItsStay() throws {
        let pool = MarketDynamicsTests.spotPool(name: "a", lifetime: .constant(3600))
        let policy = SpotFallbackPolicy(spotPool: 0, onDemandPool: 0, after: 1, returnAfter: 1800)
        var replicator = Replicator(pools: [pool])
        let ledger = try replicator.run(
            MarketDynamicsTests.plan([pool], policy, work: 3 * 3600, interval: 1800), seed: 1, replication: 0)
        // 0–1:00 spot (2 commits), preempted at 1:00 → on-demand 1:00–1:30 (1 commit, stay 30 min)
        // → spot 1:30–2:30 (2 commits), preempted at 2:30 → on-demand 2:30–3:00 (last commit).
        #expect(ledger.preemptions == 2)
        #expect(ledger.completionSeconds == 3 * 3600)
        #expect(ledger.spotUSD.isApproximatelyEqual(to: 2 * 1, relativeTolerance: 1e-12))
        #expect(ledger.onDemandUSD.isApproximatelyEqual(to: 1 * 10, relativeTolerance: 1e-12))
    }
}

/// Checkpoint storage and egress in the engine.
@Suite struct StorageInEngineTests {
    /// A job preempted in the bucket's region moves (eager-next-region) to another cloud: the
    /// restore there waits for the transfer (100 GB at 5 Gbit/s = 160 s) and pays the bucket
    /// provider's internet egress (100 GB × 0.09); each checkpoint written there takes 160 s
    /// more and pays that cloud's egress (100 GB × 0.12); the bucket bills 100 GB for the
    /// job's duration at 0.023 per GB-month; the move counts as one migration.
    @Test func movingAwayFromTheBucketCostsTimeAndEgress() throws {
        let pools = [
            MarketDynamicsTests.spotPool(name: "aws-east", provider: .aws, region: "us-east-1", price: .constant(1), lifetime: .constant(3600)),
            MarketDynamicsTests.spotPool(name: "gcp-central", provider: .gcp, region: "us-central1", price: .constant(2)),
        ]
        let storage = StoragePlan(bucket: Bucket(provider: .aws, region: "us-east-1", pricePerGBMonth: 0.023))
        let policy = try PolicySpec(kind: .eagerNextRegion).makePolicy(for: Build.job(), pools: pools)
        let plan = ReplicationPlan(
            pools: pools, policy: policy, nodes: 1, workSeconds: 2 * 3600, intervalSeconds: 3600, writeSeconds: 0,
            restoreSeconds: 0, restartSeconds: 0, storage: storage, checkpointBytes: 100e9, horizon: Scenario.defaultHorizon)
        var replicator = Replicator(pools: pools)
        let ledger = try replicator.run(plan, seed: 1, replication: 0)
        let completion = 2 * 3600.0 + 160 + 160
        #expect(ledger.migrations == 1)
        #expect(ledger.preemptions == 1)
        #expect(ledger.completionSeconds.isApproximatelyEqual(to: completion, relativeTolerance: 1e-12))
        #expect(ledger.restartSeconds.isApproximatelyEqual(to: 160, relativeTolerance: 1e-12))
        #expect(ledger.egressUSD.isApproximatelyEqual(to: 100 * 0.09 + 100 * 0.12, relativeTolerance: 1e-12))
        #expect(ledger.storageUSD.isApproximatelyEqual(to: 100 * completion / (30 * 86400) * 0.023, relativeTolerance: 1e-12))
        #expect(ledger.totalUSD.isApproximatelyEqual(
            to: ledger.spotUSD + ledger.onDemandUSD + ledger.storageUSD + ledger.egressUSD, relativeTolerance: 1e-15))
        #expect(ledger.violations(workSeconds: 2 * 3600, gangGPUs: 1).isEmpty)
    }
}
