/// `spot-fallback`: start on spot; after `after` preemptions there, move the whole gang to
/// on-demand; with `returnAfter`, go back to spot at the first checkpoint after `returnAfter`
/// seconds on on-demand when the spot pool has capacity — and fall back again after `after`
/// more preemptions.
///
/// The common hand-written rule ("give spot three chances"), a cap on how much a bad spot
/// market can delay a job. The return is damped twice (hysteresis): it needs a minimum stay on
/// on-demand, and it happens at a checkpoint, so moving back loses no work.
public struct SpotFallbackPolicy: PlacementPolicy {
    public var spotPool: Int
    public var onDemandPool: Int
    /// Preemptions on spot tolerated before falling back.
    public var after: Int
    /// Seconds on on-demand before returning to spot, or `nil` to stay.
    public var returnAfter: Double?
    public var name: String { "spot-fallback" }
    public var primary: Placement { Placement(pool: spotPool, market: .spot) }
    public var movesAfterCheckpoints: Bool { returnAfter != nil }

    public init(spotPool: Int, onDemandPool: Int, after: Int, returnAfter: Double? = nil) {
        self.spotPool = spotPool
        self.onDemandPool = onDemandPool
        self.after = after
        self.returnAfter = returnAfter
    }

    var onDemand: Placement { Placement(pool: onDemandPool, market: .onDemand) }

    public func initialPlacement(_ context: PlacementContext) -> Placement { primary }

    public func placementAfterPreemption(_ context: PlacementContext) -> Placement {
        context.preemptionsHere >= after ? onDemand : primary
    }

    /// A spot launch that failed is retried in place after `retryGap`, until `after` launches
    /// in a row have failed: then the job falls back to on-demand at once.
    public func retryAfterLaunchFailure(_ context: PlacementContext) -> PlacementDecision {
        context.failedLaunches >= after ? PlacementDecision(onDemand) : PlacementDecision(primary, after: Self.retryGap)
    }

    public func placementAfterCheckpoint(_ context: PlacementContext) -> Placement? {
        guard let returnAfter, context.current?.market == .onDemand, context.sinceMove >= returnAfter,
              context.spotCapacityUp.indices.contains(spotPool), context.spotCapacityUp[spotPool]
        else { return nil }
        return primary
    }
}
