import Foundation
import Testing
@testable import Stochastics

/// One distribution, the seed its samples are drawn with, and the sample size.
struct SamplingCase: Sendable, CustomTestStringConvertible {
    let distribution: Distribution
    let seed: UInt64
    var sampleSize: Int = 200_000
    var testDescription: String { "\(distribution)" }

    static let all: [SamplingCase] = [
        SamplingCase(distribution: .uniform(lower: -2, upper: 5), seed: 1),
        SamplingCase(distribution: .uniform(lower: 1e6, upper: 1e6 + 1), seed: 2),
        SamplingCase(distribution: .exponential(mean: 3600), seed: 3),
        SamplingCase(distribution: .exponential(mean: 0.25), seed: 4),
        SamplingCase(distribution: .weibull(scale: 7200, shape: 0.8), seed: 5),
        SamplingCase(distribution: .weibull(scale: 10, shape: 2), seed: 6),
        SamplingCase(distribution: .weibull(scale: 1, shape: 5), seed: 7),
        SamplingCase(distribution: .logNormal(mu: 1, sigma: 0.5), seed: 8),
        SamplingCase(distribution: .logNormal(mean: 300, standardDeviation: 60), seed: 9),
        SamplingCase(distribution: .gamma(shape: 0.5, scale: 2), seed: 10),
        SamplingCase(distribution: .gamma(shape: 4, scale: 22.5), seed: 11),
        SamplingCase(distribution: .gamma(shape: 1, mean: 50), seed: 12),
        SamplingCase(distribution: .empirical([1, 2, 2, 7.5, 10]), seed: 13),
        SamplingCase(distribution: .empirical([-3, 0, 4, 4, 4, 12, 30, 31, 100]), seed: 14),
    ]
}

