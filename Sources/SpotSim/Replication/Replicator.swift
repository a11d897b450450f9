import DiscreteEvent
import Stochastics

/// Runs replications of one job under one placement policy, one after another, reusing its
/// event kernel, random streams and node table so that the steady state allocates nothing.
///
/// One replication: the policy places a gang of `nodes` nodes; each launch waits its
/// provisioning delay and then either runs or fails (no spot capacity in the pool at that
/// moment, or the pool's launch-failure coin), after which the policy says where and when to
/// try again. A spot node runs until its lifetime (drawn when it starts, capped by the pool's
/// maximum lifetime) ends, or until the pool's capacity drops and the reclaim coin takes it.
/// Once the whole gang runs, the job restarts (restart overhead plus restore, skipped on the
/// very first start) and then alternates compute segments of τ seconds with checkpoint writes,
/// the last segment shortened to the remaining work and followed by a final checkpoint. A
/// preemption loses everything since the last committed checkpoint (including a write in
/// flight and a restart in progress), releases the node, and asks the policy where to relaunch.
/// After each checkpoint the policy may move the gang voluntarily. With `on_notice`
/// checkpointing, a lifetime's preemption notice (the pool's `notice` before the reclaim)
/// starts an emergency checkpoint of the progress so far when the write fits before the
/// reclaim. Spot nodes are billed at the pool's price path in force while they run.
///
/// Market randomness comes from streams per pool — lifetimes, provisioning delays,
/// availability, prices, reclaim and launch-failure coins, at the components
/// `StreamComponent` lays out — derived from (seed, replication, component). Every policy and
/// checkpoint setting run for one replication index therefore faces the same availability and
/// price paths and draws the same sequences of lifetimes and delays from each pool:
/// comparisons are paired.
///
/// With one node, exponential lifetimes of mean M, no provisioning delay and restore 0, the mean
/// completion time is Daly's exact expectation (Daly 2006, eq. 5 with a partial last segment):
/// Σ over segments of M·e^{R/M}·(e^{(τᵢ+C)/M} − 1).
///
/// A replicator is one engine, not a value to fork: its copies share its random streams and its
/// node table. Create one per thread.
///
/// - Complexity: O(E log N) per replication for E events with N events pending.
public struct Replicator {
    enum Event {
        /// A launch attempt for a node slot (after a retry gap).
        case launch(Int)
        /// A node's provisioning ends: it runs, or the launch fails.
        case nodeReady(Int)
        case nodeNotice(Int)
        case nodePreempted(Int)
        /// A pool's spot capacity goes up or down.
        case capacityChange(Int)
        case restartDone
        case segmentDone
        case checkpointDone
        /// A deadline decision (every decision interval, for jobs with a deadline).
        case decide
    }

    /// Priorities at equal times: progress completes first, then market changes, then nodes
    /// arrive, then preemption notices and preemptions — so a checkpoint that ends exactly when
    /// a node is reclaimed commits, and a launch completing the instant capacity returns succeeds.
    ///
    /// Progress events (`restartDone`, `segmentDone`, `checkpointDone`) do not go through the
    /// kernel's queue: the job has at most one pending, and it comes before every other event at
    /// its instant, so the event loop keeps it aside (`progressEvent` at `progressTime`) and
    /// delivers it when no queued event is earlier — the order the queue would give it at this
    /// priority, without a heap operation or a slot for the commonest events.
    enum Priority {
        static let progress = 0
        static let market = 1
        static let decision = 2
        static let arrival = 3
        static let notice = 4
        static let preemption = 5
    }

    enum Phase {
        case waiting
        case restarting
        case computing
        case checkpointing
        case done
    }

    struct NodeSlot {
        /// `retrying`: waiting out a retry gap; `launching`: provisioning, arrival pending.
        enum State { case idle, retrying, launching, running }
        var state: State = .idle
        var placement = Placement(pool: 0, market: .spot)
        var start: Double = 0
        /// Whether the node is part of the formed group (a node that arrived while an elastic
        /// job runs waits, billed as idle, until the group re-forms at the next checkpoint).
        var active = false
        /// When the provider reclaims this (spot) node at the end of its lifetime.
        var reclaim: Double = .infinity
        /// The pending launch or arrival (launching) or preemption (running) of this node.
        var handle: EventHandle?
        /// The pending preemption notice of this node.
        var noticeHandle: EventHandle?
    }

