/// `spot-fallback`: start on spot; after `after` preemptions, move the whole gang to on-demand
/// and stay there.
///
/// The common hand-written rule ("give spot three chances"); a cap on how much a bad spot
/// market can delay a job.
public struct SpotFallbackPolicy: PlacementPolicy {
    public var spotPool: Int
    public var onDemandPool: Int
    /// Preemptions tolerated before falling back.
    public var after: Int
    public var name: String { "spot-fallback" }
    public var primary: Placement { Placement(pool: spotPool, market: .spot) }

    public init(spotPool: Int, onDemandPool: Int, after: Int) {
        self.spotPool = spotPool
        self.onDemandPool = onDemandPool
        self.after = after
    }

    public func initialPlacement(_ context: PlacementContext) -> Placement { primary }

    public func placementAfterPreemption(_ context: PlacementContext) -> Placement {
        if context.current?.market == .onDemand || context.preemptions >= after {
            return Placement(pool: onDemandPool, market: .onDemand)
        }
        return primary
    }
}
