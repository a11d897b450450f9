import DiscreteEvent

/// Nodes: launches, arrivals, failed launches, notices, preemptions, capacity drops, moves and
/// billing.
extension Replicator {
    /// Starts a launch attempt for slot `index` at the current placement: the node arrives (or
    /// the attempt fails) after the pool's provisioning delay.
    mutating func launch(_ index: Int) {
        let placement = current
        slots[index].state = .launching
        slots[index].placement = placement
        let delay = market.provisioningDelay(placement.pool)
        slots[index].handle = simulation.schedule(.nodeReady(index), after: delay, priority: Priority.arrival)
    }

    /// Launches slot `index` after `delay` seconds (at once when 0).
    mutating func launch(_ index: Int, after delay: Double) {
        if delay > 0, launchesAheadOfTime(after: delay) {
            let arrival = launchAhead(index, after: delay)
            slots[index].handle = simulation.schedule(.nodeReady(index), at: arrival, priority: Priority.arrival)
            // The pool has no capacity and no node runs: a retry storm may follow
            // (`runRetryStorm(until:budget:)`).
            retryStormMayFollow = true
        } else if delay > 0 {
            slots[index].state = .retrying
            slots[index].placement = current
            slots[index].handle = simulation.schedule(.launch(index), after: delay, priority: Priority.arrival)
        } else {
            launch(index)
        }
    }

    /// Whether a spot relaunch in place after `delay` can draw its provisioning delay now, when
    /// it is decided, instead of at the end of the gap — with every draw of the replication the
    /// same and in the same order as launching then.
    ///
    /// A pool's provisioning delays are drawn one per launch there, in launch order. While the
    /// pool has no capacity and none until after the gap, with none of the job's nodes running
    /// (nothing to preempt, so nothing launched at once) and a policy that only ever relaunches
    /// in place after the same gap (`spot`, no deadline), the only launches before the gap ends
    /// are other such relaunches, decided earlier and so launching earlier; unless one of them
    /// still waits out its gap undrawn (`retrying`), drawing now keeps the order. Nothing
    /// reads whether a slot waits or provisions before capacity returns. Not under a trace,
    /// whose records show the launch at the end of the gap.
    @inline(__always)
    func launchesAheadOfTime(after delay: Double) -> Bool {
        guard launchesAheadAllowed, runningNodes == 0, current.market == .spot else { return false }
        let pool = current.pool
        guard !market.capacityUp[pool], simulation.now + delay < market.nextChange[pool] else { return false }
        for index in 0..<slots.count where slots[index].state == .retrying { return false }
        return true
    }

    /// Relaunches slot `index` in place after `delay`, queued ahead (when
    /// ``launchesAheadOfTime(after:)`` says it may be): draws the attempt's provisioning delay
    /// now rather than when the gap ends, and returns when the node arrives, for the caller to
    /// queue. The launch at the end of the gap is not an event.
    @inline(__always)
    mutating func launchAhead(_ index: Int, after delay: Double) -> Double {
        let launchTime = simulation.now + delay
        let placement = current
        slots[index].state = .launching
        slots[index].placement = placement
        let provisioning = market.provisioningDelay(placement.pool)
        launchesAhead += 1
        // The launch stands for an event at `launchTime`, booked as one before the next queued
        // event (`accountLaunchesAhead()`).
        // Launch times come in order (one gap after decisions made in order).
        bookLaunchAhead(at: launchTime)
        return launchTime + provisioning
    }

    mutating func nodeReady(_ index: Int) {
        let placement = slots[index].placement
        slots[index].handle = nil
        if placement.market == .spot, !market.spotLaunchSucceeds(placement.pool) {
            launchFailed(index)
            return
        }
        slots[index].state = .running
        slots[index].start = simulation.now
        slots[index].active = false
        if placement.market == .spot { market.spotNodes[placement.pool] += 1 }
        runningNodes += 1
        runningGPUs += market.scalars[placement.pool].gpus
        if placement.market == .spot, let lifetime = market.lifetime(placement.pool) {
            let reclaim = simulation.now + lifetime
            slots[index].reclaim = reclaim
            slots[index].handle = simulation.schedule(.nodePreempted(index), at: reclaim, priority: Priority.preemption)
            let notice = market.scalars[placement.pool].notice
            if job.onNotice, notice > 0 {
                let warning = Swift.max(simulation.now, reclaim - notice)
                slots[index].noticeHandle = simulation.schedule(.nodeNotice(index), at: warning, priority: Priority.notice)
            }
        }
        guard phase == .waiting, runningNodes >= job.minNodes else { return }
        // Form once every node that is on its way has arrived (a gang: all of them).
        if runningNodes < job.nodes, slots.contains(where: { $0.state == .launching }) { return }
        failedLaunches = 0
        formGroup()
    }