    var market: MarketState
    /// Per pool, for the current plan: extra seconds and egress USD to write a checkpoint from
    /// it to the bucket, and to restore one from the bucket on it.
    var writeExtraSeconds: [Double]
    var writeEgressUSD: [Double]
    var restoreExtraSeconds: [Double]
    var restoreEgressUSD: [Double]
    let poolList: [Pool]
    var simulation = Simulation<Event>(minimumCapacity: 64)
    /// The gang's node slots, written in place (see ``InPlaceTable``).
    var slots = InPlaceTable(repeating: NodeSlot(), count: 0)

    /// The plan's scalars the hot loop reads, copied out once per replication.
    struct JobSettings {
        var work: Double = 0
        var interval: Double = 0
        var write: Double = 0
        var restore: Double = 0
        var restart: Double = 0
        var nodes = 0
        var minNodes = 0
        var throughput: [Double] = [1]
        var onNotice = false
        var continuous = false
        /// The deadline, or +∞ for none.
        var deadline: Double = .infinity
        var decisionInterval: Double = Job.defaultDecisionInterval
        var safetyNetPool = 0
        /// The most times the group may form: the event budget over the gang size.
        var gangStartBudget = Int.max

        var isElastic: Bool { minNodes < nodes }
        var hasDeadline: Bool { deadline.isFinite }
    }

    // Per-replication state.
    var job = JobSettings()
    var policy: any PlacementPolicy = SpotPolicy(pool: 0)
    var storage = StoragePlan.noStorage
    var storedBytes: Double = 0
    /// `plan.policy.movesAfterCheckpoints`, read once per replication.
    var policyMovesAfterCheckpoints = false
    /// `plan.inPlacePlacement`: the policy's placement when it is `spot` or `on-demand`.
    var inPlacePlacement: Placement?
    var ledger = Ledger()
    var phase = Phase.waiting
    /// The job's pending progress event, due at `progressTime` (+∞ when none is pending).
    var progressEvent = Event.restartDone
    var progressTime: Double = .infinity
    /// Progress events delivered in this replication (the kernel counts the others).
    var progressDelivered = 0
    /// Whether relaunches in place may be queued ahead of their gap (see
    /// `launchesAheadOfTime(after:)`): unobserved runs of `spot` and `on-demand` without a
    /// deadline.
    var launchesAheadAllowed = false
    /// Launches queued ahead this replication: events the model has that the queue did not
    /// deliver, counted with the delivered ones.
    var launchesAhead = 0
    /// The times of the launches queued ahead and not yet booked by `account()`, in a ring of
    /// one place per node (each node has at most one pending), from `launchesAheadFirst`.
    var launchTimesAhead = InPlaceTable(repeating: 0.0, count: 0)
    var launchesAheadFirst = 0
    var launchesAheadPending = 0
    /// The time of the first of them, or `infinity` when none is pending.
    var nextLaunchAheadTime = Double.infinity
    /// Whether the event being handled relaunched a node ahead of its gap: a retry storm may
    /// follow (``runRetryStorm(until:budget:)``).
    var retryStormMayFollow = false
    /// During a retry storm, each node's pending arrival, held outside the queue; else `nil`.
    var stormArrivals = InPlaceTable<DetachedEvent<Event>?>(repeating: nil, count: 0)
    /// The bit patterns of their times, for finding the earliest without branches.
    var stormTimes = InPlaceTable<UInt64>(repeating: 0, count: 0)
    /// Failed launches delivered by retry storms this replication (also counted in
    /// `failedLaunches`, `launchesAhead` and the kernel's deliveries).
    var retryStormFailures = 0
    var current = Placement(pool: 0, market: .spot)
    var movedAt: Double = 0
    var preemptionsHere = 0
    var failedLaunches = 0
    var lastPreempted: Placement?
    var committed: Double = 0
    var segmentStart: Double = 0
    var segmentEnd: Double = 0
    var lastAccounted: Double = 0
    var runningNodes = 0
    var runningGPUs: Double = 0
    /// Nodes and GPUs of the formed group (0 while waiting).
    var activeNodes = 0
    var activeGPUs: Double = 0
    /// Work-seconds per second of the formed group.
    var rate: Double = 1
    var gangStarts = 0
    /// Whether the group was to form once more than `job.gangStartBudget` allows (the phase is
    /// then `done`).
    var gangStartBudgetSpent = false
    var pendingComputeGPUSeconds: Double = 0
    var pendingCheckpointGPUSeconds: Double = 0
    var pendingComputeSeconds: Double = 0
    var pendingCheckpointSeconds: Double = 0
    /// When the restart in progress ends.
    var restartEnd: Double = 0
    /// The plan's policy when it decides at deadline decisions (`greedy`, `uniform-progress`).
    var deadlinePolicy: (any DeadlinePolicy)?
    /// Whether the job has no cluster by a deadline decision (or after a preemption or failed
    /// launch under a deadline-aware policy).
    var idle = false
    /// Whether the deadline safety net moved the job to on-demand for good.
    var safetyNetFired = false
    /// Deadline decisions so far (the next one is at `decisions × decisionInterval`).
    var decisions = 0
    /// For `omniscient`: the cluster of each decision interval, planned offline.
    var schedule: [ClusterChoice] = []
    var omniscient: OmniscientPolicy?
    /// Whether the policy decides at every decision interval (`greedy`, `uniform-progress`,
    /// `omniscient`) rather than reacting to preemptions and failed launches.
    var decidesEachInterval = false
    /// Plans `omniscient`'s schedules, reusing its buffers.
    var planner = OmniscientPlanner()
    /// Why the replication could not go on (a trace ran out; the phase is then `done`), or `nil`.
    var failure: String?

