import Foundation
import Testing
import Stochastics

@Suite("Distribution")
struct DistributionTests {
    /// `mean` and `variance` equal the textbook formulas, evaluated independently with libm
    /// (`ReferenceMoments`), to within rounding.
    @Test(arguments: SamplingCase.all.map(\.distribution) + [.constant(-2.5), .uniform(lower: 4, upper: 4)])
    func analyticMomentsMatchReference(_ distribution: Distribution) {
        let reference = ReferenceMoments(distribution)
        #expect(isApproximatelyEqual(distribution.mean, reference.mean, relativeTolerance: 1e-12))
        #expect(isApproximatelyEqual(distribution.variance, reference.variance, relativeTolerance: 1e-10, absoluteTolerance: 1e-12))
    }

    /// Parameters mean what their labels say: exponential takes the mean (not the rate), and
    /// Weibull takes the scale, then the shape — Weibull(scale 10, shape 2) has mean
    /// 10·Γ(3/2) = 5√π and variance 100·(1 − π/4).
    @Test func parameterConventions() {
        #expect(Distribution.exponential(mean: 3600).mean == 3600)
        #expect(Distribution.exponential(mean: 3600).variance == 3600 * 3600)
        let weibull = Distribution.weibull(scale: 10, shape: 2)
        #expect(isApproximatelyEqual(weibull.mean, 5 * Double.pi.squareRoot(), relativeTolerance: 1e-14))
        #expect(isApproximatelyEqual(weibull.variance, 100 * (1 - Double.pi / 4), relativeTolerance: 1e-13))
        // Shape 1 is the exponential with mean = scale.
        #expect(isApproximatelyEqual(Distribution.weibull(scale: 7, shape: 1).mean, 7, relativeTolerance: 1e-14))
        #expect(Distribution.gamma(shape: 3, scale: 2).mean == 6)
        #expect(Distribution.gamma(shape: 3, scale: 2).variance == 12)
        #expect(Distribution.uniform(lower: -1, upper: 3).mean == 1)
        #expect(isApproximatelyEqual(Distribution.uniform(lower: -1, upper: 3).variance, 16.0 / 12))
    }

    /// `logNormal(mean:standardDeviation:)` yields the log-normal with exactly that mean and
    /// standard deviation: σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2.
    @Test func logNormalFromMoments() {
        let distribution = Distribution.logNormal(mean: 300, standardDeviation: 60)
        guard case .logNormal(let mu, let sigma) = distribution else {
            Issue.record("expected a log-normal, got \(distribution)")
            return
        }
        let sigmaSquared = log(1 + 0.04)
        #expect(isApproximatelyEqual(sigma, sigmaSquared.squareRoot(), relativeTolerance: 1e-14))
        #expect(isApproximatelyEqual(mu, log(300) - sigmaSquared / 2, relativeTolerance: 1e-14))
        #expect(isApproximatelyEqual(distribution.mean, 300, relativeTolerance: 1e-13))
        #expect(isApproximatelyEqual(distribution.variance, 3600, relativeTolerance: 1e-12))
        #expect(distribution.isValid)
        // A zero standard deviation is a valid, degenerate log-normal at the mean.
        let degenerate = Distribution.logNormal(mean: 5, standardDeviation: 0)
        #expect(degenerate.isValid)
        #expect(isApproximatelyEqual(degenerate.sample(using: RandomStream(seed: 1)), 5, relativeTolerance: 1e-14))
    }

    /// `logNormal(mean:standardDeviation:)` never crashes on bad input: a non-positive or
    /// non-finite mean, or a negative or non-finite standard deviation, gives an invalid distribution.
    @Test(arguments: [(0.0, 1.0), (-1, 1), (.infinity, 1), (.nan, 1), (1, -1), (1, .infinity), (1, .nan)])
    func logNormalFromBadMomentsIsInvalid(_ mean: Double, _ standardDeviation: Double) {
        #expect(!Distribution.logNormal(mean: mean, standardDeviation: standardDeviation).isValid)
    }

