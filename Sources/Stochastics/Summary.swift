import CGSL

/// The summary statistics spotsim reports for every metric: count, mean, standard
/// deviation, a 95 % Student-t confidence interval for the mean, and the p50/p90/p99
/// quantiles — all computed by GSL.
///
/// ```swift
/// let s = Summary([3, 1, 4, 1, 5])
/// s.mean                      // 2.8
/// s.p50                       // 3.0
/// s.confidenceInterval95      // 0.5788…...5.0211…  (t(0.975, 4) = 2.7764…)
/// ```
///
/// Reference: GSL Reference Manual, "Statistics" (`gsl_stats_mean`, `gsl_stats_sd_m`,
/// `gsl_stats_quantile_from_sorted_data`) and "Random Number Distributions" (`gsl_cdf_tdist_Pinv`).
public struct Summary: Sendable, Hashable {
    /// The number of values.
    public let count: Int
    /// The arithmetic mean (`gsl_stats_mean`).
    public let mean: Double
    /// The sample standard deviation, with n − 1 in the denominator (`gsl_stats_sd_m`);
    /// 0 when `count < 2`.
    public let standardDeviation: Double
    /// mean ± t(0.975, n − 1) · sd / √n, with t from `gsl_cdf_tdist_Pinv`; `nil` when `count < 2`.
    public let confidenceInterval95: ClosedRange<Double>?
    /// The median: quantile 0.5 (see ``quantile(sortedValues:probability:)``).
    public let p50: Double
    /// Quantile 0.9.
    public let p90: Double
    /// Quantile 0.99.
    public let p99: Double

    /// Summarises `values`, which are left untouched (a sorted copy is made).
    ///
    /// ```swift
    /// let costs = Summary(replications.map(\.cost))
    /// ```
    ///
    /// - Precondition: `values` is non-empty and every value is finite.
    /// - Complexity: O(n) time and extra memory.
    public init(_ values: [Double]) {
        var copy = values
        self.init(sorting: &copy)
    }

    /// Summarises `values`, sorting them in place (``AscendingSort``: `gsl_sort`'s order) to
    /// avoid a copy.
    ///
    /// ```swift
    /// var times = completionTimes
    /// let s = Summary(sorting: &times)    // `times` is now sorted ascending
    /// ```
    ///
    /// - Precondition: `values` is non-empty and every value is finite.
    /// - Complexity: O(n) time and extra memory (``AscendingSort``).
    public init(sorting values: inout [Double]) {
        precondition(!values.isEmpty, "Summary needs at least one value")
        precondition(values.allSatisfy(\.isFinite), "Summary needs finite values")
        GSLRuntime.prepare()
        let n = values.count
        var mean = 0.0
        var sd = 0.0
        var p50 = 0.0, p90 = 0.0, p99 = 0.0
        values.withUnsafeMutableBufferPointer { buffer in
            let data = buffer.baseAddress!
            AscendingSort.sort(buffer)
            mean = gsl_stats_mean(data, 1, n)
            if n >= 2 { sd = gsl_stats_sd_m(data, 1, n, mean) }
            p50 = gsl_stats_quantile_from_sorted_data(data, 1, n, 0.5)
            p90 = gsl_stats_quantile_from_sorted_data(data, 1, n, 0.9)
            p99 = gsl_stats_quantile_from_sorted_data(data, 1, n, 0.99)
        }
        self.init(count: n, mean: mean, standardDeviation: sd, p50: p50, p90: p90, p99: p99)
    }

    /// The `probability` quantile of ascending `sortedValues`, by GSL's convention
    /// (`gsl_stats_quantile_from_sorted_data`): linear interpolation between the order
    /// statistics around position (n − 1)·p, counting from 0 — Hyndman & Fan type 7, the
    /// default of R and NumPy.
    ///
    /// ```swift
    /// Summary.quantile(sortedValues: [10, 20, 30, 40], probability: 0.25)   // 17.5
    /// ```
    ///
    /// Reference: Hyndman & Fan, "Sample quantiles in statistical packages",
    /// The American Statistician 50(4), 1996.
    ///
    /// - Precondition: `sortedValues` is non-empty and ascending; `probability` is in [0, 1].
    /// - Complexity: O(1) (O(n) in debug builds, which check the order).
    public static func quantile(sortedValues: [Double], probability: Double) -> Double {
        precondition(!sortedValues.isEmpty, "quantile of no values")
        precondition((0...1).contains(probability), "quantile probability must be in [0, 1]")
        assert(zip(sortedValues, sortedValues.dropFirst()).allSatisfy { $0 <= $1 }, "values must be sorted")
        return sortedValues.withUnsafeBufferPointer { buffer in
            gsl_stats_quantile_from_sorted_data(buffer.baseAddress, 1, buffer.count, probability)
        }
    }
}