    /// Forms the group from every running node: the first time it computes at once; after that
    /// it restarts (restart overhead, restore, and any transfer from the bucket) first.
    mutating func formGroup() {
        // Forming and dissolving a group takes time in proportion to the gang: a gang preempted
        // without end is stopped after `gangStartBudget` starts (see `ReplicationPlan.eventBudget`).
        guard gangStarts < job.gangStartBudget else {
            gangStartBudgetSpent = true
            phase = .done  // ends the event loop, which then reports it
            return
        }
        for index in slots.indices where slots[index].state == .running { slots[index].active = true }
        activeNodes = runningNodes
        activeGPUs = runningGPUs
        rate = job.throughput[activeNodes - job.minNodes]
        gangStarts += 1
        if job.continuous {
            // Every launch pays the restart overhead; there is nothing to restore.
            guard job.restart > 0 else { return startSegment() }
            phase = .restarting
            restartEnd = simulation.now + job.restart
            scheduleProgress(.restartDone, at: restartEnd)
        } else if gangStarts == 1 {
            startSegment()
        } else {
            phase = .restarting
            var restore = 0.0
            if committed > 0 {
                restore = job.restore + restoreExtraSeconds[current.pool]
                ledger.egressUSD += restoreEgressUSD[current.pool]
            }
            restartEnd = simulation.now + job.restart + restore
            scheduleProgress(.restartDone, at: restartEnd)
        }
    }

    /// Stops the group: cancels its pending progress event, books uncommitted work and writes as
    /// lost, and waits for nodes.
    mutating func dissolveGroup() {
        cancelProgress()
        if job.continuous, phase == .computing {
            // Continuous progress: what was computed is kept.
            let done = Swift.min((simulation.now - segmentStart) * rate, job.work - committed)
            ledger.usefulGPUSeconds += pendingComputeGPUSeconds
            ledger.computeSeconds += pendingComputeSeconds
            pendingComputeGPUSeconds = 0
            pendingComputeSeconds = 0
            ledger.committedWorkSeconds += done
            committed += done
        }
        ledger.lostGPUSeconds += pendingComputeGPUSeconds + pendingCheckpointGPUSeconds
        ledger.lostSeconds += pendingComputeSeconds + pendingCheckpointSeconds
        pendingComputeGPUSeconds = 0
        pendingCheckpointGPUSeconds = 0
        pendingComputeSeconds = 0
        pendingCheckpointSeconds = 0
        for index in slots.indices { slots[index].active = false }
        activeNodes = 0
        activeGPUs = 0
        phase = .waiting
    }

    /// A launch attempt found no capacity: the policy says where and when to try again.
    mutating func launchFailed(_ index: Int) {
        slots[index].state = .idle
        failedLaunches += 1
        if decidesEachInterval {
            // No capacity: the cluster is gone until a decision launches another.
            becomeIdle()
            decide()
            return
        }
        if safetyNetFired {
            launch(index)  // on-demand for good: try again there at once
            return
        }
        let decision = retryAfterLaunchFailure()
        if decision.placement == current {
            launch(index, after: decision.delay)
        } else {
            move(to: decision.placement, after: decision.delay)
        }
    }

    /// A preemption notice: with `on_notice` checkpointing, write an emergency checkpoint of the
    /// progress so far when the write ends before the node is reclaimed.
    mutating func nodeNotice(_ index: Int) {
        slots[index].noticeHandle = nil
        guard phase == .computing, simulation.now > segmentStart,
              simulation.now + writeSeconds <= slots[index].reclaim
        else { return }
        segmentEnd = Swift.min(committed + (simulation.now - segmentStart) * rate, segmentEnd)
        phase = .checkpointing
        scheduleProgress(.checkpointDone, after: writeSeconds)
    }

