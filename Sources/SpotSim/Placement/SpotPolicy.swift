/// `spot`: run on spot nodes of one pool; after a preemption, relaunch the missing node there.
///
/// This is SkyPilot's simplest recovery (relaunch in place) without failover, and the policy
/// behind Young's and Daly's interval rules.
public struct SpotPolicy: PlacementPolicy {
    public var pool: Int
    public var name: String { "spot" }
    public var primary: Placement { Placement(pool: pool, market: .spot) }

    public init(pool: Int) { self.pool = pool }

    public func initialPlacement(_ context: PlacementContext) -> Placement { primary }
    public func placementAfterPreemption(_ context: PlacementContext) -> Placement { primary }
}
