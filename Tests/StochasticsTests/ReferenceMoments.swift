import Foundation
import Stochastics

/// Mean, variance and kurtosis of a distribution, computed in the test target from raw
/// moments E[Xⁿ] with libm (`tgamma`, `exp`) — independently of the library's GSL-based code.
///
/// Constant, uniform and empirical use their central moments directly (constant c: c, 0, 0;
/// uniform of width w: mean (a + b)/2, σ² = w²/12, μ₄ = w⁴/80; empirical: centred sums), since
/// raw moments cancel catastrophically far from zero. The others use raw moments
/// (Johnson, Kotz & Balakrishnan, *Continuous Univariate Distributions*):
/// - exponential(m): n! mⁿ
/// - weibull(λ, k): λⁿ Γ(1 + n/k)
/// - lognormal(μ, σ): exp(nμ + n²σ²/2)
/// - gamma(k, θ): θⁿ Γ(k + n) / Γ(k)
/// - empirical(x): (1/N) Σ xᵢⁿ
struct ReferenceMoments {
    let mean: Double
    let variance: Double
    /// The fourth central moment μ₄ = E[(X − μ)⁴].
    let fourthCentralMoment: Double
    /// Pearson's kurtosis κ = μ₄ / σ⁴ (3 for a normal; not the excess).
    var kurtosis: Double { fourthCentralMoment / (variance * variance) }

    init(_ distribution: Distribution) {
        let raw: (Double) -> Double
        switch distribution {
        case .constant(let c):
            (mean, variance, fourthCentralMoment) = (c, 0, 0)
            return
        case .uniform(let a, let b):
            let w = b - a
            (mean, variance, fourthCentralMoment) = ((a + b) / 2, w * w / 12, w * w * w * w / 80)
            return
        case .exponential(let m):
            raw = { n in tgamma(n + 1) * pow(m, n) }
        case .weibull(let scale, let shape):
            raw = { n in pow(scale, n) * tgamma(1 + n / shape) }
        case .logNormal(let mu, let sigma):
            raw = { n in exp(n * mu + n * n * sigma * sigma / 2) }
        case .gamma(let shape, let scale):
            raw = { n in pow(scale, n) * tgamma(shape + n) / tgamma(shape) }
        case .empirical(let values):
            let n = Double(values.count)
            let m = values.reduce(0, +) / n
            mean = m
            variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / n
            fourthCentralMoment = values.reduce(0) { $0 + pow($1 - m, 4) } / n
            return
        }
        let m1 = raw(1), m2 = raw(2), m3 = raw(3), m4 = raw(4)
        mean = m1
        variance = m2 - m1 * m1
        fourthCentralMoment = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 * m1 * m1 * m1
    }
}

/// The sample mean and unbiased sample variance (n − 1), by two passes in plain Swift.
func sampleMoments(_ values: [Double]) -> (mean: Double, variance: Double) {
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    return (mean, variance)
}
