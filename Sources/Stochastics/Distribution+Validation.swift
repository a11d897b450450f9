extension Distribution {
    /// Whether the parameters are finite and in the family's range, so that ``sample(using:)``
    /// is well defined.
    ///
    /// | family      | valid when                                   |
    /// |-------------|----------------------------------------------|
    /// | constant    | the value is finite                          |
    /// | uniform     | both bounds finite, lower ≤ upper            |
    /// | exponential | mean finite and > 0                          |
    /// | weibull     | scale and shape finite and > 0               |
    /// | lognormal   | mu finite, sigma finite and ≥ 0              |
    /// | gamma       | shape and scale finite and > 0               |
    /// | empirical   | at least one value, all finite               |
    ///
    /// A valid distribution may still have an infinite ``mean`` (e.g. a Weibull with a tiny
    /// shape); domain code decides whether such a distribution makes sense. Sign constraints
    /// of the domain (durations ≥ 0) are also the domain's to check.
    ///
    /// ```swift
    /// Distribution.exponential(mean: 0).isValid               // false
    /// Distribution.uniform(lower: 5, upper: 1).isValid        // false
    /// Distribution.logNormal(mean: 300, standardDeviation: 60).isValid   // true
    /// ```
    ///
    /// - Complexity: O(1), or O(n) for `empirical`.
    public var isValid: Bool {
        switch self {
        case .constant(let value):
            return value.isFinite
        case .uniform(let lower, let upper):
            return lower.isFinite && upper.isFinite && lower <= upper
        case .exponential(let mean):
            return mean.isFinite && mean > 0
        case .weibull(let scale, let shape):
            return scale.isFinite && scale > 0 && shape.isFinite && shape > 0
        case .logNormal(let mu, let sigma):
            return mu.isFinite && sigma.isFinite && sigma >= 0
        case .gamma(let shape, let scale):
            return shape.isFinite && shape > 0 && scale.isFinite && scale > 0
        case .empirical(let values):
            return !values.isEmpty && values.allSatisfy(\.isFinite)
        }
    }
}