    /// Events delivered over this replicator's lifetime, for throughput figures.
    public private(set) var eventsDelivered = 0

    /// A replicator for a market of `pools`; create one per thread.
    public init(pools: [Pool]) {
        market = MarketState(pools: pools)
        poolList = pools
        writeExtraSeconds = Array(repeating: 0, count: pools.count)
        writeEgressUSD = writeExtraSeconds
        restoreExtraSeconds = writeExtraSeconds
        restoreEgressUSD = writeExtraSeconds
    }

    /// Runs replication number `replication` of `plan` and returns its ledger.
    ///
    /// - Throws: `ReplicationFailure` when the job has not finished by `plan.horizon`, or a
    ///   replayed trace ran out (`past_end: refuse`).
    public mutating func run(_ plan: ReplicationPlan, seed: UInt64, replication: Int) throws(ReplicationFailure) -> Ledger {
        var unobserved = Unobserved()
        return try replicate(plan, seed: seed, replication: replication, observer: &unobserved)
    }

    /// Runs replication `replication` of `plan` for ``run(_:seed:replication:)`` and
    /// ``trace(_:seed:replication:record:)``, telling `observer` about the start and each
    /// event. Always inlined and specialised: with ``Unobserved`` (whose hooks are empty) it
    /// compiles to the bare loop, so `run` pays nothing for the trace.
    @inline(__always)
    mutating func replicate<Observer: EventObserver>(
        _ plan: ReplicationPlan, seed: UInt64, replication: Int, observer: inout Observer
    ) throws(ReplicationFailure) -> Ledger {
        start(plan, seed: seed, replication: replication)
        launchesAheadAllowed = !Observer.seesEachEvent && inPlacePlacement != nil && !job.hasDeadline && !decidesEachInterval
        observer.didStart(&self)
        if !runEvents(until: plan.horizon, budget: plan.eventBudget, observer: &observer) || gangStartBudgetSpent {
            let progress = "\(ledger.preemptions) preemptions, \(failedLaunches) failed launches in a row, "
                + "\(Units.formatDuration(committed)) of \(Units.formatDuration(plan.workSeconds)) committed"
            let advice = "with these lifetimes and this availability the checkpoint interval, write or restart "
                + "time leaves too little progress between preemptions, or capacity never returns"
            let when = "at \(Units.formatDuration(simulation.now)) of the horizon of \(Units.formatDuration(plan.horizon))"
            if gangStartBudgetSpent {
                throw ReplicationFailure(
                    replication: replication,
                    reason: "the job did not finish within \(job.gangStartBudget) starts of its gang of \(job.nodes) nodes "
                        + "(\(plan.eventBudget) node starts, the most one replication may take; \(when): "
                        + progress + "); " + advice
                )
            }
            if simulation.eventsDelivered > plan.eventBudget {
                throw ReplicationFailure(
                    replication: replication,
                    reason: "the job did not finish within \(plan.eventBudget) events, the most one replication may take "
                        + "(\(when): " + progress + "); " + advice
                )
            }
            throw ReplicationFailure(
                replication: replication,
                reason: "the job did not finish within the horizon of \(Units.formatDuration(plan.horizon)) "
                    + "(" + progress + "); " + advice
            )
        }
        if let failure {
            throw ReplicationFailure(replication: replication, reason: failure)
        }
        eventsDelivered += simulation.eventsDelivered + progressDelivered + launchesAhead
        #if DEBUG
        let problems = ledger.violations(workSeconds: plan.workSeconds, gangGPUs: plan.gangGPUs)
        assert(problems.isEmpty, "ledger of replication \(replication) does not balance: \(problems)")
        #endif
        return ledger
    }