@Suite("Distribution sampling")
struct DistributionSamplingTests {
    /// `sample(using:)` is, draw by draw and bit for bit, what the family's `gsl_ran_*`
    /// function draws from the same stream — including the families it computes inline
    /// (uniform, exponential, Weibull) — and leaves the stream in the same state.
    @Test(arguments: SamplingCase.all + [
        SamplingCase(distribution: .constant(42), seed: 15),
        SamplingCase(distribution: .uniform(lower: 0, upper: 0), seed: 16),
        SamplingCase(distribution: .exponential(mean: 1e-300), seed: 17),
        SamplingCase(distribution: .exponential(mean: 1e300), seed: 18),
        SamplingCase(distribution: .weibull(scale: 3, shape: 0.05), seed: 19),
        SamplingCase(distribution: .weibull(scale: 1e-3, shape: 40), seed: 20),
    ])
    func samplesAreGSLsDrawForDraw(_ c: SamplingCase) {
        let inline = RandomStream(seed: c.seed), viaGSL = RandomStream(seed: c.seed)
        var mismatches = 0
        for _ in 0..<c.sampleSize {
            let a = c.distribution.sample(using: inline), b = c.distribution.sampleThroughGSL(using: viaGSL)
            if a.bitPattern != b.bitPattern { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(inline.next() == viaGSL.next())
    }

    /// `fill(_:using:)` gives, bit for bit, the draws that as many calls of `sample(using:)`
    /// give, and leaves the stream in the same state — whatever the size of the buffer.
    @Test(arguments: SamplingCase.all + [SamplingCase(distribution: .constant(42), seed: 15)])
    func fillIsSampleDrawForDraw(_ c: SamplingCase) {
        let one = RandomStream(seed: c.seed), many = RandomStream(seed: c.seed)
        var mismatches = 0
        for size in [1, 2, 7, 32, 100] {
            var buffer = [Double](repeating: .nan, count: size)
            buffer.withUnsafeMutableBufferPointer { c.distribution.fill($0, using: many) }
            for value in buffer where value.bitPattern != c.distribution.sample(using: one).bitPattern {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
        #expect(one.next() == many.next())
    }

    /// The sample mean is within 4 standard errors of the analytic mean: |x̄ − μ| < 4σ/√n.
    /// (σ and μ from independent libm formulas; by the CLT x̄ is ≈ N(μ, σ²/n), so a correct
    /// sampler fails this with probability ≈ 6·10⁻⁵ — and never, with these fixed seeds.)
    @Test(arguments: SamplingCase.all)
    func sampleMeanMatchesAnalyticMean(_ c: SamplingCase) {
        let reference = ReferenceMoments(c.distribution)
        let stream = RandomStream(seed: c.seed)
        let values = (0..<c.sampleSize).map { _ in c.distribution.sample(using: stream) }
        let (mean, _) = sampleMoments(values)
        let standardError = reference.variance.squareRoot() / Double(c.sampleSize).squareRoot()
        #expect(abs(mean - reference.mean) < 4 * standardError,
                "mean \(mean) vs \(reference.mean), 4 SE = \(4 * standardError)")
    }

    /// The sample variance is within 4 standard errors of the analytic variance, with the
    /// exact standard error of the unbiased sample variance,
    /// SE(s²) = √((μ₄ − σ⁴ (n − 3)/(n − 1)) / n) = σ² √((κ − (n − 3)/(n − 1)) / n) ≈ σ² √((κ − 1)/n),
    /// where μ₄ and κ are the distribution's known fourth central moment and kurtosis.
    @Test(arguments: SamplingCase.all)
    func sampleVarianceMatchesAnalyticVariance(_ c: SamplingCase) {
        let reference = ReferenceMoments(c.distribution)
        let stream = RandomStream(seed: c.seed &+ 1_000)
        let values = (0..<c.sampleSize).map { _ in c.distribution.sample(using: stream) }
        let (_, variance) = sampleMoments(values)
        let n = Double(c.sampleSize)
        let sigma4 = reference.variance * reference.variance
        let standardError = ((reference.fourthCentralMoment - sigma4 * (n - 3) / (n - 1)) / n).squareRoot()
        #expect(abs(variance - reference.variance) < 4 * standardError,
                "variance \(variance) vs \(reference.variance), 4 SE = \(4 * standardError), κ = \(reference.kurtosis)")
    }

    /// Samples lie in the support: uniform in [lower, upper), exponential, Weibull, log-normal
    /// and gamma ≥ 0, empirical samples are among the given values.
    @Test(arguments: SamplingCase.all)
    func samplesLieInSupport(_ c: SamplingCase) {
        let stream = RandomStream(seed: c.seed &+ 2_000)
        let values = (0..<10_000).map { _ in c.distribution.sample(using: stream) }
        switch c.distribution {
        case .uniform(let lower, let upper):
            #expect(values.allSatisfy { $0 >= lower && $0 < upper })
        case .empirical(let support):
            #expect(values.allSatisfy { support.contains($0) })
        default:
            #expect(values.allSatisfy { $0.isFinite && $0 >= 0 })
        }
    }

    /// Sampling is deterministic: the same distribution and seed give the same doubles, bit
    /// for bit, including the rejection-based families.
    @Test(arguments: SamplingCase.all)
    func samplingIsReproducible(_ c: SamplingCase) {
        let a = RandomStream(seed: c.seed), b = RandomStream(seed: c.seed)
        let x = (0..<1_000).map { _ in c.distribution.sample(using: a) }
        let y = (0..<1_000).map { _ in c.distribution.sample(using: b) }
        #expect(x.map(\.bitPattern) == y.map(\.bitPattern))
    }

    /// A constant always yields its value and draws nothing from the stream; a degenerate
    /// uniform (lower = upper) yields its bound.
    @Test func degenerateDistributions() {
        let stream = RandomStream(seed: 3), twin = RandomStream(seed: 3)
        for _ in 0..<100 {
            #expect(Distribution.constant(3.25).sample(using: stream) == 3.25)
        }
        #expect(stream.next() == twin.next())
        #expect((0..<100).allSatisfy { _ in Distribution.uniform(lower: 4, upper: 4).sample(using: stream) == 4 })
    }

    /// Empirical resampling picks each stored position with probability 1/N: value
    /// frequencies (a repeated value counts once per copy) pass a χ² test at the 0.999 level.
    @Test func empiricalFrequencies() {
        let values: [Double] = [1, 2, 2, 7.5, 10]
        let distribution = Distribution.empirical(values)
        let stream = RandomStream(seed: 21)
        let draws = 100_000
        var counts: [Double: Int] = [:]
        for _ in 0..<draws { counts[distribution.sample(using: stream), default: 0] += 1 }
        let probabilities: [Double: Double] = [1: 0.2, 2: 0.4, 7.5: 0.2, 10: 0.2]
        #expect(Set(counts.keys) == Set(probabilities.keys))
        let chiSquared = probabilities.reduce(0.0) { total, cell in
            let expected = cell.value * Double(draws)
            let observed = Double(counts[cell.key, default: 0])
            return total + (observed - expected) * (observed - expected) / expected
        }
        #expect(chiSquared < Quantiles.chiSquared(probability: 0.999, degreesOfFreedom: 3))
    }

    /// A single-value empirical distribution always returns that value.
    @Test func singletonEmpirical() {
        let stream = RandomStream(seed: 4)
        #expect((0..<1_000).allSatisfy { _ in Distribution.empirical([42]).sample(using: stream) == 42 })
    }

    /// The distribution's empirical CDF matches the analytic one at its quartiles for the
    /// families with closed-form CDFs (catches swapped parameters that happen to preserve a
    /// moment): P(X ≤ q) is within 4·√(p(1−p)/n) of p.
    @Test func quartilesOfClosedFormFamilies() {
        let n = 100_000
        let cases: [(Distribution, (Double) -> Double)] = [
            // Weibull: F⁻¹(p) = λ (−ln(1 − p))^{1/k}
            (.weibull(scale: 10, shape: 2), { p in 10 * (-log1p(-p)).squareRoot() }),
            // Exponential: F⁻¹(p) = −m ln(1 − p)
            (.exponential(mean: 3), { p in -3 * log1p(-p) }),
            // Uniform: a + p(b − a)
            (.uniform(lower: 2, upper: 6), { p in 2 + 4 * p }),
        ]
        for (index, (distribution, inverse)) in cases.enumerated() {
            let stream = RandomStream(seed: 500 + UInt64(index))
            let values = (0..<n).map { _ in distribution.sample(using: stream) }
            for p in [0.25, 0.5, 0.75] {
                let q = inverse(p)
                let fraction = Double(values.filter { $0 <= q }.count) / Double(n)
                #expect(abs(fraction - p) < 4 * (p * (1 - p) / Double(n)).squareRoot(), "\(distribution) at p = \(p)")
            }
        }
    }
}
