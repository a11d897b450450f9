/// Where every billed GPU-second and every wall-clock second of one replication went.
///
/// Every billed GPU-second is exactly one of: useful work, lost work (re-done later),
/// checkpoint write, restart/restore, idle (running while the rest of the gang is not), or
/// billing adjustment (the provider's minimum and granularity; negative where a provider does
/// not charge, as Azure's partial minutes or AWS spot interrupted in its first hour). Wall-clock time splits the same
/// way, with waiting for nodes in place of idle. The two views are accumulated by different code paths (phase accounting vs
/// per-node billing), so `violations(work:)` is a real check: debug builds run it after every
/// replication.
public struct Ledger: Sendable, Hashable {
    // GPU-seconds (a node's seconds times its GPUs), by category.
    public var usefulGPUSeconds: Double = 0
    public var lostGPUSeconds: Double = 0
    public var checkpointGPUSeconds: Double = 0
    public var restartGPUSeconds: Double = 0
    public var idleGPUSeconds: Double = 0
    /// Billed minus run GPU-seconds: minimums and partial units, negative where the provider
    /// does not charge (partial minutes on Azure; AWS spot interrupted in its first hour).
    public var billingAdjustmentGPUSeconds: Double = 0
    /// GPU-seconds billed, summed node by node at release.
    public var billedGPUSeconds: Double = 0

    // USD, by line.
    public var spotUSD: Double = 0
    public var onDemandUSD: Double = 0
    /// Keeping the checkpoint in its bucket until the job ends.
    public var storageUSD: Double = 0
    /// Moving checkpoints between the bucket and pools in other regions or clouds.
    public var egressUSD: Double = 0
    public var totalUSD: Double { spotUSD + onDemandUSD + storageUSD + egressUSD }

    /// Work committed, seconds at speed 1 (equals the job's work when it finishes).
    public var committedWorkSeconds: Double = 0

    // Wall-clock seconds of the job, by what it was doing.
    public var computeSeconds: Double = 0
    public var lostSeconds: Double = 0
    public var checkpointSeconds: Double = 0
    public var restartSeconds: Double = 0
    public var waitSeconds: Double = 0
    /// Seconds from the start until the final checkpoint committed.
    public var completionSeconds: Double = 0
    /// The job's deadline, seconds from the start (+∞ for none).
    public var deadlineSeconds: Double = .infinity
    /// 1 when the job finished by its deadline (or has none), else 0.
    public var deadlineMet: Double { completionSeconds <= deadlineSeconds * (1 + 1e-12) ? 1 : 0 }
    /// Deadline minus completion, seconds (negative when late; +∞ without a deadline).
    public var slackSeconds: Double { deadlineSeconds - completionSeconds }

    public var preemptions: Int = 0
    /// Times the job moved to another pool.
    public var migrations: Int = 0

    public init() {}

    /// Useful GPU-seconds ÷ billed GPU-seconds.
    public var goodput: Double { billedGPUSeconds > 0 ? usefulGPUSeconds / billedGPUSeconds : 0 }

    /// The broken invariants, empty when the ledger balances.
    ///
    /// - Parameters:
    ///   - workSeconds: the job's compute, wall-clock seconds of the gang.
    ///   - gangGPUs: GPUs in the gang, when every placement has the same count (else `nil`).
    /// - Returns: one line per violated rule.
    public func violations(workSeconds: Double, gangGPUs: Double?) -> [String] {
        var problems: [String] = []
        func close(_ a: Double, _ b: Double) -> Bool {
            abs(a - b) <= 1e-9 * Swift.max(1, abs(a), abs(b))
        }
        let categories = [usefulGPUSeconds, lostGPUSeconds, checkpointGPUSeconds, restartGPUSeconds, idleGPUSeconds]
        if categories.contains(where: { $0 < 0 || !$0.isFinite }) {
            problems.append("a GPU-second category is negative or not finite: \(categories)")
        }
        let sum = categories.reduce(0, +) + billingAdjustmentGPUSeconds
        if !close(sum, billedGPUSeconds) {
            problems.append("GPU-second categories and billing adjustment sum to \(sum) but \(billedGPUSeconds) were billed")
        }
        let wall = [computeSeconds, lostSeconds, checkpointSeconds, restartSeconds, waitSeconds]
        if wall.contains(where: { $0 < 0 || !$0.isFinite }) {
            problems.append("a wall-clock category is negative or not finite: \(wall)")
        }
        let wallSum = wall.reduce(0, +)
        if !close(wallSum, completionSeconds) {
            problems.append("wall-clock categories sum to \(wallSum) but the job took \(completionSeconds)")
        }
        if !close(committedWorkSeconds, workSeconds) {
            problems.append("committed work is \(committedWorkSeconds) s but the job's work is \(workSeconds) s")
        }
        if let gangGPUs, !close(usefulGPUSeconds, workSeconds * gangGPUs) {
            problems.append("useful GPU-seconds \(usefulGPUSeconds) differ from work × gang GPUs \(workSeconds * gangGPUs)")
        }
        if spotUSD < 0 || onDemandUSD < 0 || storageUSD < 0 || egressUSD < 0 {
            problems.append("a cost line is negative: spot \(spotUSD), on-demand \(onDemandUSD), storage \(storageUSD), egress \(egressUSD)")
        }
        return problems
    }
}
