/// The event log of one replication (`spotsim trace`): the same event loop as `run`, observed.
///
/// `run` and `trace` share ``Replicator/replicate(_:seed:replication:observer:)``, specialised
/// for each observer: `run`'s ``Unobserved`` has empty, inlined hooks, so its loop has no extra
/// work, branch or allocation; ``TraceObserver`` reads the state before and after each event
/// and derives a ``TraceRecord`` from it. The handlers themselves know nothing of tracing.
extension Replicator {
    /// Runs replication number `replication` of `plan`, as ``run(_:seed:replication:)`` does,
    /// and calls `record` with a ``TraceRecord`` for the start, after every event, and at the
    /// end (`done`, whose totals are the returned ledger's).
    ///
    /// The replication is the one `run` simulates with the same arguments: the same events in
    /// the same order, and the same ledger, to the bit. (Reading the cost of running nodes
    /// extends a moving price path sooner than `run` would; the path is generated forward from
    /// its own stream, so its values do not depend on when they are generated.)
    ///
    /// - Throws: `ReplicationFailure` as `run` does, after the records of the events so far
    ///   (no `done` record then).
    /// - Complexity: as `run`, plus O(nodes + pools) per event for the record, which allocates.
    public mutating func trace(
        _ plan: ReplicationPlan, seed: UInt64, replication: Int, record: (TraceRecord) -> Void
    ) throws(ReplicationFailure) -> Ledger {
        try withoutActuallyEscaping(record) { (record) throws(ReplicationFailure) -> Ledger in
            var observer = TraceObserver(record: record)
            let ledger = try replicate(plan, seed: seed, replication: replication, observer: &observer)
            record(traceRecord(.done, since: TraceSnapshot(self)))
            return ledger
        }
    }

    /// The record of the state now, after event `event`, with what changed since `before`.
    mutating func traceRecord(
        _ event: TraceRecord.Event, pool: Int? = nil, node: Int? = nil, spotCapacity: Int? = nil,
        since before: TraceSnapshot
    ) -> TraceRecord {
        let now = simulation.now
        var running = Array(repeating: 0, count: poolList.count)
        var accrued = 0.0
        for slot in slots where slot.state == .running {
            running[slot.placement.pool] += 1
            accrued += market.cost(slot.placement, start: slot.start, billed: now - slot.start)
        }
        return TraceRecord(
            seconds: now, event: event, pool: pool, node: node, spotCapacity: spotCapacity,
            placement: current, phase: TraceRecord.Phase(phase),
            committedWorkSeconds: committed, committedNowSeconds: committed - before.committed,
            runningNodes: running, activeNodes: activeNodes, costUSD: ledger.totalUSD + accrued,
            lostGPUSeconds: ledger.lostGPUSeconds, lostNowGPUSeconds: ledger.lostGPUSeconds - before.lostGPUSeconds,
            preemptions: ledger.preemptions, preemptionsNow: ledger.preemptions - before.preemptions,
            migrations: ledger.migrations, migrationsNow: ledger.migrations - before.migrations
        )
    }
}

/// Watches ``Replicator/replicate(_:seed:replication:observer:)``'s event loop.
protocol EventObserver {
    /// Whether the observer must see every event: when it need not, runs of checkpoint cycles
    /// are delivered without a call per event (``Replicator/runCheckpointCycles(until:)``).
    static var seesEachEvent: Bool { get }
    /// The replication has started (time 0): its first events are scheduled.
    mutating func didStart(_ replicator: inout Replicator)
    /// `event` is about to be handled (the clock is at its time).
    mutating func willHandle(_ event: Replicator.Event, _ replicator: borrowing Replicator)
    /// `event` has been handled.
    mutating func didHandle(_ event: Replicator.Event, _ replicator: inout Replicator)
}

/// `run`'s observer: does nothing, and compiles to nothing.
struct Unobserved: EventObserver {
    static var seesEachEvent: Bool { false }
    @inline(__always) func didStart(_ replicator: inout Replicator) {}
    @inline(__always) func willHandle(_ event: Replicator.Event, _ replicator: borrowing Replicator) {}
    @inline(__always) func didHandle(_ event: Replicator.Event, _ replicator: inout Replicator) {}
}

/// The running totals a record compares with, taken before an event.
struct TraceSnapshot {
    var preemptions: Int
    var migrations: Int
    var lostGPUSeconds: Double
    var committed: Double
    var failedLaunches: Int

    init(_ replicator: borrowing Replicator) {
        preemptions = replicator.ledger.preemptions
        migrations = replicator.ledger.migrations
        lostGPUSeconds = replicator.ledger.lostGPUSeconds
        committed = replicator.committed
        failedLaunches = replicator.failedLaunches
    }
}

/// `trace`'s observer: a record after the start and after each event.
struct TraceObserver: EventObserver {
    static var seesEachEvent: Bool { true }
    let record: (TraceRecord) -> Void
    var before: TraceSnapshot?
    /// The pool of the node the pending event is about, read before the event (a failed launch
    /// may move the slot elsewhere).
    var nodePool = 0

    init(record: @escaping (TraceRecord) -> Void) {
        self.record = record
    }

    mutating func didStart(_ replicator: inout Replicator) {
        let snapshot = TraceSnapshot(replicator)
        record(replicator.traceRecord(.start, since: snapshot))
    }

    mutating func willHandle(_ event: Replicator.Event, _ replicator: borrowing Replicator) {
        before = TraceSnapshot(replicator)
        switch event {
        case .launch(let index), .nodeReady(let index), .nodeNotice(let index), .nodePreempted(let index):
            nodePool = replicator.slots[index].placement.pool
        default:
            break
        }
    }

    mutating func didHandle(_ event: Replicator.Event, _ replicator: inout Replicator) {
        let before = before!
        let made: TraceRecord
        switch event {
        case .launch(let index):
            made = replicator.traceRecord(.launch, pool: nodePool, node: index, since: before)
        case .nodeReady(let index):
            // A failed launch counts itself (a successful one may reset the count to 0).
            let failed = replicator.failedLaunches > before.failedLaunches
            made = replicator.traceRecord(failed ? .launchFailed : .nodeUp, pool: nodePool, node: index, since: before)
        case .nodeNotice(let index):
            made = replicator.traceRecord(.notice, pool: nodePool, node: index, since: before)
        case .nodePreempted(let index):
            made = replicator.traceRecord(.preempted, pool: nodePool, node: index, since: before)
        case .capacityChange(let pool):
            made = replicator.traceRecord(
                .capacityChange, pool: pool, spotCapacity: replicator.market.capacity[pool], since: before)
        case .restartDone:
            made = replicator.traceRecord(.restartDone, since: before)
        case .segmentDone:
            made = replicator.traceRecord(.segmentDone, since: before)
        case .checkpointDone:
            made = replicator.traceRecord(.checkpointDone, since: before)
        case .decide:
            made = replicator.traceRecord(.decision, since: before)
        }
        record(made)
    }
}

extension TraceRecord.Phase {
    init(_ phase: Replicator.Phase) {
        switch phase {
        case .waiting: self = .waiting
        case .restarting: self = .restarting
        case .computing: self = .computing
        case .checkpointing: self = .checkpointing
        case .done: self = .done
        }
    }
}
