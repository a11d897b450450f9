/// One point of an experiment's grid: a job, a policy and a checkpoint interval, resolved into
/// the plan every replication of that point runs.
public struct Cell: Sendable {
    public var job: Job
    public var policySpec: PolicySpec
    public var interval: CheckpointInterval
    public var plan: ReplicationPlan

    /// The pool the policy starts in.
    public var primaryPool: Pool { plan.pools[plan.policy.primary.pool] }

    /// The settings that identify this point in reports, as (name, value) in a fixed order.
    public var settings: [(String, SettingValue)] {
        [
            ("interval", .text(interval.description)),
            ("interval_hours", .number(plan.intervalSeconds / 3600)),
            ("pool", .text(primaryPool.name)),
            ("nodes", .number(Double(plan.nodes))),
            ("work_hours", .number(plan.workSeconds / 3600)),
            ("checkpoint_write_hours", .number(plan.writeSeconds / 3600)),
            ("restore_hours", .number(plan.restoreSeconds / 3600)),
            ("restart_hours", .number(plan.restartSeconds / 3600)),
        ]
    }
}

/// A setting's value in a report.
public enum SettingValue: Sendable, Hashable {
    case text(String)
    case number(Double)
}

extension Scenario {
    /// The decision interval of `job` when it sets none: the tick of the first pool with its
    /// GPU that replays an availability trace, else ``Job/defaultDecisionInterval``.
    public func defaultDecisionInterval(for job: Job) -> Double {
        for pool in pools where pool.gpu == job.gpu {
            if let tick = pool.spot?.availability.traceTick { return tick }
        }
        return Job.defaultDecisionInterval
    }

    /// The experiment's grid: for each job, each policy, each checkpoint interval, in file order.
    ///
    /// `young` and `daly` are resolved on the policy's first pool. M, the gang's mean time
    /// between preemptions, is 1 ÷ the gang's long-run preemption rate: each of the N nodes is
    /// reclaimed at the end of its lifetime (rate 1 ÷ mean lifetime, exact for exponential
    /// lifetimes, the long-run rate of a renewal process otherwise) and at each capacity drop
    /// with the reclaim probability (drops come once per mean up-plus-down cycle), or at each
    /// drop of a replayed trace (its drops per second of trace). C is the
    /// write time plus the transfer to the bucket from that pool. On on-demand capacity
    /// nothing is preempted, so they resolve to the whole work: one final checkpoint.
    public func cells() throws(PolicyResolutionError) -> [Cell] {
        var cells: [Cell] = []
        for job in jobs {
            let workSeconds = job.workSeconds(onGPU: job.gpu) ?? 0
            let stepSeconds = job.stepTime?.seconds(onGPU: job.gpu)
            for spec in policies {
                let policy = try spec.makePolicy(for: job, pools: pools, storage: storage)
                let primary = policy.primary
                var meanTimeBetweenPreemptions = Double.infinity
                if primary.market == .spot, let spot = pools[primary.pool].spot {
                    var ratePerNode = spot.lifetime.map { 1 / $0.mean } ?? 0
                    if case .alternating(let up, let down, _, let reclaim) = spot.availability {
                        ratePerNode += reclaim / (up.mean + down.mean)
                    } else if case .trace(let replay) = spot.availability {
                        ratePerNode += replay.dropsPerSecond
                    }
                    meanTimeBetweenPreemptions = 1 / (ratePerNode * Double(job.nodes))
                }
                let effectiveWrite = job.checkpoint.writeSeconds
                    + storage.transferSeconds(bytes: job.checkpoint.sizeBytes ?? 0, fromPool: pools[primary.pool])
                for interval in job.checkpoint.intervals {
                    let tau = interval.resolve(
                        write: effectiveWrite,
                        meanTimeBetweenPreemptions: meanTimeBetweenPreemptions,
                        stepSeconds: stepSeconds,
                        work: workSeconds
                    )
                    var plan = ReplicationPlan(
                        pools: pools, policy: policy, nodes: job.nodes, workSeconds: workSeconds,
                        intervalSeconds: tau, writeSeconds: job.checkpoint.writeSeconds,
                        restoreSeconds: job.checkpoint.restoreSeconds, restartSeconds: job.restart,
                        checkpointOnNotice: job.checkpoint.onNotice,
                        storage: storage, checkpointBytes: job.checkpoint.sizeBytes ?? 0,
                        storedBytes: job.checkpoint.storedBytes,
                        minNodes: job.minNodes, throughput: job.throughput,
                        horizon: horizon
                    )
                    plan.progress = job.progress
                    plan.deadline = job.deadline
                    plan.decisionInterval = job.decisionInterval ?? defaultDecisionInterval(for: job)
                    plan.safetyNetPool = spec.safetyNetPool(for: job, pools: pools) ?? primary.pool
                    cells.append(Cell(job: job, policySpec: spec, interval: interval, plan: plan))
                }
            }
        }
        return cells
    }
}