    /// The event loop: handles events in order until the job is done (`true`), or until none
    /// is due by `horizon`, or the kernel has delivered more than `budget` events (`false`;
    /// `simulation.eventsDelivered > budget` tells the two apart).
    ///
    /// Kept out of line, and not throwing, on purpose: while this loop was being rewritten, one
    /// version of it inlined into the throwing ``replicate(_:seed:replication:observer:)`` was
    /// miscompiled by Swift 6.3 (x86-64): the loop used the error register r12 as a scratch
    /// register and the normal return left it set, so callers saw a garbage
    /// `ReplicationFailure` from a replication that had finished. The bug depends on the code's
    /// shape; a non-throwing function of its own keeps the loop away from it, at the cost of
    /// one call per replication.
    @inline(never)
    mutating func runEvents<Observer: EventObserver>(until horizon: Double, budget: Int, observer: inout Observer) -> Bool {
        // Finite, so that no progress event pending (+∞) is never due.
        let horizon = Swift.min(horizon, .greatestFiniteMagnitude)
        while phase != .done {
            if progressTime <= horizon, simulation.advance(to: progressTime) {
                // The progress event is next: no queued event is earlier, and at equal times it
                // comes first (priority 0).
                deliverProgress(until: horizon, observer: &observer)
                continue
            }
            // One comparison per queued event bounds the replication's work: progress events
            // need no count, as each commits work or leads to a commit or a queued event.
            guard let event = simulation.next(until: horizon), simulation.eventsDelivered <= budget else { return false }
            observer.willHandle(event, self)
            handle(event)
            observer.didHandle(event, &self)
            if !Observer.seesEachEvent, retryStormMayFollow { runRetryStorm(until: horizon, budget: budget) }
        }
        return true
    }

    /// Delivers the pending progress event, due now, and the progress events that follow it
    /// while each is due by `horizon` and no queued event is earlier — the events, in the order,
    /// that going around ``runEvents(until:budget:observer:)`` would deliver, each seen by `observer`.
    ///
    /// The queue's next time is read once and again after each commit, the one progress
    /// handler that can schedule or cancel queued events (a move, or the end of the job);
    /// restarts and segments only set the next progress event, so between commits the clock
    /// moves without a look at the queue. Unobserved, whole checkpoint cycles go through
    /// ``runCheckpointCycles(until:)``.
    @inline(__always)
    mutating func deliverProgress<Observer: EventObserver>(until horizon: Double, observer: inout Observer) {
        var limit = Swift.min(horizon, simulation.nextEventTime ?? .infinity)
        while true {
            let event = progressEvent
            progressTime = .infinity
            progressDelivered += 1
            observer.willHandle(event, self)
            account()
            switch event {
            case .restartDone:
                startSegment()
            case .segmentDone where !job.continuous:
                phase = .checkpointing
                scheduleProgress(.checkpointDone, after: writeSeconds)
                if !Observer.seesEachEvent, commitOnlyStartsTheNextSegment {
                    runCheckpointCycles(until: limit)
                }
            default:
                commit()  // `checkpointDone`, or a continuous job's `segmentDone`
                limit = Swift.min(horizon, simulation.nextEventTime ?? .infinity)
            }
            observer.didHandle(event, &self)
            guard phase != .done, progressTime <= limit else { return }
            simulation.advance(uncheckedTo: progressTime)
        }
    }

