/// `eager-next-region`: SkyPilot's default recovery strategy for managed jobs.
///
/// On a preemption, relaunch with the preempted region blocked: the cheapest pool in another
/// region first, then the next cheapest on each failed launch; when every other region has
/// failed, retry with nothing blocked, cheapest first. Attempts after a failure are
/// `retryGap` (60 s) apart.
///
/// Source: skypilot-org/skypilot, `sky/jobs/recovery_strategy.py`,
/// `EagerFailoverStrategyExecutor` ("relaunch with the preempted region blocked, cheapest
/// remaining location first, e.g. R1Z1 preempted → R2 → R3 → R1Z2; when nothing else launches,
/// retry with nothing blocked").
public struct EagerNextRegionPolicy: PlacementPolicy {
    public var order: PoolOrder
    public var name: String { "eager-next-region" }
    public var primary: Placement { Placement(pool: order.pools[0], market: .spot) }

    public init(order: PoolOrder) {
        precondition(!order.pools.isEmpty, "eager-next-region needs at least one spot pool")
        self.order = order
    }

    public func initialPlacement(_ context: PlacementContext) -> Placement { primary }

    public func placementAfterPreemption(_ context: PlacementContext) -> Placement {
        attempt(0, blocking: context.lastPreempted)
    }

    public func retryAfterLaunchFailure(_ context: PlacementContext) -> PlacementDecision {
        PlacementDecision(attempt(context.failedLaunches, blocking: context.lastPreempted), after: Self.retryGap)
    }

    /// The `attempt`-th launch (0-based) after a preemption of `blocked`: other regions
    /// cheapest first, then every pool cheapest first, cycling.
    ///
    /// - Complexity: O(pools), without allocating.
    func attempt(_ attempt: Int, blocking blocked: Placement?) -> Placement {
        let blockedRegion = blocked.flatMap { order.region(of: $0.pool) }
        var elsewhere = 0
        for position in order.pools.indices where order.regions[position] != blockedRegion {
            if elsewhere == attempt { return Placement(pool: order.pools[position], market: .spot) }
            elsewhere += 1
        }
        let any = order.pools[(attempt - elsewhere) % order.pools.count]
        return Placement(pool: any, market: .spot)
    }
}
