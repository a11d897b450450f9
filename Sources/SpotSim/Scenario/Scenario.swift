/// A decoded, validated scenario: the market (pools), the jobs, the policies to compare and
/// the experiment's size.
///
/// Build one with `ScenarioDecoder`, which reports every problem with its file, line and
/// column; or in code, for tests and tools.
public struct Scenario: Sendable {
    public var name: String
    public var seed: UInt64
    public var replications: Int
    /// Seconds of simulated time after which a replication that has not finished is an error.
    public var horizon: Double
    public var pools: [Pool]
    public var jobs: [Job]
    public var policies: [PolicySpec]
    /// The policy every other policy is compared with, replication by replication (see
    /// ``Comparison``); `nil` for no comparison. It must be one of ``policies``.
    ///
    /// The initializer's default is ``defaultBaseline(among:)``: `on-demand` when it is among
    /// the policies, else none. Set it to `nil` after initialization to turn comparisons off.
    public var baseline: PolicySpec?
    /// Where checkpoints are kept and what moving them costs (the `storage:` key); the default,
    /// ``StoragePlan/noStorage``, models no storage: no transfer time, no storage or egress cost.
    public var storage: StoragePlan = .noStorage
    /// The settings the scenario varies (the `sweep:` key); `nil` for a single point.
    public var sweep: Sweep? = nil

    /// The metrics runs of this scenario report: the deadline metrics only when jobs have
    /// deadlines.
    public var metrics: [Metric] { Metric.reported(withDeadlines: jobs.contains { $0.deadline != nil }) }

    /// The points an experiment runs: each sweep point, with this scenario's seed and
    /// replications (which the command line may have overridden), or this scenario alone.
    public var gridPoints: [SweepPoint] {
        guard let sweep else { return [SweepPoint(values: [], scenario: self)] }
        return sweep.points.map { point in
            var point = point
            point.scenario.seed = seed
            point.scenario.replications = replications
            point.scenario.name = name
            return point
        }
    }

    /// The default horizon: ten years of simulated time.
    public static let defaultHorizon: Double = 10 * 365 * 86400

    public init(
        name: String, seed: UInt64, replications: Int, horizon: Double = Scenario.defaultHorizon,
        pools: [Pool], jobs: [Job], policies: [PolicySpec], baseline: PolicySpec? = nil,
        storage: StoragePlan = .noStorage
    ) {
        self.name = name
        self.seed = seed
        self.replications = replications
        self.horizon = horizon
        self.pools = pools
        self.jobs = jobs
        self.policies = policies
        self.baseline = baseline ?? Scenario.defaultBaseline(among: policies)
        self.storage = storage
    }

    /// The baseline when a scenario names none: plain `on-demand` (the cheapest on-demand pool)
    /// when `policies` lists it, else `nil` (no comparison).
    ///
    /// ```swift
    /// Scenario.defaultBaseline(among: [PolicySpec(kind: .onDemand), PolicySpec(kind: .spot)])  // on-demand
    /// Scenario.defaultBaseline(among: [PolicySpec(kind: .spot)])                               // nil
    /// ```
    public static func defaultBaseline(among policies: [PolicySpec]) -> PolicySpec? {
        let onDemand = PolicySpec(kind: .onDemand)
        return policies.contains(onDemand) ? onDemand : nil
    }
}