    mutating func start(_ plan: ReplicationPlan, seed: UInt64, replication: Int) {
        job = JobSettings(
            work: plan.workSeconds, interval: plan.intervalSeconds, write: plan.writeSeconds,
            restore: plan.restoreSeconds, restart: plan.restartSeconds, nodes: plan.nodes,
            minNodes: plan.minNodes, throughput: plan.throughput, onNotice: plan.checkpointOnNotice,
            continuous: plan.progress == .continuous, deadline: plan.deadline ?? .infinity,
            decisionInterval: plan.decisionInterval, safetyNetPool: plan.safetyNetPool,
            gangStartBudget: Swift.max(1, plan.eventBudget / Swift.max(1, plan.nodes)))
        policy = plan.policy
        storage = plan.storage
        storedBytes = plan.storedBytes
        policyMovesAfterCheckpoints = plan.policy.movesAfterCheckpoints
        inPlacePlacement = plan.inPlacePlacement
        for pool in poolList.indices {
            guard plan.storage.bucket != nil else {
                // No bucket: every transfer is free and instant (what the four calls return).
                writeExtraSeconds[pool] = 0
                writeEgressUSD[pool] = 0
                restoreExtraSeconds[pool] = 0
                restoreEgressUSD[pool] = 0
                continue
            }
            let bytes = plan.checkpointBytes
            writeExtraSeconds[pool] = plan.storage.transferSeconds(bytes: bytes, fromPool: poolList[pool])
            writeEgressUSD[pool] = plan.storage.egressUSD(bytes: bytes, fromPool: poolList[pool])
            restoreExtraSeconds[pool] = plan.storage.transferSeconds(bytes: bytes, toPool: poolList[pool])
            restoreEgressUSD[pool] = plan.storage.egressUSD(bytes: bytes, toPool: poolList[pool])
        }
        simulation.reset()
        market.reset(seed: seed, replication: replication)
        for pool in market.pools.indices {
            if let change = market.firstChange(pool) {
                simulation.schedule(.capacityChange(pool), at: change, priority: Priority.market)
            }
        }
        if slots.count != plan.nodes {
            slots = InPlaceTable(repeating: NodeSlot(), count: plan.nodes)
        } else {
            slots.fill(with: NodeSlot())
        }
        ledger = Ledger()
        phase = .waiting
        progressTime = .infinity
        progressDelivered = 0
        launchesAhead = 0
        launchesAheadFirst = 0
        launchesAheadPending = 0
        nextLaunchAheadTime = .infinity
        if launchTimesAhead.count != plan.nodes {
            launchTimesAhead = InPlaceTable(repeating: 0, count: plan.nodes)
            stormArrivals = InPlaceTable(repeating: nil, count: plan.nodes)
            stormTimes = InPlaceTable(repeating: 0, count: plan.nodes)
        }
        retryStormMayFollow = false
        retryStormFailures = 0
        movedAt = 0
        preemptionsHere = 0
        failedLaunches = 0
        lastPreempted = nil
        committed = 0
        segmentStart = 0
        segmentEnd = 0
        lastAccounted = 0
        runningNodes = 0
        runningGPUs = 0
        activeNodes = 0
        activeGPUs = 0
        rate = 1
        gangStarts = 0
        gangStartBudgetSpent = false
        pendingComputeGPUSeconds = 0
        pendingCheckpointGPUSeconds = 0
        pendingComputeSeconds = 0
        pendingCheckpointSeconds = 0
        restartEnd = 0
        failure = nil
        idle = false
        safetyNetFired = false
        decisions = 0
        deadlinePolicy = plan.deadlinePolicy
        omniscient = plan.omniscientPolicy
        ledger.deadlineSeconds = job.deadline
        current = plan.policy.initialPlacement(context())
        if job.hasDeadline {
            simulation.schedule(.decide, at: 0, priority: Priority.decision)
        }
        if let omniscient { planSchedule(omniscient) }
        decidesEachInterval = deadlinePolicy != nil || omniscient != nil
        if decidesEachInterval {
            idle = true  // the first decision launches
        } else {
            for index in slots.indices { launch(index) }
        }
    }

    @inline(__always)
    mutating func handle(_ event: Event) {
        if simulation.now >= nextLaunchAheadTime { accountLaunchesAhead() }
        account()
        switch event {
        case .launch(let index): launch(index)
        case .nodeReady(let index): nodeReady(index)
        case .nodeNotice(let index): nodeNotice(index)
        case .nodePreempted(let index): nodePreempted(index)
        case .capacityChange(let pool): capacityChange(pool)
        case .restartDone: startSegment()
        case .segmentDone:
            if job.continuous {
                commit()
            } else {
                phase = .checkpointing
                scheduleProgress(.checkpointDone, after: writeSeconds)
            }
        case .checkpointDone: commit()
        case .decide: decisionTick()
        }
    }

