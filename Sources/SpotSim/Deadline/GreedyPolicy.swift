/// `greedy`: use spot whenever it is available and wait while it is not, until waiting would
/// miss the deadline; then switch to on-demand and stay on it.
///
/// The greedy policy of "Can't Be Late: Optimizing Spot Instance Savings under Deadlines"
/// (Z. Wu, W.-L. Chiang, Z. Mao, Z. Yang, E. Friedman, S. Shenker, I. Stoica; NSDI'24, §3):
/// the switch is the deadline safety net (``DeadlineRules/safetyNetFires(_:)``): remaining
/// work plus one restart overhead ≥ remaining time, unless a spot node is running with no
/// overhead pending.
///
/// ```yaml
/// policies: [greedy, uniform-progress, on-demand, omniscient]
/// ```
///
/// - Complexity: O(1) per decision.
public struct GreedyPolicy: DeadlinePolicy {
    public let name = "greedy"
    public let spotPool: Int
    public let onDemandPool: Int

    public init(spotPool: Int, onDemandPool: Int) {
        self.spotPool = spotPool
        self.onDemandPool = onDemandPool
    }

    public func decide(_ state: DeadlineState) -> ClusterChoice {
        guard state.remainingWork > DeadlineRules.overheadEpsilon else { return .idle }
        if DeadlineRules.safetyNetFires(state) { return .onDemand }
        if state.cluster == .onDemand { return .onDemand }  // it stays once switched
        return state.spotAvailable ? .spot : .idle
    }
}
