@testable import SpotSim
import Stochastics
import Testing

/// The shortcuts the replicator's event loop takes must give exactly the answers of the slower
/// paths they stand for.
@Suite struct HotPathTests {
    static let pools = PolicyDecisionTests.pools

    /// Contexts covering what the built-in policies look at: placements, preemption and
    /// failed-launch counts, time since the last move, capacity and remaining work.
    static var contexts: [PlacementContext] {
        var contexts: [PlacementContext] = []
        for current in [Placement(pool: 0, market: .spot), Placement(pool: 2, market: .spot), Placement(pool: 1, market: .onDemand)] {
            for (preemptions, failed) in [(0, 0), (1, 0), (3, 2), (7, 5)] {
                for capacity in [[true, true, true, true], [false, true, false, true]] {
                    contexts.append(PlacementContext(
                        current: current, preemptions: preemptions, preemptionsHere: preemptions / 2,
                        now: 3600 * Double(preemptions), sinceMove: 1800 * Double(failed), failedLaunches: failed,
                        lastPreempted: preemptions > 0 ? current : nil, spotCapacityUp: capacity,
                        remainingWorkSeconds: 36_000))
                }
            }
        }
        return contexts
    }

    /// `spot` and `on-demand` (and only they) get an in-place placement, which is their answer
    /// after a preemption in every context; their answer after a failed launch is the current
    /// placement after the retry gap, as the replicator answers for them.
    @Test(arguments: PolicySpec.Kind.allCases)
    func inPlacePoliciesAnswerAsTheyWould(kind: PolicySpec.Kind) throws {
        let policy = try PolicySpec(kind: kind).makePolicy(for: Build.job(), pools: Self.pools)
        let placement = ReplicationPlan.inPlacePlacement(of: policy)
        #expect((placement != nil) == (kind == .spot || kind == .onDemand))
        guard let placement else { return }
        for context in Self.contexts {
            #expect(policy.placementAfterPreemption(context) == placement)
            #expect(policy.retryAfterLaunchFailure(context) == PlacementDecision(context.current!, after: SpotPolicy.retryGap))
        }
    }

    /// A plan keeps its in-place placement in step with its policy when the policy changes.
    @Test func planFollowsItsPolicy() {
        var plan = ReplicationPlan(
            pools: Self.pools, policy: SpotPolicy(pool: 2), nodes: 1, workSeconds: 3600, intervalSeconds: 600,
            writeSeconds: 60, restoreSeconds: 0, restartSeconds: 0, horizon: Scenario.defaultHorizon)
        #expect(plan.inPlacePlacement == Placement(pool: 2, market: .spot))
        plan.policy = OnDemandPolicy(pool: 1)
        #expect(plan.inPlacePlacement == Placement(pool: 1, market: .onDemand))
        plan.policy = SpotFallbackPolicy(spotPool: 0, onDemandPool: 1, after: 2)
        #expect(plan.inPlacePlacement == nil)
    }

    /// Per-second billing skips the division by the granularity: for every rounding, minimum
    /// and free-interruption rule, the answer is bit for bit the general formula's
    /// (units = seconds / granularity, rounded, times granularity, at least the minimum).
    @Test func perSecondBillingIsTheGeneralFormula() {
        var seconds: [Double] = [0, 0.25, 0.5, 1, 59.999, 60, 60.000_001, 75.2, 3599.5, 3600, 86_399.75, 1e9 + 0.5]
        let stream = RandomStream(seed: 5)
        for _ in 0..<2000 { seconds.append(stream.uniform() * 100_000) }
        for rounding in [BillingRule.Rounding.up, .down] {
            for (minimum, free) in [(0.0, 0.0), (60, 0), (60, 3600)] {
                let rule = BillingRule(granularity: 1, minimum: minimum, rounding: rounding, freeIfInterruptedWithin: free)
                for s in seconds {
                    for interrupted in [false, true] {
                        let units = s / rule.granularity
                        let whole = rounding == .up ? units.rounded(.up) : units.rounded(.down)
                        let general = interrupted && s < free ? 0 : Swift.max(whole * rule.granularity, minimum)
                        #expect(rule.billedSeconds(forRunning: s, interrupted: interrupted).bitPattern == general.bitPattern)
                    }
                }
            }
        }
    }

    /// A pool's draws come from the streams of its components, as `StreamComponent` lays them
    /// out: the lifetime, the provisioning delay and the two coins are the values the pool's
    /// distributions draw from freshly derived streams.
    @Test func poolDrawsUseTheComponentStreams() {
        let pool = Pool(
            name: "p", provider: .aws, region: "us-east-1", instance: "x", gpu: "V100", gpusPerNode: 8, onDemandPrice: 3,
            spot: SpotMarket(price: 1, lifetime: .weibull(scale: 7200, shape: 0.7), notice: 0,
                             availability: .alternating(up: .exponential(mean: 3600), down: .exponential(mean: 600),
                                                        start: .up, reclaimProbability: 0.4),
                             launchFailureProbability: 0.3),
            provisioning: .exponential(mean: 180), billing: Provider.aws.defaultBilling)
        var market = MarketState(pools: [pool, pool])
        market.reset(seed: 9, replication: 4)
        func stream(_ component: UInt64) -> RandomStream {
            RandomStream(seed: 9, replication: 4, component: UInt64(StreamComponent.count) + component)
        }
        let lifetimes = stream(StreamComponent.lifetime), delays = stream(StreamComponent.provisioning)
        let launches = stream(StreamComponent.launchFailure), reclaims = stream(StreamComponent.reclaim)
        for _ in 0..<200 {
            #expect(market.lifetime(1) == Distribution.weibull(scale: 7200, shape: 0.7).sample(using: lifetimes))
            #expect(market.provisioningDelay(1) == Distribution.exponential(mean: 180).sample(using: delays))
            #expect(market.draws[1].launchFails() == (launches.uniform() < 0.3))
            #expect(market.reclaimCoin(1) == (reclaims.uniform() < 0.4))
        }
        // A constant provisioning delay draws nothing.
        var constant = pool
        constant.provisioning = .constant(-5)
        let fixed = MarketState(pools: [constant])
        #expect(fixed.provisioningDelay(0) == 0)
    }
}
