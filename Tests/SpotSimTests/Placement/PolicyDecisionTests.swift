import SpotSim
import Stochastics
import Testing

/// Each policy's decisions in hand-built situations.
@Suite struct PolicyDecisionTests {
    /// Pools by index: 0 east-a (1 USD/h), 1 east-b (1.5), 2 west (2), 3 eu (3).
    static let pools: [Pool] = [
        ("east-a", "us-east-1", 1.0), ("east-b", "us-east-1", 1.5), ("west", "us-west-2", 2.0), ("eu", "eu-west-1", 3.0),
    ].map { name, region, price in
        Pool(name: name, provider: .aws, region: region, instance: "p3.2xlarge", gpu: "V100", gpusPerNode: 1,
             onDemandPrice: 3.06, spot: SpotMarket(price: price, lifetime: .exponential(mean: 7200), notice: 0),
             provisioning: .constant(0), billing: Provider.aws.defaultBilling)
    }

    static func policy(_ kind: PolicySpec.Kind) throws -> any PlacementPolicy {
        try PolicySpec(kind: kind).makePolicy(for: Build.job(), pools: pools)
    }

    static func spot(_ pool: Int) -> Placement { Placement(pool: pool, market: .spot) }

    /// `failover` relaunches where it was preempted, retries in the same region for three
    /// attempts in all, then anywhere cheapest first, 60 s apart.
    @Test func failoverRetriesTheRegionThreeTimesFirst() throws {
        let failover = try Self.policy(.failover)
        #expect(failover.initialPlacement(PlacementContext(current: nil)) == Self.spot(0))
        let preempted = PlacementContext(current: Self.spot(1), preemptions: 1, lastPreempted: Self.spot(1))
        #expect(failover.placementAfterPreemption(preempted) == Self.spot(1))
        var context = preempted
        var tried: [Int] = []
        for failures in 1...6 {
            context.failedLaunches = failures
            let decision = failover.retryAfterLaunchFailure(context)
            #expect(decision.delay == 60)
            tried.append(decision.placement.pool)
        }
        // Failures 1 and 2 stay in us-east-1 (east-b, then east-a); then cheapest anywhere.
        #expect(tried == [1, 0, 0, 1, 2, 3])
    }

    /// `eager-next-region` skips the preempted region: east-a preempted → west → eu, then
    /// every pool cheapest first (east-a, east-b, …).
    @Test func eagerNextRegionSkipsThePreemptedRegion() throws {
        let eager = try Self.policy(.eagerNextRegion)
        let preempted = PlacementContext(current: Self.spot(0), preemptions: 1, lastPreempted: Self.spot(0))
        #expect(eager.placementAfterPreemption(preempted) == Self.spot(2))
        var context = preempted
        var tried: [Int] = []
        for failures in 1...4 {
            context.failedLaunches = failures
            tried.append(eager.retryAfterLaunchFailure(context).placement.pool)
        }
        #expect(tried == [3, 0, 1, 2])
    }

    /// `spot` and `on-demand` stay in their pool; `spot-fallback` moves to on-demand after
    /// `after` preemptions.
    @Test func simplePoliciesStayPut() throws {
        let spot = try Self.policy(.spot)
        let context = PlacementContext(current: Self.spot(0), preemptions: 5, failedLaunches: 2)
        #expect(spot.placementAfterPreemption(context) == Self.spot(0))
        #expect(spot.retryAfterLaunchFailure(context) == PlacementDecision(Self.spot(0), after: 60))
        let fallback = try PolicySpec(kind: .spotFallback, fallbackAfter: 2).makePolicy(for: Build.job(), pools: Self.pools)
        #expect(fallback.placementAfterPreemption(PlacementContext(current: Self.spot(0), preemptions: 1, preemptionsHere: 1)).market == .spot)
        #expect(fallback.placementAfterPreemption(PlacementContext(current: Self.spot(0), preemptions: 2, preemptionsHere: 2)).market == .onDemand)
        #expect(fallback.retryAfterLaunchFailure(PlacementContext(current: Self.spot(0), failedLaunches: 1)) == PlacementDecision(Self.spot(0), after: 60))
        #expect(fallback.retryAfterLaunchFailure(PlacementContext(current: Self.spot(0), failedLaunches: 2)).placement.market == .onDemand)
        #expect(!fallback.movesAfterCheckpoints)
    }

