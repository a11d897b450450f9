import DiscreteEvent
import Stochastics

/// Runs replications of one job under one placement policy, one after another, reusing its
/// event kernel, random streams and node table so that the steady state allocates nothing.
///
/// One replication: the policy places a gang of `nodes` nodes; each node waits its provisioning
/// delay, then runs; a spot node runs until its lifetime (drawn when it starts) ends. Once the
/// whole gang runs, the job restarts (restart overhead plus restore, skipped on the very first
/// start) and then alternates compute segments of τ seconds with checkpoint writes, the last
/// segment shortened to the remaining work and followed by a final checkpoint. A preemption
/// loses everything since the last committed checkpoint (including a write in flight and a
/// restart in progress), releases the node, and asks the policy where to relaunch. With
/// `on_notice` checkpointing, the preemption notice (the pool's `notice` before the reclaim)
/// starts an emergency checkpoint of the progress so far when the write fits before the
/// reclaim. A spot node lives for its drawn lifetime, capped by the pool's maximum lifetime.
///
/// Market randomness comes from streams per pool — spot lifetimes and provisioning delays, at
/// the components `StreamComponent` lays out — derived from (seed, replication, component).
/// Every policy and checkpoint setting run for one replication index therefore draws the same
/// sequence of lifetimes and delays from each pool: comparisons are paired.
///
/// With one node, exponential lifetimes of mean M, no provisioning delay and restore 0, the mean
/// completion time is Daly's exact expectation (Daly 2006, eq. 5 with a partial last segment):
/// Σ over segments of M·e^{R/M}·(e^{(τᵢ+C)/M} − 1).
///
/// - Complexity: O(E log N) per replication for E events with N gang nodes pending.
public struct Replicator {
    enum Event {
        case nodeReady(Int)
        case nodeNotice(Int)
        case nodePreempted(Int)
        case restartDone
        case segmentDone
        case checkpointDone
    }

    /// Priorities at equal times: progress completes before a node arrives, and both before a
    /// preemption notice and then the preemption itself, so a checkpoint that ends exactly when
    /// a node is reclaimed commits.
    enum Priority {
        static let progress = 0
        static let arrival = 1
        static let notice = 2
        static let preemption = 3
    }

    enum Phase {
        case waiting
        case restarting
        case computing
        case checkpointing
        case done
    }

    struct NodeSlot {
        enum State { case idle, provisioning, running }
        var state: State = .idle
        var placement = Placement(pool: 0, market: .spot)
        var start: Double = 0
        /// When the provider reclaims this (spot) node.
        var reclaim: Double = .infinity
        /// The pending arrival (provisioning) or preemption (running) of this node.
        var handle: EventHandle?
        /// The pending preemption notice of this node.
        var noticeHandle: EventHandle?
    }

    /// Per-pool facts the hot loop reads, unpacked from `Pool` so that no pool is copied per event.
    struct PoolFacts {
        var gpus: Double
        var billing: BillingRule
        var onDemandPrice: Double
        var spotPrice: Double
        var lifetime: Distribution?
        var maxLifetime: Double
        var notice: Double
        var provisioning: Distribution
    }

    let pools: [PoolFacts]
    var simulation = Simulation<Event>(minimumCapacity: 64)
    let lifetimeStreams: [RandomStream]
    let provisioningStreams: [RandomStream]
    var slots: [NodeSlot] = []

    // Per-replication state.
    var plan: ReplicationPlan!
    var ledger = Ledger()
    var phase = Phase.waiting
    var phaseHandle: EventHandle?
    var current = Placement(pool: 0, market: .spot)
    var committed: Double = 0
    var segmentStart: Double = 0
    var segmentEnd: Double = 0
    var lastAccounted: Double = 0
    var runningNodes = 0
    var runningGPUs: Double = 0
    var gangStarts = 0
    var pendingComputeGPUSeconds: Double = 0
    var pendingCheckpointGPUSeconds: Double = 0
    var pendingComputeSeconds: Double = 0
    var pendingCheckpointSeconds: Double = 0

    /// Events delivered over this replicator's lifetime, for throughput figures.
    public private(set) var eventsDelivered = 0

    /// A replicator for a market of `pools`; create one per thread.
    public init(pools: [Pool]) {
        self.pools = pools.map { pool in
            PoolFacts(
                gpus: Double(pool.gpusPerNode), billing: pool.billing, onDemandPrice: pool.onDemandPrice,
                spotPrice: pool.spot?.price ?? pool.onDemandPrice, lifetime: pool.spot?.lifetime,
                maxLifetime: pool.spot?.maxLifetime ?? .infinity, notice: pool.spot?.notice ?? 0,
                provisioning: pool.provisioning)
        }
        lifetimeStreams = pools.indices.map { _ in RandomStream(seed: 0) }
        provisioningStreams = pools.indices.map { _ in RandomStream(seed: 0) }
    }

