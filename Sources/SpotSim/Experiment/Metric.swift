/// A per-replication outcome that experiments summarise.
///
/// Names are stable: JSON, CSV and regression checks refer to them.
public enum Metric: String, Sendable, CaseIterable, Hashable {
    /// Total cost in USD: spot and on-demand compute, checkpoint storage and egress.
    case costUSD = "cost_usd"
    /// Spot compute, USD.
    case spotUSD = "spot_usd"
    /// On-demand compute, USD.
    case onDemandUSD = "on_demand_usd"
    /// Keeping checkpoints in their bucket, USD.
    case storageUSD = "storage_usd"
    /// Moving checkpoints between the bucket and pools in other regions or clouds, USD.
    case egressUSD = "egress_usd"
    /// Hours from the start until the final checkpoint committed.
    case completionHours = "completion_hours"
    /// GPU-hours of compute and checkpoint writes discarded by preemptions.
    case lostGPUHours = "lost_gpu_hours"
    /// Hours spent writing checkpoints that committed.
    case checkpointHours = "checkpoint_hours"
    /// Hours spent restarting and restoring after preemptions.
    case restartHours = "restart_hours"
    /// Hours the job waited for nodes (gang incomplete).
    case waitHours = "wait_hours"
    /// Number of spot preemptions.
    case preemptions
    /// Times the job moved to another pool.
    case migrations
    /// Useful GPU-hours ÷ billed GPU-hours.
    case goodput
    /// 1 when the job finished by its deadline, else 0: its mean is the fraction of
    /// replications that met the deadline. Reported only when jobs have deadlines.
    case deadlineMet = "deadline_met"
    /// Hours from completion to the deadline (negative when late). Reported only when jobs
    /// have deadlines.
    case slackHours = "slack_hours"

    /// The metrics a run reports: every one, or all but the deadline metrics when no job has a
    /// deadline.
    public static func reported(withDeadlines: Bool) -> [Metric] {
        withDeadlines ? allCases : allCases.filter { $0 != .deadlineMet && $0 != .slackHours }
    }

    /// The metric's value in a replication's ledger.
    @inlinable
    public func value(in ledger: Ledger) -> Double {
        switch self {
        case .costUSD: return ledger.totalUSD
        case .spotUSD: return ledger.spotUSD
        case .onDemandUSD: return ledger.onDemandUSD
        case .storageUSD: return ledger.storageUSD
        case .egressUSD: return ledger.egressUSD
        case .completionHours: return ledger.completionSeconds / 3600
        case .lostGPUHours: return ledger.lostGPUSeconds / 3600
        case .checkpointHours: return ledger.checkpointSeconds / 3600
        case .restartHours: return ledger.restartSeconds / 3600
        case .waitHours: return ledger.waitSeconds / 3600
        case .preemptions: return Double(ledger.preemptions)
        case .migrations: return Double(ledger.migrations)
        case .goodput: return ledger.goodput
        case .deadlineMet: return ledger.deadlineMet
        case .slackHours: return ledger.slackSeconds / 3600
        }
    }
}
