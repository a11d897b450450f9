/// A training job: an amount of work run by a gang of nodes that must all be up for progress,
/// or by an elastic group of `minNodes...nodes` nodes whose speed depends on how many run.
///
/// Work is measured in seconds of gang compute (wall-clock time the whole gang computes), given
/// either directly (`work: 100h`) or as steps × step time (`work: 50000 steps`,
/// `step_time: 1.2s` or one step time per GPU model).
public struct Job: Sendable {
    public var name: String
    /// The GPU model the job needs; only pools with this GPU can run it.
    public var gpu: String
    /// Gang size: the number of nodes that must all run for the job to progress; for an
    /// elastic job, the most nodes it uses.
    public var nodes: Int
    /// The fewest nodes the job runs with: `nodes` for a gang, less for an elastic job.
    public var minNodes: Int
    /// Relative speed (work-seconds per second) with `n` running nodes, for `n` in
    /// `minNodes...nodes`: `throughput[n - minNodes]`. A gang runs at 1.
    public var throughput: [Double]
    public var work: WorkAmount
    /// Seconds per training step, needed when work or the checkpoint interval is given in steps.
    public var stepTime: StepTime?
    public var checkpoint: CheckpointPlan
    /// Seconds of restart overhead paid on every relaunch after a preemption (process start,
    /// framework initialisation), before the checkpoint is restored. With
    /// ``ProgressModel/continuous`` progress it is paid on every launch, the first included.
    public var restart: Double
    /// How progress survives a preemption: through checkpoints, or always.
    public var progress: ProgressModel = .checkpointed
    /// Seconds from the start by which the job should finish, or `nil` for none. With a
    /// deadline every policy gets the deadline safety net, and reports gain `deadline_met` and
    /// `slack_hours`.
    public var deadline: Double?
    /// Seconds between the decisions of deadline-aware policies and of the safety net; `nil`
    /// for the default: the tick of the first pool of the job's GPU that replays a trace, else
    /// ``Job/defaultDecisionInterval``.
    public var decisionInterval: Double?

    /// The decision interval when neither the job nor a trace sets one: SkyPilot's controller
    /// polls a managed job's cluster about once a minute.
    public static let defaultDecisionInterval: Double = 60

    public init(
        name: String, gpu: String, nodes: Int, work: WorkAmount, stepTime: StepTime?,
        checkpoint: CheckpointPlan, restart: Double, minNodes: Int? = nil, throughput: [Double]? = nil
    ) {
        self.name = name
        self.gpu = gpu
        self.nodes = nodes
        let fewest = minNodes ?? nodes
        self.minNodes = fewest
        self.throughput = throughput ?? (fewest...nodes).map { Double($0) / Double(nodes) }
        self.work = work
        self.stepTime = stepTime
        self.checkpoint = checkpoint
        self.restart = restart
    }

    /// Seconds of gang compute the job needs on nodes with `gpu`, or `nil` when the work is in
    /// steps and no step time is known for that GPU.
    public func workSeconds(onGPU gpu: String) -> Double? {
        switch work {
        case .seconds(let seconds):
            return seconds
        case .steps(let steps):
            guard let step = stepTime?.seconds(onGPU: gpu) else { return nil }
            return Double(steps) * step
        }
    }
}

/// How a job's progress survives preemptions.
public enum ProgressModel: String, Sendable, Hashable, CaseIterable {
    /// Progress is committed by checkpoint writes; a preemption loses the work since the last
    /// one, and a relaunch pays the restart overhead and the restore.
    case checkpointed
    /// The simplified model of "Can't Be Late" (Wu et al., NSDI'24): progress is never lost (as
    /// if checkpointed continuously, at no cost), and every launch — the first, each switch
    /// between spot and on-demand, each relaunch after a preemption — pays the restart overhead,
    /// billed and without progress. A launch replaces overhead still pending.
    case continuous
}

/// How much a job has to compute.
public enum WorkAmount: Sendable, Hashable {
    /// Seconds of gang compute.
    case seconds(Double)
    /// Training steps; needs a step time.
    case steps(Int)
}

/// Seconds per training step: one value, or one per GPU model.
public enum StepTime: Sendable, Hashable {
    case uniform(Double)
    case perGPU([String: Double])

    /// Seconds per step on `gpu`, or `nil` when not given for it.
    public func seconds(onGPU gpu: String) -> Double? {
        switch self {
        case .uniform(let seconds): return seconds
        case .perGPU(let table): return table[gpu]
        }
    }
}