    /// Runs replication number `replication` of `plan` and returns its ledger.
    ///
    /// - Throws: `ReplicationFailure` when the job has not finished by `plan.horizon`.
    public mutating func run(_ plan: ReplicationPlan, seed: UInt64, replication: Int) throws(ReplicationFailure) -> Ledger {
        start(plan, seed: seed, replication: replication)
        while phase != .done {
            guard let event = simulation.next(until: plan.horizon) else {
                throw ReplicationFailure(
                    replication: replication,
                    reason: "the job did not finish within the horizon of \(Units.formatDuration(plan.horizon)) "
                        + "(\(ledger.preemptions) preemptions, \(Units.formatDuration(committed)) of "
                        + "\(Units.formatDuration(plan.workSeconds)) committed); with these lifetimes the "
                        + "checkpoint interval, write or restart time leaves too little progress between preemptions"
                )
            }
            handle(event)
        }
        eventsDelivered += simulation.eventsDelivered
        #if DEBUG
        let problems = ledger.violations(workSeconds: plan.workSeconds, gangGPUs: plan.gangGPUs)
        assert(problems.isEmpty, "ledger of replication \(replication) does not balance: \(problems)")
        #endif
        return ledger
    }

    mutating func start(_ plan: ReplicationPlan, seed: UInt64, replication: Int) {
        self.plan = plan
        simulation.reset()
        for pool in pools.indices {
            let component = UInt64(StreamComponent.count * pool)
            lifetimeStreams[pool].reseed(seed: seed, replication: UInt64(replication), component: component + StreamComponent.lifetime)
            provisioningStreams[pool].reseed(seed: seed, replication: UInt64(replication), component: component + StreamComponent.provisioning)
        }
        if slots.count != plan.nodes {
            slots = Array(repeating: NodeSlot(), count: plan.nodes)
        } else {
            for index in slots.indices { slots[index] = NodeSlot() }
        }
        ledger = Ledger()
        phase = .waiting
        phaseHandle = nil
        committed = 0
        segmentStart = 0
        segmentEnd = 0
        lastAccounted = 0
        runningNodes = 0
        runningGPUs = 0
        gangStarts = 0
        pendingComputeGPUSeconds = 0
        pendingCheckpointGPUSeconds = 0
        pendingComputeSeconds = 0
        pendingCheckpointSeconds = 0
        current = plan.policy.initialPlacement(PlacementContext(current: nil, preemptions: 0, now: 0))
        for index in slots.indices { launch(index, at: current) }
    }

    mutating func handle(_ event: Event) {
        account()
        switch event {
        case .nodeReady(let index): nodeReady(index)
        case .nodeNotice(let index): nodeNotice(index)
        case .nodePreempted(let index): nodePreempted(index)
        case .restartDone: startSegment()
        case .segmentDone:
            phase = .checkpointing
            phaseHandle = simulation.schedule(.checkpointDone, after: plan.writeSeconds, priority: Priority.progress)
        case .checkpointDone: commit()
        }
    }

