/// What a deadline-aware policy chooses for the next decision interval: no cluster, a spot
/// cluster, or an on-demand cluster (the paper's `NONE`, `SPOT`, `ON_DEMAND`).
public enum ClusterChoice: String, Sendable, Hashable, CaseIterable {
    case idle
    case spot
    case onDemand = "on-demand"
}

/// What a deadline-aware policy sees at a decision: the job's progress against its deadline,
/// the cluster it has, and whether its spot pool has capacity now.
///
/// All times are seconds. `remainingTime` and the rounding in ``DeadlineRules`` follow the
/// published simulator of "Can't Be Late": decisions happen once per `tick`, so remaining time
/// is counted in whole ticks (rounded down) and work plus overheads in whole ticks (rounded up).
public struct DeadlineState: Sendable, Hashable {
    /// Seconds since the job started.
    public var now: Double
    /// The job's deadline, seconds from the start.
    public var deadline: Double
    /// The job's total work W (seconds of compute).
    public var work: Double
    /// Work still to do, C(t) in the paper.
    public var remainingWork: Double
    /// The restart overhead d paid on every launch.
    public var restartOverhead: Double
    /// Overhead still to pay on the current cluster (0 once it computes).
    public var pendingOverhead: Double
    /// Seconds between decisions.
    public var tick: Double
    /// The cluster the job has now (`idle` after a preemption or a failed launch).
    public var cluster: ClusterChoice
    /// Whether the policy's spot pool has capacity now.
    public var spotAvailable: Bool

    public init(
        now: Double, deadline: Double, work: Double, remainingWork: Double, restartOverhead: Double,
        pendingOverhead: Double, tick: Double, cluster: ClusterChoice, spotAvailable: Bool
    ) {
        self.now = now
        self.deadline = deadline
        self.work = work
        self.remainingWork = remainingWork
        self.restartOverhead = restartOverhead
        self.pendingOverhead = pendingOverhead
        self.tick = tick
        self.cluster = cluster
        self.spotAvailable = spotAvailable
    }

    /// Progress done, c(t).
    public var progress: Double { work - remainingWork }

    /// Remaining time R(t) in whole ticks: ⌊(D − t) / tick⌋ · tick.
    public var remainingTime: Double {
        ((deadline - now) / tick + DeadlineRules.tolerance).rounded(.down) * tick
    }

    /// `seconds` rounded up to whole ticks.
    public func wholeTicks(_ seconds: Double) -> Double {
        (seconds / tick - DeadlineRules.tolerance).rounded(.up) * tick
    }

    /// Whether a spot cluster is running with no overhead pending (the safety net's exception:
    /// keep such a node until it is preempted).
    public var spotRunningWithoutOverhead: Bool {
        cluster == .spot && pendingOverhead < DeadlineRules.overheadEpsilon
    }
}

/// The rules shared by every deadline-aware decision.
public enum DeadlineRules {
    /// Relative slack for tick rounding, so that 2.0000000001 ticks is 2 ticks.
    static let tolerance = 1e-9
    /// Overhead below this many seconds counts as paid (the published simulator's 1e-3).
    public static let overheadEpsilon = 1e-3

    /// The deadline safety net of "Can't Be Late" (Wu et al., NSDI'24, §4), which every policy
    /// gets: once the remaining work plus one restart overhead no longer fits in the remaining
    /// time, switch to on-demand and stay — unless a spot node is already running with no
    /// overhead pending, which is kept until it is preempted.
    ///
    /// ```swift
    /// if DeadlineRules.safetyNetFires(state) { /* go on-demand for good */ }
    /// ```
    public static func safetyNetFires(_ state: DeadlineState) -> Bool {
        guard state.remainingWork > overheadEpsilon else { return false }
        guard state.wholeTicks(state.remainingWork + state.restartOverhead) >= state.remainingTime else { return false }
        return !state.spotRunningWithoutOverhead
    }
}

/// A policy that decides at every decision interval which cluster a deadline job uses,
/// instead of reacting to preemptions and failed launches one at a time.
///
/// The engine asks ``decide(_:)`` at time 0, every `tick` seconds after, and at once after a
/// preemption or a failed launch (the cluster is then `idle`). A choice equal to the current
/// cluster changes nothing; any other choice releases the current nodes and launches the
/// chosen cluster, which pays the restart overhead.
public protocol DeadlinePolicy: PlacementPolicy {
    /// The spot pool the policy uses.
    var spotPool: Int { get }
    /// The on-demand pool the policy falls back to.
    var onDemandPool: Int { get }
    /// The cluster for the next interval.
    func decide(_ state: DeadlineState) -> ClusterChoice
}

extension DeadlinePolicy {
    public var primary: Placement { Placement(pool: spotPool, market: .spot) }
    public func initialPlacement(_ context: PlacementContext) -> Placement { primary }
    public func placementAfterPreemption(_ context: PlacementContext) -> Placement { primary }
}
