import CGSL

/// Inverse cumulative distribution functions (quantile functions) from GSL's `gsl_cdf_*_Pinv`.
///
/// Outside their domain (probability not in [0, 1], degrees of freedom not finite and > 0,
/// or a NaN argument) they return NaN — checked here, before GSL, whose own checks differ
/// between functions. At probability 0 or 1 they return the ends of the support (∓∞, or 0
/// for χ²).
///
/// ```swift
/// Quantiles.studentT(probability: 0.975, degreesOfFreedom: 19)   // 2.0930240544…
/// Quantiles.standardNormal(probability: 0.975)                   // 1.9599639845…
/// Quantiles.chiSquared(probability: 0.95, degreesOfFreedom: 1)   // 3.8414588206…
/// ```
///
/// Reference: GSL Reference Manual, "Random Number Distributions".
public enum Quantiles {
    /// The `probability` quantile of Student's t with `degreesOfFreedom` (`gsl_cdf_tdist_Pinv`).
    ///
    /// ```swift
    /// let t = Quantiles.studentT(probability: 0.975, degreesOfFreedom: Double(n - 1))
    /// ```
    ///
    /// - Complexity: O(1) (a few iterations of Newton refinement inside GSL).
    public static func studentT(probability: Double, degreesOfFreedom: Double) -> Double {
        guard isProbability(probability), isDegreesOfFreedom(degreesOfFreedom) else { return .nan }
        GSLRuntime.prepare()
        return gsl_cdf_tdist_Pinv(probability, degreesOfFreedom)
    }

    /// The `probability` quantile of χ² with `degreesOfFreedom` (`gsl_cdf_chisq_Pinv`).
    ///
    /// ```swift
    /// let critical = Quantiles.chiSquared(probability: 0.999, degreesOfFreedom: 9)
    /// ```
    ///
    /// - Complexity: O(1) (iterative refinement inside GSL).
    public static func chiSquared(probability: Double, degreesOfFreedom: Double) -> Double {
        guard isProbability(probability), isDegreesOfFreedom(degreesOfFreedom) else { return .nan }
        GSLRuntime.prepare()
        return gsl_cdf_chisq_Pinv(probability, degreesOfFreedom)
    }

    /// The `probability` quantile of the standard normal N(0, 1) (`gsl_cdf_ugaussian_Pinv`).
    ///
    /// ```swift
    /// let z = Quantiles.standardNormal(probability: 0.995)   // 2.5758…
    /// ```
    ///
    /// Reference: Wichura, "Algorithm AS 241", Applied Statistics 37(3), 1988 (used by GSL).
    ///
    /// - Complexity: O(1).
    public static func standardNormal(probability: Double) -> Double {
        guard isProbability(probability) else { return .nan }
        GSLRuntime.prepare()
        return gsl_cdf_ugaussian_Pinv(probability)
    }

    /// Whether `p` is in [0, 1] (false for NaN).
    private static func isProbability(_ p: Double) -> Bool {
        p >= 0 && p <= 1
    }

    /// Whether `nu` is a finite, positive number of degrees of freedom (false for NaN).
    private static func isDegreesOfFreedom(_ nu: Double) -> Bool {
        nu.isFinite && nu > 0
    }
}