    /// Schedules the job's progress event `event` `delay` seconds from now, in place of any
    /// pending one (see `Priority`).
    mutating func scheduleProgress(_ event: Event, after delay: Double) {
        precondition(delay >= 0 && delay <= .greatestFiniteMagnitude, "delay \(delay) must be finite and not negative")
        scheduleProgress(event, at: simulation.now + delay)
    }

    /// Schedules the job's progress event `event` at `time`, in place of any pending one.
    mutating func scheduleProgress(_ event: Event, at time: Double) {
        precondition(time >= simulation.now && time <= .greatestFiniteMagnitude,
                     "event time \(time) must be finite and not before now (\(simulation.now))")
        progressEvent = event
        progressTime = time
    }

    /// Cancels the pending progress event, if any.
    mutating func cancelProgress() {
        progressTime = .infinity
    }

    /// Seconds to write a checkpoint from the current pool to the bucket.
    var writeSeconds: Double { job.write + writeExtraSeconds[current.pool] }

    /// Where replacement nodes go after a preemption (the policy's answer).
    func placementAfterPreemption() -> Placement {
        inPlacePlacement ?? policy.placementAfterPreemption(context())
    }

    /// Where, and after how long, to try again after a failed launch (the policy's answer).
    func retryAfterLaunchFailure() -> PlacementDecision {
        guard inPlacePlacement != nil else { return policy.retryAfterLaunchFailure(context()) }
        // The protocol's default: the current placement, after the retry gap.
        return PlacementDecision(current, after: SpotPolicy.retryGap)
    }

    /// What the policy sees now.
    func context() -> PlacementContext {
        PlacementContext(
            current: current, preemptions: ledger.preemptions, preemptionsHere: preemptionsHere,
            now: simulation.now, sinceMove: simulation.now - movedAt, failedLaunches: failedLaunches,
            lastPreempted: lastPreempted, spotCapacityUp: market.capacityUp,
            remainingWorkSeconds: job.work - committed
        )
    }

    /// Books the time up to each launch queued ahead (``launchesAheadOfTime(after:)``) that is
    /// due by now, earliest first: as the events they stand for, so that every sum adds the same
    /// pieces in the same order as when they were delivered. Before a queued event's own
    /// booking; progress events need none, as no node runs until after every pending one.
    @inline(never)
    mutating func accountLaunchesAhead() {
        let now = simulation.now
        while launchesAheadPending > 0 {
            let time = launchTimesAhead[launchesAheadFirst]
            guard time <= now else {
                nextLaunchAheadTime = time
                return
            }
            book(until: time)
            launchesAheadFirst = launchesAheadFirst + 1 == launchTimesAhead.count ? 0 : launchesAheadFirst + 1
            launchesAheadPending -= 1
        }
        nextLaunchAheadTime = .infinity
    }

    /// Queues the booking of a launch queued ahead, due at `time` (no earlier than any pending).
    mutating func bookLaunchAhead(at time: Double) {
        var last = launchesAheadFirst + launchesAheadPending
        if last >= launchTimesAhead.count { last -= launchTimesAhead.count }
        launchTimesAhead[last] = time
        if launchesAheadPending == 0 { nextLaunchAheadTime = time }
        launchesAheadPending += 1
    }

    /// Books the time since the last event to the current phase.
    @inline(__always)
    mutating func account() {
        book(until: simulation.now)
    }

    /// Books the time from the last event to `now` to the current phase.
    @inline(__always)
    mutating func book(until now: Double) {
        let elapsed = now - lastAccounted
        lastAccounted = now
        guard elapsed > 0 else { return }
        let gpuSeconds = elapsed * activeGPUs
        // Mostly every running node is active, and adding elapsed × 0 changes nothing (the sum
        // starts at +0 and only grows): skip it, and the chain of dependent additions with it.
        if runningGPUs != activeGPUs { ledger.idleGPUSeconds += elapsed * (runningGPUs - activeGPUs) }
        switch phase {
        case .waiting:
            ledger.waitSeconds += elapsed
        case .restarting:
            ledger.restartGPUSeconds += gpuSeconds
            ledger.restartSeconds += elapsed
        case .computing:
            pendingComputeGPUSeconds += gpuSeconds
            pendingComputeSeconds += elapsed
        case .checkpointing:
            pendingCheckpointGPUSeconds += gpuSeconds
            pendingCheckpointSeconds += elapsed
        case .done:
            break
        }
    }
}
