/// One metric of one result compared with its baseline: what `spotsim check` reports per
/// result × metric (one JUnit test case each).
///
/// ```swift
/// let check = verdict.checks.first { $0.metric == "cost_usd" }!
/// check.outcome     // .regression
/// check.change?.worsening   // 129.3: USD more than the baseline's mean
/// check.change?.threshold   // 3.46: the tolerance plus the noise of both runs
/// ```
public struct MetricCheck: Sendable, Hashable {
    public var result: ResultIdentity
    /// The metric's name (`cost_usd`, `savings_usd`); `settings` for an exact comparison of
    /// the result's settings.
    public var metric: String
    public var outcome: Outcome
    /// The means and the threshold (statistical mode, when both runs have the metric).
    public var change: StatisticalChange?
    /// The statistics that differ (exact mode), in the report's order.
    public var differences: [StatisticDifference]

    public init(result: ResultIdentity, metric: String, outcome: Outcome,
                change: StatisticalChange? = nil, differences: [StatisticDifference] = []) {
        self.result = result
        self.metric = metric
        self.outcome = outcome
        self.change = change
        self.differences = differences
    }

    /// What the comparison found.
    public enum Outcome: Sendable, Hashable {
        /// Exact: identical. Statistical: the change is within the threshold either way.
        case passed
        /// Statistical: better than the baseline by more than the threshold (not a failure).
        case improvement
        /// Statistical: worse than the baseline by more than the threshold.
        case regression
        /// Exact: some number differs.
        case differs
        /// The baseline has the metric, this run has not (or has `null`).
        case missing
        /// Exact: this run has a metric the baseline has not.
        case added
        /// Statistical: not compared, for the reason given (`undefined in the baseline`, `new
        /// in this run`, `no known direction`); not a failure.
        case notChecked(String)
    }

    /// Whether this check fails the run: a regression, a difference, a missing or (exact)
    /// added metric.
    public var isFailure: Bool {
        switch outcome {
        case .regression, .differs, .missing, .added: return true
        case .passed, .improvement, .notChecked: return false
        }
    }

    /// Whether this was compared (everything but ``Outcome/notChecked(_:)``).
    public var wasChecked: Bool {
        if case .notChecked = outcome { return false }
        return true
    }
}

/// A metric's mean in the baseline and in this run, with the statistical rule applied.
///
/// The change counts as real when it exceeds the tolerance plus √((kb·hb)² + (kc·hc)²), where
/// hb and hc are the half-widths of the two 95 % confidence intervals (0 without an interval)
/// and kb, kc widen them to the check's family-wise level (1 by default: then the noise is the
/// half-width of a 95 % interval of the difference of two independent means; see
/// ``RegressionCheck/falseAlarmRate``).
///
/// ```swift
/// let change = StatisticalChange(direction: .lowerIsBetter, baselineMean: 100, baselineHalfWidth: 3,
///                                currentMean: 108, currentHalfWidth: 4, tolerance: .relative(0.02))
/// change.noise       // 5
/// change.threshold   // 7: 2 (2 % of 100) + 5
/// change.worsening   // 8 > 7: a regression
/// ```
public struct StatisticalChange: Sendable, Hashable {
    public var direction: MetricDirection
    public var baselineMean: Double
    public var baselineHalfWidth: Double
    public var currentMean: Double
    public var currentHalfWidth: Double
    public var tolerance: Tolerance
    /// kb: the factor that widens the baseline's 95 % half-width to the check's level.
    public var baselineScale: Double
    /// kc: the same for this run's.
    public var currentScale: Double

    public init(direction: MetricDirection, baselineMean: Double, baselineHalfWidth: Double,
                currentMean: Double, currentHalfWidth: Double, tolerance: Tolerance,
                baselineScale: Double = 1, currentScale: Double = 1) {
        self.baselineScale = baselineScale
        self.currentScale = currentScale
        self.direction = direction
        self.baselineMean = baselineMean
        self.baselineHalfWidth = baselineHalfWidth
        self.currentMean = currentMean
        self.currentHalfWidth = currentHalfWidth
        self.tolerance = tolerance
    }

    /// This run's mean − the baseline's.
    public var change: Double { currentMean - baselineMean }
    /// How much worse this run is: positive is worse (``MetricDirection/worsening(from:to:)``).
    public var worsening: Double { direction.worsening(from: baselineMean, to: currentMean) }
    /// The tolerance in the metric's unit.
    public var toleranceAmount: Double { tolerance.amount(baselineMean: baselineMean) }
    /// √((kb·hb)² + (kc·hc)²).
    public var noise: Double {
        let baseline = baselineScale * baselineHalfWidth
        let current = currentScale * currentHalfWidth
        return (baseline * baseline + current * current).squareRoot()
    }
    /// Rounding: 10⁻⁹ of the larger mean. A metric that does not vary between replications
    /// (a zero-width interval) can still differ in its last bits when the same values are
    /// summed in another order; such a difference is never a change.
    public var rounding: Double { 1e-9 * Swift.max(abs(baselineMean), abs(currentMean)) }
    /// The tolerance plus the noise (plus ``rounding``): a change beyond it either way is real.
    public var threshold: Double { toleranceAmount + noise + rounding }

    /// Regression when worse by more than the threshold, improvement when better by more,
    /// else passed.
    public var outcome: MetricCheck.Outcome {
        if worsening > threshold { return .regression }
        if -worsening > threshold { return .improvement }
        return .passed
    }
}

/// One number that differs between the baseline and this run (exact mode).
public struct StatisticDifference: Sendable, Hashable {
    /// `mean`, `sd`, `ci95.lower`, `ci95.upper`, `p50`, `p90`, `p99`; a setting's name for
    /// `settings`; `summary` when one side is `null` as a whole.
    public var statistic: String
    /// The value as the baseline writes it (`null`, or `absent` when it has no such field).
    public var baseline: String
    /// The value as this run writes it.
    public var current: String

    public init(statistic: String, baseline: String, current: String) {
        self.statistic = statistic
        self.baseline = baseline
        self.current = current
    }
}