    /// The provider reclaims running node `index` (its lifetime ended, or capacity dropped).
    mutating func nodePreempted(_ index: Int) {
        if let handle = slots[index].noticeHandle { simulation.cancel(handle) }
        slots[index].handle = nil
        slots[index].noticeHandle = nil
        let preempted = slots[index].placement
        let wasActive = slots[index].active
        if wasActive { dissolveGroup() }
        release(index, interrupted: true)
        ledger.preemptions += 1
        preemptionsHere += 1
        lastPreempted = preempted

        if decidesEachInterval {
            // The cluster is gone (the published simulator's NONE); decide at once.
            becomeIdle()
            decide()
            return
        }
        let next = placementAfterPreemption()
        guard next == current else {
            move(to: next, after: 0)
            return
        }
        launch(index)
        // An elastic job re-forms at once with the nodes it still has, if they are enough.
        if wasActive, job.isElastic, runningNodes >= job.minNodes { formGroup() }
    }

    /// Pool `pool`'s spot capacity changes; when it drops, each running spot node there is
    /// reclaimed with the pool's reclaim probability (one coin per node, in slot order).
    mutating func capacityChange(_ pool: Int) {
        let before = market.capacity[pool]
        if market.traceEnded(pool, at: simulation.now) {
            failure = "the availability trace \(market.replays[pool]?.trace.source ?? "") of pool \(poolList[pool].name) "
                + "ended \(Units.formatDuration(simulation.now)) into the replication, before the job finished; "
                + "choose earlier windows, or past_end: wrap"
            phase = .done  // ends the event loop, which then reports the failure
            return
        }
        let next = market.capacityChanged(pool, at: simulation.now)
        if next.isFinite {
            simulation.schedule(.capacityChange(pool), at: next, priority: Priority.market)
        }
        if market.isReplay[pool] {
            // A trace: a drop from c to c' reclaims min(c − c', running) nodes, in slot order.
            let after = market.capacity[pool]
            guard after < before else { return }
            var reclaim = after == 0 ? Int.max : before - after
            for index in slots.indices where reclaim > 0 {
                let placement = slots[index].placement
                guard slots[index].state == .running, placement.market == .spot, placement.pool == pool else { continue }
                reclaim -= 1
                if let handle = slots[index].handle { simulation.cancel(handle) }
                nodePreempted(index)
            }
            return
        }
        guard !market.capacityUp[pool] else { return }
        for index in slots.indices {
            let placement = slots[index].placement
            guard slots[index].state == .running, placement.market == .spot, placement.pool == pool,
                  market.reclaimCoin(pool)
            else { continue }
            if let handle = slots[index].handle { simulation.cancel(handle) }
            nodePreempted(index)
        }
    }

    /// Moves the whole gang to `placement`: releases every node, withdraws pending launches,
    /// and launches a full gang there after `delay`.
    mutating func move(to placement: Placement, after delay: Double) {
        dissolveGroup()
        for index in slots.indices { withdraw(index) }
        if placement.pool != current.pool { ledger.migrations += 1 }
        current = placement
        movedAt = simulation.now
        preemptionsHere = 0
        phase = .waiting
        idle = false
        for index in slots.indices { launch(index, after: delay) }
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
        let gpus = market.scalars[placement.pool].gpus
        let ran = simulation.now - slots[index].start
        let billed = market.scalars[placement.pool].billing.billedSeconds(
            forRunning: ran, interrupted: interrupted && placement.market == .spot)
        ledger.billedGPUSeconds += billed * gpus
        ledger.billingAdjustmentGPUSeconds += (billed - ran) * gpus
        let cost = market.cost(placement, start: slots[index].start, billed: billed)
        if placement.market == .spot {
            ledger.spotUSD += cost
        } else {
            ledger.onDemandUSD += cost
        }
        if slots[index].active {
            activeNodes -= 1
            activeGPUs -= gpus
        }
        slots[index].state = .idle
        slots[index].active = false
        slots[index].reclaim = .infinity
        if placement.market == .spot { market.spotNodes[placement.pool] -= 1 }
        runningNodes -= 1
        runningGPUs -= gpus
    }
}
