/// `on-demand`: run the whole job on on-demand nodes of one pool — the baseline every spot
/// policy is compared against (and the usual advice for inference).
public struct OnDemandPolicy: PlacementPolicy {
    public var pool: Int
    public var name: String { "on-demand" }
    public var primary: Placement { Placement(pool: pool, market: .onDemand) }

    public init(pool: Int) { self.pool = pool }

    public func initialPlacement(_ context: PlacementContext) -> Placement { primary }
    public func placementAfterPreemption(_ context: PlacementContext) -> Placement { primary }
}
