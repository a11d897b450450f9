/// Everything one replication needs that stays fixed across an experiment cell: the market,
/// the policy, and the job with its checkpoint interval resolved to seconds.
public struct ReplicationPlan: Sendable {
    public var pools: [Pool]
    public var policy: any PlacementPolicy {
        didSet {
            deadlinePolicy = policy as? any DeadlinePolicy
            omniscientPolicy = policy as? OmniscientPolicy
            inPlacePlacement = Self.inPlacePlacement(of: policy)
        }
    }
    /// Gang size (for an elastic job, the most nodes it uses).
    public var nodes: Int
    /// The fewest nodes the job runs with (`nodes` for a gang).
    public var minNodes: Int
    /// Relative speed with `n` nodes running: `throughput[n - minNodes]` (`[1]` for a gang).
    public var throughput: [Double]
    /// Seconds of gang compute.
    public var workSeconds: Double
    /// Seconds of compute between checkpoints (τ), already resolved.
    public var intervalSeconds: Double
    /// Seconds to write one checkpoint.
    public var writeSeconds: Double
    /// Seconds to restore the last checkpoint after a relaunch.
    public var restoreSeconds: Double
    /// Seconds of restart overhead on every relaunch.
    public var restartSeconds: Double
    /// Whether a preemption notice starts an emergency checkpoint.
    public var checkpointOnNotice: Bool
    /// Where checkpoints are kept, and what moving them costs.
    public var storage: StoragePlan
    /// Bytes per checkpoint (0 when unknown: no transfer time or egress).
    public var checkpointBytes: Double
    /// Bytes kept in the bucket (checkpoints kept × bytes per checkpoint).
    public var storedBytes: Double
    /// Simulated seconds after which an unfinished replication is an error.
    public var horizon: Double
    /// Queued events (launches, arrivals, notices, preemptions, capacity changes, deadline
    /// decisions — not the job's own restarts, segments and checkpoints, which are bounded by
    /// the work) after which an unfinished replication is an error, however little simulated
    /// time has passed: a job preempted every second for the whole horizon would otherwise run
    /// for minutes or hours before the horizon stops it. Forming the group costs time in
    /// proportion to the gang, so it may also form at most `eventBudget / nodes` times.
    public var eventBudget: Int = ReplicationPlan.defaultEventBudget

    /// The default event budget, 10⁸: at the engine's tens of millions of events a second, a
    /// replication that reaches it has run for several seconds. A replication that finishes
    /// needs far fewer (a 100-hour job preempted every minute: about 20 000).
    public static let defaultEventBudget = 100_000_000
    /// How progress survives preemptions.
    public var progress: ProgressModel = .checkpointed
    /// The job's deadline, seconds from the start; `nil` for none.
    public var deadline: Double?
    /// Seconds between deadline decisions (safety net, deadline-aware policies).
    public var decisionInterval: Double = Job.defaultDecisionInterval
    /// The on-demand pool the deadline safety net moves the job to.
    public var safetyNetPool: Int = 0
    /// `policy` when it is a deadline-aware policy, or `omniscient`: cast once per plan, not
    /// once per replication.
    var deadlinePolicy: (any DeadlinePolicy)?
    var omniscientPolicy: OmniscientPolicy?
    /// `policy`'s placement when it is `spot` or `on-demand`, whose decisions never depend on
    /// the context (see ``inPlacePlacement(of:)``), else `nil`; found once per plan.
    var inPlacePlacement: Placement?

    public init(
        pools: [Pool], policy: any PlacementPolicy, nodes: Int, workSeconds: Double,
        intervalSeconds: Double, writeSeconds: Double, restoreSeconds: Double,
        restartSeconds: Double, checkpointOnNotice: Bool = false, storage: StoragePlan = .noStorage,
        checkpointBytes: Double = 0, storedBytes: Double? = nil, minNodes: Int? = nil,
        throughput: [Double]? = nil, horizon: Double
    ) {
        self.pools = pools
        self.policy = policy
        self.nodes = nodes
        self.workSeconds = workSeconds
        self.intervalSeconds = intervalSeconds
        self.writeSeconds = writeSeconds
        self.restoreSeconds = restoreSeconds
        self.restartSeconds = restartSeconds
        self.checkpointOnNotice = checkpointOnNotice
        self.storage = storage
        self.checkpointBytes = checkpointBytes
        self.storedBytes = storedBytes ?? checkpointBytes
        self.minNodes = minNodes ?? nodes
        self.throughput = throughput ?? Array(repeating: 1, count: nodes - (minNodes ?? nodes) + 1)
        self.horizon = horizon
        self.deadlinePolicy = policy as? any DeadlinePolicy
        self.omniscientPolicy = policy as? OmniscientPolicy
        self.inPlacePlacement = Self.inPlacePlacement(of: policy)
    }

    /// The placement of a policy that always relaunches where it runs, whatever the context:
    /// `spot` and `on-demand`, whose `placementAfterPreemption` is their `primary` and whose
    /// `retryAfterLaunchFailure` is the protocol's default (the current placement after
    /// `retryGap`). The engine makes those two decisions — the commonest of a replication, one
    /// per preemption and one per failed launch — itself for them, without building a context
    /// and calling through the existential; every other policy (`nil`) is asked.
    static func inPlacePlacement(of policy: any PlacementPolicy) -> Placement? {
        switch policy {
        case let spot as SpotPolicy: return spot.primary
        case let onDemand as OnDemandPolicy: return onDemand.primary
        default: return nil
        }
    }

    /// GPUs in the gang when it is a fixed gang running at speed 1 and every pool has the same
    /// GPUs per node (`nil` otherwise: useful GPU-seconds then depend on the path).
    public var gangGPUs: Double? {
        let counts = Set(pools.map(\.gpusPerNode))
        guard counts.count == 1, minNodes == nodes, throughput == [1] else { return nil }
        return Double(counts.first! * nodes)
    }
}

/// A replication that could not finish.
public struct ReplicationFailure: Error, Sendable, CustomStringConvertible {
    public var replication: Int
    public var reason: String
    public var description: String { "replication \(replication): \(reason)" }
}

/// The random streams of each pool, by component: pool `p` uses components
/// `StreamComponent.count · p + k`, so adding a kind of draw never shifts another pool's streams.
public enum StreamComponent {
    /// Components reserved per pool.
    public static let count = 8
    /// Spot node lifetimes.
    public static let lifetime: UInt64 = 0
    /// Provisioning delays.
    public static let provisioning: UInt64 = 1
    /// Up and down periods of spot capacity.
    public static let availability: UInt64 = 2
    /// The spot price path.
    public static let price: UInt64 = 3
    /// Whether a running spot node is reclaimed when capacity drops.
    public static let reclaim: UInt64 = 4
    /// Whether a spot launch fails although capacity is up.
    public static let launchFailure: UInt64 = 5
    /// The start of random trace windows: one draw per replication shared by every pool, at a
    /// component no pool uses.
    public static let traceWindow: UInt64 = .max
}
