/// `omniscient`: the cheapest schedule that meets the deadline given the replication's whole
/// future market, computed offline: a lower bound on the cost of every policy.
///
/// The paper ("Can't Be Late", Wu et al., NSDI'24, §5) solves an integer linear programme; the
/// engine runs ``OmniscientPlanner``, an exact dynamic programme over decision intervals, on
/// the replication's realised availability of the policy's spot pool, and then replays the
/// schedule it found through the engine, so its cost and times are booked exactly as every
/// other policy's.
///
/// It needs what makes the future knowable: `progress: continuous`, a deadline, no random
/// spot lifetimes (preemptions come from the availability process or trace alone), no
/// provisioning delay and no random launch failures. The scenario decoder checks this.
public struct OmniscientPolicy: PlacementPolicy {
    public let name = "omniscient"
    public let spotPool: Int
    public let onDemandPool: Int

    public init(spotPool: Int, onDemandPool: Int) {
        self.spotPool = spotPool
        self.onDemandPool = onDemandPool
    }

    public var primary: Placement { Placement(pool: spotPool, market: .spot) }
    public func initialPlacement(_ context: PlacementContext) -> Placement { primary }
    public func placementAfterPreemption(_ context: PlacementContext) -> Placement { primary }
}
