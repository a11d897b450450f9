/// The state of one replication right after one of its events: what happened, where, and the
/// running totals so far. ``Replicator/trace(_:seed:replication:record:)`` produces them, one
/// per event plus a first ``Event/start`` and a last ``Event/done``; ``TraceReport`` renders
/// them as JSON Lines (`spotsim trace`, documented in docs/trace-format.md).
///
/// Pools are indices into the plan's `pools`; times and work are in seconds, work at the
/// gang's full speed (as ``Ledger/committedWorkSeconds``).
public struct TraceRecord: Sendable, Hashable {
    /// What happened.
    public enum Event: String, Sendable, Hashable, CaseIterable {
        /// The replication begins (time 0): the first launches, or the first decision, are pending.
        case start
        /// A retry gap ended: a launch attempt of ``TraceRecord/node`` begins.
        case launch
        /// A node's provisioning ended and it runs (billed from now).
        case nodeUp = "node_up"
        /// A node's provisioning ended but the launch failed (no spot capacity, or the pool's
        /// launch-failure coin); the policy decided where and when to try again.
        case launchFailed = "launch_failed"
        /// A preemption notice (only scheduled with `on_notice` checkpointing): an emergency
        /// checkpoint starts when it fits before the reclaim.
        case notice
        /// The provider reclaimed a node at the end of its lifetime.
        case preempted
        /// A pool's spot capacity changed; a drop may reclaim running nodes
        /// (``TraceRecord/preemptionsNow``).
        case capacityChange = "capacity_change"
        /// The restart (and restore) ended: the gang computes.
        case restartDone = "restart_done"
        /// A compute segment ended: its checkpoint write starts (with continuous progress, the
        /// work commits at once).
        case segmentDone = "segment_done"
        /// A checkpoint write ended and committed the segment.
        case checkpointDone = "checkpoint_done"
        /// A deadline decision (jobs with a deadline, every decision interval).
        case decision
        /// The replication ended: the last record, whose totals are the ledger's.
        case done
    }

    /// What the job was doing after the event.
    public enum Phase: String, Sendable, Hashable, CaseIterable {
        /// No formed group: waiting for nodes (or idle by a deadline policy's choice).
        case waiting
        /// Restarting the job and restoring the last checkpoint.
        case restarting
        case computing
        /// Writing a checkpoint.
        case checkpointing
        /// The final checkpoint committed (or the replication could not go on).
        case done
    }

    /// Seconds since the start of the replication.
    public var seconds: Double
    public var event: Event
    /// The pool the event is about (a node's pool, the pool whose capacity changed); `nil` for
    /// the job's own events.
    public var pool: Int?
    /// The node slot the event is about (0 ..< gang size); `nil` for other events.
    public var node: Int?
    /// For ``Event/capacityChange``: the pool's spot capacity after the change, in nodes
    /// (`Int.max` when capacity is up without a node count); `nil` for other events.
    public var spotCapacity: Int?
    /// Where the job is placed after the event (where its nodes run or are being launched).
    public var placement: Placement
    public var phase: Phase
    /// Work committed so far, seconds.
    public var committedWorkSeconds: Double
    /// Work this event committed, seconds (a checkpoint, or continuous progress kept).
    public var committedNowSeconds: Double
    /// Nodes running (billed) in each pool after the event, by pool index.
    public var runningNodes: [Int]
    /// Nodes in the formed group (computing, restarting or checkpointing together); 0 while waiting.
    public var activeNodes: Int
    /// USD spent so far: the ledger's cost lines (nodes released, egress, and at the end
    /// storage) plus each running node's price over the time it has run. The billing rule's
    /// minimum and granularity apply when a node stops, so the value may step then. At
    /// ``Event/done`` it is the ledger's ``Ledger/totalUSD``.
    public var costUSD: Double
    /// GPU-seconds lost so far (computed or written but not committed when the group broke up).
    public var lostGPUSeconds: Double
    /// GPU-seconds this event lost.
    public var lostNowGPUSeconds: Double
    /// Preemptions so far.
    public var preemptions: Int
    /// Nodes this event preempted (a capacity drop may reclaim several).
    public var preemptionsNow: Int
    /// Moves to another pool so far.
    public var migrations: Int
    /// Moves to another pool this event made.
    public var migrationsNow: Int

    public init(
        seconds: Double, event: Event, pool: Int? = nil, node: Int? = nil, spotCapacity: Int? = nil,
        placement: Placement, phase: Phase, committedWorkSeconds: Double = 0, committedNowSeconds: Double = 0,
        runningNodes: [Int], activeNodes: Int = 0, costUSD: Double = 0, lostGPUSeconds: Double = 0,
        lostNowGPUSeconds: Double = 0, preemptions: Int = 0, preemptionsNow: Int = 0, migrations: Int = 0,
        migrationsNow: Int = 0
    ) {
        self.seconds = seconds
        self.event = event
        self.pool = pool
        self.node = node
        self.spotCapacity = spotCapacity
        self.placement = placement
        self.phase = phase
        self.committedWorkSeconds = committedWorkSeconds
        self.committedNowSeconds = committedNowSeconds
        self.runningNodes = runningNodes
        self.activeNodes = activeNodes
        self.costUSD = costUSD
        self.lostGPUSeconds = lostGPUSeconds
        self.lostNowGPUSeconds = lostNowGPUSeconds
        self.preemptions = preemptions
        self.preemptionsNow = preemptionsNow
        self.migrations = migrations
        self.migrationsNow = migrationsNow
    }
}
