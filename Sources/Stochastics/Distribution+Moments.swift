import CGSL

extension Distribution {
    /// The analytic mean (expected value).
    ///
    /// | family        | mean                     |
    /// |---------------|--------------------------|
    /// | constant c    | c                        |
    /// | uniform a, b  | (a + b) / 2              |
    /// | exponential m | m                        |
    /// | weibull λ, k  | λ Γ(1 + 1/k)             |
    /// | lognormal μ, σ| exp(μ + σ²/2)            |
    /// | gamma k, θ    | k θ                      |
    /// | empirical x   | (1/n) Σ xᵢ               |
    ///
    /// Γ is `gsl_sf_gamma`; the empirical mean is `gsl_stats_mean`. Overflow gives `+inf`.
    ///
    /// ```swift
    /// Distribution.weibull(scale: 10, shape: 2).mean   // 10·Γ(1.5) = 8.8622…
    /// ```
    ///
    /// Reference: Johnson, Kotz & Balakrishnan, *Continuous Univariate Distributions* (1994).
    ///
    /// - Complexity: O(1), or O(n) for `empirical`.
    public var mean: Double {
        switch self {
        case .constant(let value):
            return value
        case .uniform(let lower, let upper):
            return lower / 2 + upper / 2
        case .exponential(let mean):
            return mean
        case .weibull(let scale, let shape):
            GSLRuntime.prepare()
            return scale * gsl_sf_gamma(1 + 1 / shape)
        case .logNormal(let mu, let sigma):
            return exp(mu + sigma * sigma / 2)
        case .gamma(let shape, let scale):
            return shape * scale
        case .empirical(let values):
            guard !values.isEmpty else { return .nan }
            return values.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
        }
    }

    /// The analytic variance.
    ///
    /// | family        | variance                          |
    /// |---------------|-----------------------------------|
    /// | constant c    | 0                                 |
    /// | uniform a, b  | (b − a)² / 12                     |
    /// | exponential m | m²                                |
    /// | weibull λ, k  | λ² [Γ(1 + 2/k) − Γ(1 + 1/k)²]     |
    /// | lognormal μ, σ| (exp(σ²) − 1) exp(2μ + σ²)        |
    /// | gamma k, θ    | k θ²                              |
    /// | empirical x   | (1/n) Σ (xᵢ − x̄)²  (population: resampling draws each value with probability 1/n) |
    ///
    /// Γ is `gsl_sf_gamma`; the empirical variance is `gsl_stats_variance_with_fixed_mean`.
    ///
    /// ```swift
    /// Distribution.exponential(mean: 60).variance   // 3600
    /// ```
    ///
    /// Reference: Johnson, Kotz & Balakrishnan, *Continuous Univariate Distributions* (1994).
    ///
    /// - Complexity: O(1), or O(n) for `empirical`.
    public var variance: Double {
        switch self {
        case .constant:
            return 0
        case .uniform(let lower, let upper):
            let width = upper - lower
            return width * width / 12
        case .exponential(let mean):
            return mean * mean
        case .weibull(let scale, let shape):
            GSLRuntime.prepare()
            let g1 = gsl_sf_gamma(1 + 1 / shape)
            let g2 = gsl_sf_gamma(1 + 2 / shape)
            return scale * scale * (g2 - g1 * g1)
        case .logNormal(let mu, let sigma):
            let s2 = sigma * sigma
            return expm1(s2) * exp(2 * mu + s2)
        case .gamma(let shape, let scale):
            return shape * scale * scale
        case .empirical(let values):
            guard !values.isEmpty else { return .nan }
            return values.withUnsafeBufferPointer { buffer in
                let mean = gsl_stats_mean(buffer.baseAddress, 1, buffer.count)
                return gsl_stats_variance_with_fixed_mean(buffer.baseAddress, 1, buffer.count, mean)
            }
        }
    }
}
