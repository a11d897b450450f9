/// Everything a `spotsim check` found: the mode and why, one ``MetricCheck`` per result ×
/// metric, and the results only one side has. The renderers (``CheckTextReport``,
/// ``CheckJUnitReport``, ``GitHubAnnotations``) print it.
///
/// ```swift
/// let verdict = try RegressionCheck(tolerances: ToleranceSet(parsing: ["2%"])).compare(baseline: base, current: run)
/// verdict.passed           // false
/// verdict.failureCount     // 1
/// verdict.failures.first?.metric   // "cost_usd"
/// ```
public struct CheckVerdict: Sendable {
    /// The scenario both reports are of.
    public var scenario: String
    /// The baseline's file name.
    public var baselineFile: String
    public var decision: ModeDecision
    /// The results in the baseline.
    public var resultCount: Int
    /// One per result × metric, in the baseline's order (then, exact mode, `settings`).
    public var checks: [MetricCheck]
    /// Results in the baseline that this run lacks: always failures.
    public var missingResults: [ResultIdentity]
    /// Results of this run the baseline lacks: failures in exact mode, only reported in
    /// statistical mode.
    public var addedResults: [ResultIdentity]
    /// How the statistical checks' intervals were widened; `nil` in exact mode and when
    /// plain 95 % intervals were compared.
    public var widening: Widening? = nil

    /// The family-wise widening of statistical checks (``RegressionCheck/falseAlarmRate``).
    public struct Widening: Sendable, Hashable {
        /// The chance of any false alarm among the checks.
        public var falseAlarmRate: Double
        /// The checks it is shared among.
        public var checks: Int
        /// Each check's critical value, in standard errors of the difference.
        public var critical: Double
    }

    public init(scenario: String, baselineFile: String, decision: ModeDecision, resultCount: Int,
                checks: [MetricCheck], missingResults: [ResultIdentity] = [], addedResults: [ResultIdentity] = []) {
        self.scenario = scenario
        self.baselineFile = baselineFile
        self.decision = decision
        self.resultCount = resultCount
        self.checks = checks
        self.missingResults = missingResults
        self.addedResults = addedResults
    }

    /// The checks that fail: regressions, differences, missing and added metrics.
    public var failures: [MetricCheck] { checks.filter(\.isFailure) }
    /// The metrics that got better beyond their threshold (statistical mode).
    public var improvements: [MetricCheck] { checks.filter { $0.outcome == .improvement } }
    /// The checks that compared nothing, with their reasons.
    public var skipped: [MetricCheck] { checks.filter { !$0.wasChecked } }
    /// How many result × metric pairs were compared.
    public var checkedCount: Int { checks.count { $0.wasChecked } }
    /// Whether added results fail the check (exact mode).
    public var addedResultsFail: Bool { decision.mode == .exact }

    /// Failing checks + missing results + (exact mode) added results: the `K regressions` of
    /// the summary line.
    public var failureCount: Int {
        failures.count + missingResults.count + (addedResultsFail ? addedResults.count : 0)
    }

    /// Whether the run passes: no failure at all.
    public var passed: Bool { failureCount == 0 }
}
