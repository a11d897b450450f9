import Testing
import Stochastics

/// Reference values from statistical tables, confirmed with `scipy.stats` (`t.ppf`,
/// `chi2.ppf`, `norm.ppf`) to 16 significant digits.
@Suite("Quantiles")
struct QuantilesTests {
    /// Student-t quantiles: t(0.975, 19) = 2.093024…, t(0.975, 1) = 12.7062…, t(0.995, 1000)
    /// = 2.5808…, and t(0.5, ν) = 0 by symmetry.
    @Test func studentT() {
        #expect(isApproximatelyEqual(Quantiles.studentT(probability: 0.975, degreesOfFreedom: 19), 2.0930240544083087, relativeTolerance: 1e-10))
        #expect(isApproximatelyEqual(Quantiles.studentT(probability: 0.975, degreesOfFreedom: 1), 12.706204736174694, relativeTolerance: 1e-10))
        #expect(isApproximatelyEqual(Quantiles.studentT(probability: 0.995, degreesOfFreedom: 1000), 2.580754698065951, relativeTolerance: 1e-10))
        #expect(isApproximatelyEqual(Quantiles.studentT(probability: 0.5, degreesOfFreedom: 7), 0, absoluteTolerance: 1e-14))
        #expect(isApproximatelyEqual(Quantiles.studentT(probability: 0.025, degreesOfFreedom: 19), -2.0930240544083087, relativeTolerance: 1e-10))
    }

    /// χ² quantiles: χ²(0.95, 1) = 3.841459…, χ²(0.95, 10) = 18.30704…, χ²(0.05, 10) = 3.940299…,
    /// χ²(0.999, 9) = 27.87716….
    @Test func chiSquared() {
        #expect(isApproximatelyEqual(Quantiles.chiSquared(probability: 0.95, degreesOfFreedom: 1), 3.841458820694124, relativeTolerance: 1e-10))
        #expect(isApproximatelyEqual(Quantiles.chiSquared(probability: 0.95, degreesOfFreedom: 10), 18.307038053275146, relativeTolerance: 1e-10))
        #expect(isApproximatelyEqual(Quantiles.chiSquared(probability: 0.05, degreesOfFreedom: 10), 3.9402991361190605, relativeTolerance: 1e-10))
        #expect(isApproximatelyEqual(Quantiles.chiSquared(probability: 0.999, degreesOfFreedom: 9), 27.877164871256568, relativeTolerance: 1e-10))
    }

    /// Standard normal quantiles: z(0.975) = 1.959964…, z(0.995) = 2.575829…, z(0.001) =
    /// −3.090232…, z(0.5) = 0.
    @Test func standardNormal() {
        #expect(isApproximatelyEqual(Quantiles.standardNormal(probability: 0.975), 1.959963984540054, relativeTolerance: 1e-12))
        #expect(isApproximatelyEqual(Quantiles.standardNormal(probability: 0.995), 2.5758293035489004, relativeTolerance: 1e-12))
        #expect(isApproximatelyEqual(Quantiles.standardNormal(probability: 0.001), -3.090232306167813, relativeTolerance: 1e-12))
        #expect(Quantiles.standardNormal(probability: 0.5) == 0)
    }

    /// Out-of-domain arguments (probability outside [0, 1] or NaN, degrees of freedom not
    /// finite and positive) return NaN instead of aborting or looping.
    @Test func outOfDomainGivesNaN() {
        for p in [-0.1, 1.5, .nan] {
            #expect(Quantiles.studentT(probability: p, degreesOfFreedom: 3).isNaN)
            #expect(Quantiles.chiSquared(probability: p, degreesOfFreedom: 3).isNaN)
            #expect(Quantiles.standardNormal(probability: p).isNaN)
        }
        for nu in [0.0, -2, .infinity, .nan] {
            #expect(Quantiles.studentT(probability: 0.9, degreesOfFreedom: nu).isNaN)
            #expect(Quantiles.chiSquared(probability: 0.9, degreesOfFreedom: nu).isNaN)
        }
    }

    /// The ends of the probability range map to the ends of the support: ∓∞ for the normal
    /// and Student t, 0 and +∞ for χ².
    @Test func endPoints() {
        #expect(Quantiles.standardNormal(probability: 0) == -.infinity)
        #expect(Quantiles.standardNormal(probability: 1) == .infinity)
        #expect(Quantiles.studentT(probability: 0, degreesOfFreedom: 4) == -.infinity)
        #expect(Quantiles.studentT(probability: 1, degreesOfFreedom: 4) == .infinity)
        #expect(Quantiles.chiSquared(probability: 0, degreesOfFreedom: 4) == 0)
        #expect(Quantiles.chiSquared(probability: 1, degreesOfFreedom: 4) == .infinity)
    }
}
