import CGSL

extension Summary {
    /// A summary of statistics computed elsewhere — by ``StreamingSummary`` in one pass, or by
    /// ``init(sorting:)`` from sorted values — with its 95 % interval: mean ± t(0.975, n − 1) ·
    /// sd / √n, t from `gsl_cdf_tdist_Pinv`; `nil` when `count < 2`.
    ///
    /// ```swift
    /// let s = Summary(count: 5, mean: 2.8, standardDeviation: 1.7889, p50: 3, p90: 4.6, p99: 4.96)
    /// s.confidenceInterval95      // 0.5788…...5.0211…
    /// ```
    ///
    /// - Precondition: `count` ≥ 1.
    /// - Complexity: O(1).
    public init(count: Int, mean: Double, standardDeviation: Double, p50: Double, p90: Double, p99: Double) {
        precondition(count >= 1, "Summary needs at least one value")
        self.count = count
        self.mean = mean
        self.standardDeviation = standardDeviation
        if count >= 2 {
            GSLRuntime.prepare()
            let t = gsl_cdf_tdist_Pinv(0.975, Double(count - 1))
            let halfWidth = t * standardDeviation / Double(count).squareRoot()
            self.confidenceInterval95 = (mean - halfWidth)...(mean + halfWidth)
        } else {
            self.confidenceInterval95 = nil
        }
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
    }
}

/// A ``Summary`` built one value at a time without keeping the values: count, mean and
/// standard deviation by Welford's update, quantiles from a ``QuantileSketch``.
///
/// The mean and sd depend on the order the values come in (rounding), so callers that promise
/// the same bits whatever the thread count add values in a fixed order (spotsim: replication
/// order). Welford's update is stable: with κ = √(1 + n·mean²/S) the condition number of the
/// sum of squared deviations S, its relative error is at most about n·κ·u (u = 2⁻⁵³; Chan,
/// Golub & LeVeque 1983), against about n·u for GSL's two-pass `gsl_stats_sd_m` — in
/// practice agreement to 10⁻¹³ or better. p50/p90/p99 are the sketch's: within its
/// ``QuantileSketch/relativeAccuracy`` of GSL's quantiles of the same values.
///
/// ```swift
/// var costs = StreamingSummary()
/// for ledger in ledgers { costs.add(ledger.totalUSD) }
/// costs.summary.mean       // as Summary(values).mean, up to rounding
/// costs.summary.p99        // within 1e-4 (relative) of Summary(values).p99
/// ```
///
/// Reference: B. P. Welford, "Note on a method for calculating corrected sums of squares and
/// products", Technometrics 4(3), 1962; T. F. Chan, G. H. Golub, R. J. LeVeque, "Algorithms
/// for computing the sample variance: analysis and recommendations", The American
/// Statistician 37(3), 1983.
///
/// - Complexity: ``add(_:)`` O(1) amortised; memory that of the sketch, independent of the
///   number of values.
public struct StreamingSummary: Sendable {
    /// The values added.
    public private(set) var count = 0
    /// Their running mean.
    public private(set) var mean = 0.0
    /// Σ (x − mean)², updated by Welford's recurrence.
    public private(set) var sumOfSquaredDeviations = 0.0
    /// The values' quantile sketch.
    public private(set) var sketch: QuantileSketch

    /// An empty summary whose quantiles have relative error `relativeAccuracy`.
    ///
    /// ```swift
    /// var s = StreamingSummary(relativeAccuracy: 1e-3)
    /// ```
    ///
    /// - Complexity: O(1).
    public init(
        relativeAccuracy: Double = QuantileSketch.defaultRelativeAccuracy,
        maximumBuckets: Int = QuantileSketch.defaultMaximumBuckets
    ) {
        sketch = QuantileSketch(relativeAccuracy: relativeAccuracy, maximumBuckets: maximumBuckets)
    }

    /// Adds `value` (Welford: n += 1; d = x − mean; mean += d ÷ n; S += d·(x − mean)).
    ///
    /// ```swift
    /// summary.add(1831.04)
    /// ```
    ///
    /// - Precondition: `value` is finite.
    /// - Complexity: O(1) amortised.
    public mutating func add(_ value: Double) {
        sketch.insert(value)
        count += 1
        let deviation = value - mean
        mean += deviation / Double(count)
        sumOfSquaredDeviations += deviation * (value - mean)
    }

    /// The sample standard deviation, √(S ÷ (n − 1)); 0 when `count < 2`.
    public var standardDeviation: Double {
        count < 2 ? 0 : (sumOfSquaredDeviations / Double(count - 1)).squareRoot()
    }

    /// Whether p50, p90 and p99 are all within the sketch's relative-error bound (see
    /// ``QuantileSketch/isWithinRelativeAccuracy(_:)``): `false` only when one of them falls
    /// among magnitudes the sketch collapsed.
    ///
    /// ```swift
    /// if !streaming.quantilesWithinBound { warn() }
    /// ```
    ///
    /// - Complexity: O(buckets).
    public var quantilesWithinBound: Bool {
        [0.5, 0.9, 0.99].allSatisfy(sketch.isWithinRelativeAccuracy)
    }

    /// The summary of the values so far.
    ///
    /// ```swift
    /// let s = streaming.summary      // count, mean, sd, ci95, p50, p90, p99
    /// ```
    ///
    /// - Precondition: at least one value was added.
    /// - Complexity: O(buckets) (three quantiles).
    public var summary: Summary {
        precondition(count >= 1, "Summary needs at least one value")
        return Summary(
            count: count, mean: mean, standardDeviation: standardDeviation,
            p50: sketch.quantile(0.5)!, p90: sketch.quantile(0.9)!, p99: sketch.quantile(0.99)!
        )
    }
}
