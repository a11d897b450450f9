/// A spotsim JSON report (`spotsim run --format json`) as `spotsim check` reads it: the run's
/// identity (scenario, seed, replications, spotsim version) and its results, each with its
/// numbers as written.
///
/// ```swift
/// let baseline = try ReportReader.read(path: "baseline.json")
/// baseline.scenario                           // "quickstart"
/// baseline.results[4].identity.description    // "finetune / spot / 15m"
/// baseline.results[4].metric(named: "cost_usd")?.summary?.mean?.value   // 1808.93…
/// ```
public struct ParsedReport: Sendable {
    /// The file it was read from, for messages (`(this run)` for a report made in memory).
    public var file: String
    public var schemaVersion: Int
    public var spotsimVersion: String
    public var scenario: String
    /// The seed, as written (it may not fit a `Double`).
    public var seed: String
    public var replications: Int
    /// The baseline policy of `versus`, `nil` when there is none (or in schema 1).
    public var baseline: String?
    /// The swept parameters' paths, empty without a sweep.
    public var sweepParameters: [String]
    public var results: [ParsedResult]
    /// How the report's summaries were made: the top-level `statistics.mode`, ``StatisticsMode/exact``
    /// when the report has none.
    public var statistics: StatisticsMode = .exact

    public init(
        file: String, schemaVersion: Int, spotsimVersion: String, scenario: String, seed: String, replications: Int,
        baseline: String?, sweepParameters: [String] = [], results: [ParsedResult]
    ) {
        self.file = file
        self.schemaVersion = schemaVersion
        self.spotsimVersion = spotsimVersion
        self.scenario = scenario
        self.seed = seed
        self.replications = replications
        self.baseline = baseline
        self.sweepParameters = sweepParameters
        self.results = results
    }
}

/// One result of a report: a job × policy × interval (× sweep point) and its metrics.
public struct ParsedResult: Sendable {
    public var identity: ResultIdentity
    /// The `settings` object: `interval`, `interval_hours`, `pool`, `nodes`, …
    public var settings: [String: ReportJSON]
    /// Every metric of the result in ``MetricDirection/knownMetrics`` order, then any other
    /// name in alphabetical order: `metrics`' entries, `versus`' comparisons and
    /// `over_optimum_usd`, all by their bare names (`cost_usd`, `savings_usd`).
    public var metrics: [MetricEntry]

    public init(identity: ResultIdentity, settings: [String: ReportJSON] = [:], metrics: [MetricEntry]) {
        self.identity = identity
        self.settings = settings
        self.metrics = metrics
    }

    /// The metric named `name`, `nil` when the result does not have it.
    ///
    /// - Complexity: O(m) in the result's metric count (about 20).
    public func metric(named name: String) -> MetricEntry? {
        metrics.first { $0.name == name }
    }
}

/// A metric of a result: its name and summary; the summary is `nil` where the report has
/// `null` (a comparison that is undefined, like `savings_fraction` when a baseline cost is 0).
public struct MetricEntry: Sendable, Hashable {
    public var name: String
    public var summary: MetricSummary?

    public init(name: String, summary: MetricSummary?) {
        self.name = name
        self.summary = summary
    }
}