    /// `spot-fallback` with `return_after` goes back to spot at a checkpoint once it has been on
    /// on-demand that long and the spot pool has capacity — not before, and not while it has none.
    @Test func spotFallbackReturnsWithHysteresis() throws {
        let spec = PolicySpec(kind: .spotFallback, fallbackAfter: 2, returnAfter: 3600)
        #expect(spec.description == "spot-fallback(after=2,return_after=1h)")
        let fallback = try spec.makePolicy(for: Build.job(), pools: Self.pools)
        #expect(fallback.movesAfterCheckpoints)
        let onDemand = Placement(pool: 0, market: .onDemand)
        let up = [true, true, true, true]
        #expect(fallback.placementAfterCheckpoint(PlacementContext(current: onDemand, sinceMove: 3599, spotCapacityUp: up)) == nil)
        #expect(fallback.placementAfterCheckpoint(PlacementContext(current: onDemand, sinceMove: 3600, spotCapacityUp: up)) == Self.spot(0))
        #expect(fallback.placementAfterCheckpoint(PlacementContext(current: onDemand, sinceMove: 7200, spotCapacityUp: [false, true, true, true])) == nil)
        #expect(fallback.placementAfterCheckpoint(PlacementContext(current: Self.spot(0), sinceMove: 7200, spotCapacityUp: up)) == nil)
    }
}

/// `cheapest-available`: the cheapest place with capacity, counting the move.
@Suite struct CheapestAvailableTests {
    /// Two spot pools, AWS us-east-1 (where the bucket is) and GCP us-central1, 1 node, a
    /// 1 TB checkpoint: moving to GCP costs 90 USD of AWS egress plus 1600 s of transfer.
    static func policy(gcpPrice: Double) throws -> any PlacementPolicy {
        let pools = [
            Pool(name: "aws", provider: .aws, region: "us-east-1", instance: "p5.48xlarge", gpu: "H100", gpusPerNode: 8,
                 onDemandPrice: 98, spot: SpotMarket(price: 30, lifetime: .exponential(mean: 7200), notice: 120),
                 provisioning: .constant(0), billing: Provider.aws.defaultBilling),
            Pool(name: "gcp", provider: .gcp, region: "us-central1", instance: "a3-highgpu-8g", gpu: "H100", gpusPerNode: 8,
                 onDemandPrice: 85, spot: SpotMarket(price: gcpPrice, lifetime: .exponential(mean: 7200), notice: 30),
                 provisioning: .constant(0), billing: Provider.gcp.defaultBilling),
        ]
        var job = Build.job(gpu: "H100", nodes: 1, workHours: 10)
        job.checkpoint.sizeBytes = 1e12
        let storage = StoragePlan(bucket: Bucket(provider: .aws, region: "us-east-1"))
        return try PolicySpec(kind: .cheapestAvailable).makePolicy(for: job, pools: pools, storage: storage)
    }

    static let aws = Placement(pool: 0, market: .spot)
    static let gcp = Placement(pool: 1, market: .spot)

    /// With one hour left, a 1 USD/h cheaper GCP does not pay for 90 USD of egress: stay. With
    /// ten hours left and GCP at 19 USD/h (11 USD/h cheaper), it does: move.
    @Test func movesOnlyWhenThePriceGapOutweighsTheMove() throws {
        let close = try Self.policy(gcpPrice: 29)
        let oneHourLeft = PlacementContext(current: Self.aws, spotCapacityUp: [true, true], remainingWorkSeconds: 3600)
        #expect(close.placementAfterCheckpoint(oneHourLeft) == nil)
        let far = try Self.policy(gcpPrice: 19)
        let tenHoursLeft = PlacementContext(current: Self.aws, spotCapacityUp: [true, true], remainingWorkSeconds: 36_000)
        #expect(far.placementAfterCheckpoint(tenHoursLeft) == Self.gcp)
    }

    /// Only places with capacity now are candidates: with GCP spot down the job relaunches on
    /// AWS spot; with both down, on the cheaper on-demand pool.
    @Test func onlyPlacesWithCapacity() throws {
        let policy = try Self.policy(gcpPrice: 19)
        let gcpDown = PlacementContext(current: Self.gcp, spotCapacityUp: [true, false], remainingWorkSeconds: 36_000)
        #expect(policy.placementAfterPreemption(gcpDown) == Self.aws)
        let bothDown = PlacementContext(current: Self.gcp, spotCapacityUp: [false, false], remainingWorkSeconds: 36_000)
        #expect(policy.placementAfterPreemption(bothDown) == Placement(pool: 1, market: .onDemand))
    }
}
