import DiscreteEvent

/// Deadlines: decisions every decision interval, the deadline-aware policies (`greedy`,
/// `uniform-progress`, `omniscient`) and the safety net every other policy gets.
///
/// Decisions follow the published simulator of "Can't Be Late" (NSDI'24): at each decision
/// time the policy sees the cluster the job has (none after a preemption), whether its spot
/// pool has capacity, its progress and the time left, and picks the cluster for the next
/// interval; a different cluster than the current one is a launch, which pays the restart
/// overhead. Decisions come after market changes at the same instant (priority), so a trace's
/// drop at a tick is seen by that tick's decision.
extension Replicator {
    /// A decision interval starts: schedule the next one, then decide. Kept out of line: most
    /// replications have no deadline, and the event loop stays small.
    @inline(never)
    mutating func decisionTick() {
        guard phase != .done else { return }
        decisions += 1
        simulation.schedule(.decide, at: Double(decisions) * job.decisionInterval, priority: Priority.decision)
        decide()
    }

    /// The cluster the job has now, as deadline policies see it.
    var currentCluster: ClusterChoice {
        if idle { return .idle }
        return current.market == .spot ? .spot : .onDemand
    }

    /// Seconds of overhead each launch pays: the restart (and, with checkpoints, the restore).
    var launchOverhead: Double {
        job.continuous ? job.restart : job.restart + job.restore
    }

    /// Work still to do, counting the compute in progress when progress is continuous.
    var remainingWork: Double {
        var done = committed
        if job.continuous, phase == .computing {
            done += (simulation.now - segmentStart) * rate
        }
        return Swift.max(0, job.work - done)
    }

    /// What a deadline policy sees now, for spot pool `spotPool` (whose spot is available when
    /// it can run the whole gang).
    func deadlineState(spotPool: Int) -> DeadlineState {
        let pending: Double
        switch phase {
        case .restarting: pending = Swift.max(0, restartEnd - simulation.now)
        case .waiting: pending = idle ? 0 : launchOverhead
        default: pending = 0
        }
        return DeadlineState(
            now: simulation.now, deadline: job.deadline, work: job.work, remainingWork: remainingWork,
            restartOverhead: launchOverhead, pendingOverhead: pending, tick: job.decisionInterval,
            cluster: currentCluster, spotAvailable: market.capacity[spotPool] >= job.nodes
        )
    }

    /// Decides now: the deadline policy's (or the omniscient schedule's) choice, or the safety net.
    @inline(never)
    mutating func decide() {
        guard phase != .done, job.hasDeadline else { return }
        if let omniscient {
            let index = Int((simulation.now / job.decisionInterval + 1e-9).rounded(.down))
            let choice = index < schedule.count ? schedule[index] : .onDemand
            apply(choice, spotPool: omniscient.spotPool, onDemandPool: omniscient.onDemandPool)
        } else if let policy = deadlinePolicy {
            apply(policy.decide(deadlineState(spotPool: policy.spotPool)), spotPool: policy.spotPool, onDemandPool: policy.onDemandPool)
        } else if !safetyNetFired, DeadlineRules.safetyNetFires(deadlineState(spotPool: current.pool)) {
            safetyNetFired = true
            if current.market != .onDemand || idle {
                move(to: Placement(pool: job.safetyNetPool, market: .onDemand), after: 0)
            }
        }
    }

    /// Switches to `choice` unless the job already has it.
    mutating func apply(_ choice: ClusterChoice, spotPool: Int, onDemandPool: Int) {
        guard choice != currentCluster else { return }
        switch choice {
        case .idle: becomeIdle()
        case .spot: move(to: Placement(pool: spotPool, market: .spot), after: 0)
        case .onDemand: move(to: Placement(pool: onDemandPool, market: .onDemand), after: 0)
        }
    }

    /// Releases every node and withdraws every launch: the job has no cluster.
    @inline(never)
    mutating func becomeIdle() {
        dissolveGroup()
        for index in slots.indices { withdraw(index) }
        phase = .waiting
        idle = true
    }
}