    /// `gamma(shape:mean:)` is the gamma with scale = mean / shape, so its mean is `mean`.
    @Test func gammaFromMean() {
        #expect(Distribution.gamma(shape: 4, mean: 90) == .gamma(shape: 4, scale: 22.5))
        #expect(Distribution.gamma(shape: 4, mean: 90).mean == 90)
        #expect(!Distribution.gamma(shape: 0, mean: 90).isValid)
        #expect(!Distribution.gamma(shape: 2, mean: -1).isValid)
    }

    /// `isValid` accepts parameters that are finite and in range, and rejects the rest
    /// (non-positive means, scales and shapes; reversed bounds; NaN or infinite parameters;
    /// an empty or non-finite empirical sample).
    @Test func validity() {
        let valid: [Distribution] = [
            .constant(0), .constant(-1), .uniform(lower: 0, upper: 0), .uniform(lower: -1, upper: 1),
            .exponential(mean: 1e-9), .weibull(scale: 1, shape: 0.1), .logNormal(mu: -3, sigma: 0),
            .logNormal(mu: 0, sigma: 2), .gamma(shape: 0.01, scale: 1e6), .empirical([0]), .empirical([-1, 5]),
        ]
        let invalid: [Distribution] = [
            .constant(.nan), .constant(.infinity),
            .uniform(lower: 1, upper: 0), .uniform(lower: .nan, upper: 1), .uniform(lower: 0, upper: .infinity),
            .exponential(mean: 0), .exponential(mean: -1), .exponential(mean: .infinity), .exponential(mean: .nan),
            .weibull(scale: 0, shape: 1), .weibull(scale: 1, shape: 0), .weibull(scale: -1, shape: 1), .weibull(scale: 1, shape: .nan),
            .logNormal(mu: .nan, sigma: 1), .logNormal(mu: 0, sigma: -1), .logNormal(mu: .infinity, sigma: 1),
            .gamma(shape: 0, scale: 1), .gamma(shape: 1, scale: 0), .gamma(shape: .infinity, scale: 1),
            .empirical([]), .empirical([1, .nan]), .empirical([.infinity]),
        ]
        for distribution in valid { #expect(distribution.isValid, "\(distribution)") }
        for distribution in invalid { #expect(!distribution.isValid, "\(distribution)") }
    }

    /// Each family reports the name used in scenario files.
    @Test func names() {
        #expect(Distribution.constant(1).name == "constant")
        #expect(Distribution.uniform(lower: 0, upper: 1).name == "uniform")
        #expect(Distribution.exponential(mean: 1).name == "exponential")
        #expect(Distribution.weibull(scale: 1, shape: 1).name == "weibull")
        #expect(Distribution.logNormal(mu: 0, sigma: 1).name == "lognormal")
        #expect(Distribution.logNormal(mean: 1, standardDeviation: 1).name == "lognormal")
        #expect(Distribution.gamma(shape: 1, scale: 1).name == "gamma")
        #expect(Distribution.empirical([1]).name == "empirical")
    }

    /// Moments of a heavy-tailed valid distribution may overflow to +∞ but never abort the
    /// process (GSL's error handler is off): Weibull with shape 0.005 has Γ(201) > 10³⁰⁸.
    @Test func overflowingMomentsDoNotAbort() {
        let distribution = Distribution.weibull(scale: 1, shape: 0.005)
        #expect(distribution.isValid)
        #expect(distribution.mean == .infinity)
        #expect(!distribution.variance.isFinite)
    }

    /// The empirical distribution's moments are those of resampling: the population mean and
    /// variance (divisor N, not N − 1) of its values.
    @Test func empiricalMomentsArePopulationMoments() {
        let distribution = Distribution.empirical([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(distribution.mean == 5)
        #expect(isApproximatelyEqual(distribution.variance, 4))
    }
}
