/// One metric of one result as a JSON report gives it: mean, sd, the 95 % confidence
/// interval of the mean and three quantiles.
///
/// Any statistic may be missing: the writer prints a non-finite number as `null`, and `ci95`
/// is `null` when the interval is undefined (a single replication).
///
/// ```swift
/// let cost = MetricSummary(mean: 1831.04, sd: 54.3, ci95: (1828.66, 1833.42), p50: 1829.22, p90: 1901.75, p99: 1962.47)
/// cost.halfWidth   // 2.38 (up to rounding)
/// ```
public struct MetricSummary: Sendable, Hashable {
    public var mean: ReportNumber?
    public var sd: ReportNumber?
    /// The 95 % interval of the mean, `nil` when the report has `null`.
    public var ci95: Interval?
    public var p50: ReportNumber?
    public var p90: ReportNumber?
    public var p99: ReportNumber?

    /// A confidence interval's bounds.
    public struct Interval: Sendable, Hashable {
        public var lower: ReportNumber
        public var upper: ReportNumber
        public init(lower: ReportNumber, upper: ReportNumber) {
            self.lower = lower
            self.upper = upper
        }
    }

    public init(mean: ReportNumber?, sd: ReportNumber?, ci95: Interval?, p50: ReportNumber?, p90: ReportNumber?, p99: ReportNumber?) {
        self.mean = mean
        self.sd = sd
        self.ci95 = ci95
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
    }

    /// A summary from plain numbers, as ``JSONWriter`` would print them (for tests and tools).
    public init(mean: Double, sd: Double, ci95: (Double, Double)?, p50: Double, p90: Double, p99: Double) {
        self.init(
            mean: ReportNumber(mean), sd: ReportNumber(sd),
            ci95: ci95.map { Interval(lower: ReportNumber($0.0), upper: ReportNumber($0.1)) },
            p50: ReportNumber(p50), p90: ReportNumber(p90), p99: ReportNumber(p99)
        )
    }

    /// Half the width of ``ci95``; 0 without an interval.
    public var halfWidth: Double {
        guard let ci95 else { return 0 }
        return (ci95.upper.value - ci95.lower.value) / 2
    }

    /// Every statistic by name, in the report's order, for an exact comparison:
    /// `mean`, `sd`, `ci95.lower`, `ci95.upper`, `p50`, `p90`, `p99`.
    public var statistics: [(name: String, value: ReportNumber?)] {
        [
            ("mean", mean), ("sd", sd), ("ci95.lower", ci95?.lower), ("ci95.upper", ci95?.upper),
            ("p50", p50), ("p90", p90), ("p99", p99),
        ]
    }
}
