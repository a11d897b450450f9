/// Which way a metric gets better: what `spotsim check` counts as a regression.
///
/// ```swift
/// MetricDirection.of("cost_usd")      // .lowerIsBetter
/// MetricDirection.of("savings_usd")   // .higherIsBetter
/// MetricDirection.of("colour")        // nil: not a metric spotsim reports
/// ```
///
/// Lower is better for costs, times, lost work, preemptions, migrations, `over_optimum_usd`
/// and `extra_completion_hours`; higher is better for `goodput`, `deadline_met`,
/// `slack_hours`, `savings_usd` and `savings_fraction`.
public enum MetricDirection: String, Sendable, Hashable {
    case lowerIsBetter = "lower is better"
    case higherIsBetter = "higher is better"

    /// The name of the report's `over_optimum_usd` (extra cost over the omniscient plan).
    public static let overOptimum = "over_optimum_usd"

    /// Every metric name a report can hold, in the order reports list them: ``Metric``'s,
    /// then ``ComparisonMetric``'s (from `versus`), then `over_optimum_usd`.
    public static let knownMetrics: [String] =
        Metric.allCases.map(\.rawValue) + ComparisonMetric.allCases.map(\.rawValue) + [overOptimum]

    /// The direction of the metric named `name`; `nil` for a name spotsim does not report.
    public static func of(_ name: String) -> MetricDirection? {
        if let metric = Metric(rawValue: name) { return of(metric) }
        if let comparison = ComparisonMetric(rawValue: name) { return of(comparison) }
        return name == overOptimum ? .lowerIsBetter : nil
    }

    /// The direction of `metric`.
    public static func of(_ metric: Metric) -> MetricDirection {
        switch metric {
        case .costUSD, .spotUSD, .onDemandUSD, .storageUSD, .egressUSD, .completionHours, .lostGPUHours,
             .checkpointHours, .restartHours, .waitHours, .preemptions, .migrations:
            return .lowerIsBetter
        case .goodput, .deadlineMet, .slackHours:
            return .higherIsBetter
        }
    }

    /// The direction of `metric`.
    public static func of(_ metric: ComparisonMetric) -> MetricDirection {
        switch metric {
        case .savingsUSD, .savingsFraction: return .higherIsBetter
        case .extraCompletionHours: return .lowerIsBetter
        }
    }

    /// How much worse `current` is than `baseline` in this direction: positive is worse.
    public func worsening(from baseline: Double, to current: Double) -> Double {
        self == .lowerIsBetter ? current - baseline : baseline - current
    }
}
