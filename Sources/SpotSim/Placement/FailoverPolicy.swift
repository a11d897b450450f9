/// `failover`: SkyPilot's FAILOVER recovery strategy for managed jobs.
///
/// On a preemption, relaunch in the same cloud and region; a launch that fails is retried in
/// that region (its pools cheapest first, cycling) up to three tries in all; after that, in any
/// pool that can run the job, cheapest first. Attempts are `retryGap` (60 s) apart.
///
/// Source: skypilot-org/skypilot, `sky/jobs/recovery_strategy.py`, `FailoverStrategyExecutor`
/// ("relaunch in the same cloud and region (any zone), up to 3 tries; if those fail, relaunch
/// anywhere the optimizer allows"; `RETRY_INIT_GAP_SECONDS = 60`).
public struct FailoverPolicy: PlacementPolicy {
    /// Launch attempts in the preempted region before trying anywhere.
    public static let triesInRegion = 3

    public var order: PoolOrder
    public var name: String { "failover" }
    public var primary: Placement { Placement(pool: order.pools[0], market: .spot) }

    public init(order: PoolOrder) {
        precondition(!order.pools.isEmpty, "failover needs at least one spot pool")
        self.order = order
    }

    public func initialPlacement(_ context: PlacementContext) -> Placement { primary }

    public func placementAfterPreemption(_ context: PlacementContext) -> Placement {
        context.current ?? primary
    }

    public func retryAfterLaunchFailure(_ context: PlacementContext) -> PlacementDecision {
        let failed = context.failedLaunches
        let home = context.lastPreempted ?? context.current ?? primary
        if failed < Self.triesInRegion, let region = order.region(of: home.pool) {
            let inRegion = order.regions.lazy.filter { $0 == region }.count
            var skip = failed % inRegion
            for position in order.pools.indices where order.regions[position] == region {
                if skip == 0 { return PlacementDecision(Placement(pool: order.pools[position], market: .spot), after: Self.retryGap) }
                skip -= 1
            }
        }
        let anywhere = order.pools[(failed - Self.triesInRegion) % order.pools.count]
        return PlacementDecision(Placement(pool: anywhere, market: .spot), after: Self.retryGap)
    }
}