    /// Books the time since the last event to the current phase.
    mutating func account() {
        let now = simulation.now
        let elapsed = now - lastAccounted
        lastAccounted = now
        guard elapsed > 0 else { return }
        let gpuSeconds = elapsed * runningGPUs
        switch phase {
        case .waiting:
            ledger.idleGPUSeconds += gpuSeconds
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

    mutating func launch(_ index: Int, at placement: Placement) {
        let pool = placement.pool
        let delay = pools[pool].provisioning.sample(using: provisioningStreams[pool])
        slots[index].state = .provisioning
        slots[index].placement = placement
        slots[index].handle = simulation.schedule(.nodeReady(index), after: Swift.max(0, delay), priority: Priority.arrival)
    }

    mutating func nodeReady(_ index: Int) {
        let placement = slots[index].placement
        slots[index].state = .running
        slots[index].start = simulation.now
        slots[index].handle = nil
        runningNodes += 1
        runningGPUs += pools[placement.pool].gpus
        if placement.market == .spot, let distribution = pools[placement.pool].lifetime {
            let facts = pools[placement.pool]
            let lifetime = Swift.min(Swift.max(0, distribution.sample(using: lifetimeStreams[placement.pool])), facts.maxLifetime)
            let reclaim = simulation.now + lifetime
            slots[index].reclaim = reclaim
            slots[index].handle = simulation.schedule(.nodePreempted(index), at: reclaim, priority: Priority.preemption)
            if plan.checkpointOnNotice, facts.notice > 0 {
                let warning = Swift.max(simulation.now, reclaim - facts.notice)
                slots[index].noticeHandle = simulation.schedule(.nodeNotice(index), at: warning, priority: Priority.notice)
            }
        }
        guard runningNodes == plan.nodes else { return }
        gangStarts += 1
        if gangStarts == 1 {
            startSegment()
        } else {
            phase = .restarting
            let restore = committed > 0 ? plan.restoreSeconds : 0
            phaseHandle = simulation.schedule(.restartDone, after: plan.restartSeconds + restore, priority: Priority.progress)
        }
    }

    /// A preemption notice: with `on_notice` checkpointing, write an emergency checkpoint of the
    /// progress so far when the write ends before the node is reclaimed.
    mutating func nodeNotice(_ index: Int) {
        slots[index].noticeHandle = nil
        guard phase == .computing, simulation.now > segmentStart,
              simulation.now + plan.writeSeconds <= slots[index].reclaim
        else { return }
        if let phaseHandle { simulation.cancel(phaseHandle) }
        segmentEnd = Swift.min(committed + (simulation.now - segmentStart), segmentEnd)
        phase = .checkpointing
        phaseHandle = simulation.schedule(.checkpointDone, after: plan.writeSeconds, priority: Priority.progress)
    }

    mutating func nodePreempted(_ index: Int) {
        slots[index].handle = nil
        release(index, interrupted: true)
        ledger.preemptions += 1
        if let phaseHandle { simulation.cancel(phaseHandle) }
        phaseHandle = nil
        ledger.lostGPUSeconds += pendingComputeGPUSeconds + pendingCheckpointGPUSeconds
        ledger.lostSeconds += pendingComputeSeconds + pendingCheckpointSeconds
        pendingComputeGPUSeconds = 0
        pendingCheckpointGPUSeconds = 0
        pendingComputeSeconds = 0
        pendingCheckpointSeconds = 0
        phase = .waiting

        let context = PlacementContext(current: current, preemptions: ledger.preemptions, now: simulation.now)
        let next = plan.policy.placementAfterPreemption(context)
        if next == current {
            launch(index, at: next)
            return
        }
        // Moving: release the survivors, withdraw pending launches, start a new gang there.
        for other in slots.indices where other != index {
            withdraw(other)
        }
        current = next
        for other in slots.indices { launch(other, at: next) }
    }

    /// Cancels node `index`'s pending events and, when it runs, releases it.
    mutating func withdraw(_ index: Int) {
        if let handle = slots[index].handle { simulation.cancel(handle) }
        if let handle = slots[index].noticeHandle { simulation.cancel(handle) }
        slots[index].handle = nil
        slots[index].noticeHandle = nil
        if slots[index].state == .running { release(index) }
        slots[index].state = .idle
    }

    /// Stops billing node `index` now and books its cost; `interrupted` when the provider
    /// reclaimed it.
    mutating func release(_ index: Int, interrupted: Bool = false) {
        let placement = slots[index].placement
        let gpus = pools[placement.pool].gpus
        let ran = simulation.now - slots[index].start
        let billed = pools[placement.pool].billing.billedSeconds(forRunning: ran, interrupted: interrupted)
        ledger.billedGPUSeconds += billed * gpus
        ledger.billingAdjustmentGPUSeconds += (billed - ran) * gpus
        let isSpot = placement.market == .spot
        let cost = billed / 3600 * (isSpot ? pools[placement.pool].spotPrice : pools[placement.pool].onDemandPrice)
        if isSpot {
            ledger.spotUSD += cost
        } else {
            ledger.onDemandUSD += cost
        }
        slots[index].state = .idle
        slots[index].reclaim = .infinity
        runningNodes -= 1
        runningGPUs -= gpus
    }

    mutating func startSegment() {
        phase = .computing
        segmentStart = simulation.now
        segmentEnd = Swift.min(committed + plan.intervalSeconds, plan.workSeconds)
        phaseHandle = simulation.schedule(.segmentDone, after: segmentEnd - committed, priority: Priority.progress)
    }

    mutating func commit() {
        ledger.usefulGPUSeconds += pendingComputeGPUSeconds
        ledger.checkpointGPUSeconds += pendingCheckpointGPUSeconds
        ledger.computeSeconds += pendingComputeSeconds
        ledger.checkpointSeconds += pendingCheckpointSeconds
        pendingComputeGPUSeconds = 0
        pendingCheckpointGPUSeconds = 0
        pendingComputeSeconds = 0
        pendingCheckpointSeconds = 0
        committed = segmentEnd
        guard committed >= plan.workSeconds else {
            startSegment()
            return
        }
        phase = .done
        phaseHandle = nil
        ledger.completionSeconds = simulation.now
        for index in slots.indices {
            withdraw(index)
        }
    }
}
