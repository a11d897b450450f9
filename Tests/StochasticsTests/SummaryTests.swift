import Testing
import Stochastics

/// Expected values below were computed by hand and checked with NumPy/SciPy
/// (`np.quantile` default = linear interpolation at (n − 1)p, `scipy.stats.t.ppf`).
@Suite("Summary")
struct SummaryTests {
    /// For 1…5: mean 3, sd √2.5, CI 3 ± t(0.975, 4)·√2.5/√5, p50 = 3, p90 = x[3.6] = 4.6,
    /// p99 = x[3.96] = 4.96 (linear interpolation at (n − 1)p, counting from 0).
    @Test func oneToFive() throws {
        let s = Summary([1, 2, 3, 4, 5])
        #expect(s.count == 5)
        #expect(s.mean == 3)
        #expect(isApproximatelyEqual(s.standardDeviation, 2.5.squareRoot()))
        let interval = try #require(s.confidenceInterval95)
        #expect(isApproximatelyEqual(interval.lowerBound, 1.0367568385224428, relativeTolerance: 1e-10))
        #expect(isApproximatelyEqual(interval.upperBound, 4.963243161477557, relativeTolerance: 1e-10))
        #expect(s.p50 == 3)
        #expect(isApproximatelyEqual(s.p90, 4.6))
        #expect(isApproximatelyEqual(s.p99, 4.96))
    }

    /// Input order does not matter, and quantiles interpolate between sorted neighbours even
    /// with negative values and ties: sorted [−1, 0.5, 2.5, 3, 3, 4, 7, 10] gives
    /// p50 = x[3.5] = 3, p90 = x[6.3] = 7 + 0.3·3 = 7.9, p99 = x[6.93] = 9.79.
    @Test func unsortedWithTies() throws {
        let s = Summary([2.5, -1, 7, 0.5, 3, 3, 10, 4])
        #expect(s.count == 8)
        #expect(isApproximatelyEqual(s.mean, 3.625))
        #expect(isApproximatelyEqual(s.standardDeviation, 3.49233855338061))
        #expect(s.p50 == 3)
        #expect(isApproximatelyEqual(s.p90, 7.9))
        #expect(isApproximatelyEqual(s.p99, 9.79))
        let interval = try #require(s.confidenceInterval95)
        let halfWidth = 2.364624251592784 * 3.49233855338061 / 8.0.squareRoot()   // t(0.975, 7)
        #expect(isApproximatelyEqual(interval.lowerBound, 3.625 - halfWidth, relativeTolerance: 1e-10))
        #expect(isApproximatelyEqual(interval.upperBound, 3.625 + halfWidth, relativeTolerance: 1e-10))
    }

    /// The interval is symmetric about the mean with half-width t(0.975, n − 1)·sd/√n; for
    /// n = 2 that is t(0.975, 1) = 12.7062… times sd/√2: [1, 3] gives 2 ± 12.7062….
    @Test func twoValues() throws {
        let s = Summary([3, 1])
        #expect(s.mean == 2)
        #expect(isApproximatelyEqual(s.standardDeviation, 2.0.squareRoot()))
        let interval = try #require(s.confidenceInterval95)
        #expect(isApproximatelyEqual(interval.lowerBound, 2 - 12.706204736174694, relativeTolerance: 1e-10))
        #expect(isApproximatelyEqual(interval.upperBound, 2 + 12.706204736174694, relativeTolerance: 1e-10))
        #expect(s.p50 == 2)
    }

    /// With one value there is no spread: sd is 0, the interval is nil, every quantile is the value.
    @Test func singleValue() {
        let s = Summary([7.5])
        #expect(s.count == 1)
        #expect(s.mean == 7.5)
        #expect(s.standardDeviation == 0)
        #expect(s.confidenceInterval95 == nil)
        #expect(s.p50 == 7.5 && s.p90 == 7.5 && s.p99 == 7.5)
    }

    /// Identical values give sd 0 and a zero-width interval at the value.
    @Test func constantValues() {
        let s = Summary([5, 5, 5, 5])
        #expect(s.standardDeviation == 0)
        #expect(s.confidenceInterval95 == 5...5)
        #expect(s.p99 == 5)
    }

    /// `init(sorting:)` sorts its argument in place and summarises exactly like `init(_:)`.
    @Test func sortingInitialiserSortsInPlace() {
        let original: [Double] = [9, -2, 4.5, 0, 3, 3, 12, 1]
        var values = original
        let sorted = Summary(sorting: &values)
        #expect(values == original.sorted())
        #expect(sorted == Summary(original))
    }

    /// `quantile(sortedValues:probability:)` follows GSL's convention, linear interpolation at
    /// position (n − 1)p: for [10, 20, 30, 40], p = 0.25 → x[0.75] = 17.5, the ends give min and max.
    @Test func quantileConvention() {
        let values: [Double] = [10, 20, 30, 40]
        #expect(Summary.quantile(sortedValues: values, probability: 0) == 10)
        #expect(Summary.quantile(sortedValues: values, probability: 0.25) == 17.5)
        #expect(Summary.quantile(sortedValues: values, probability: 0.5) == 25)
        #expect(isApproximatelyEqual(Summary.quantile(sortedValues: values, probability: 0.9), 37))
        #expect(Summary.quantile(sortedValues: values, probability: 1) == 40)
        #expect(Summary.quantile(sortedValues: [4], probability: 0.3) == 4)
    }

    /// The p50/p90/p99 fields equal `quantile(sortedValues:probability:)` at 0.5, 0.9, 0.99.
    @Test func fieldsMatchQuantileFunction() {
        let stream = RandomStream(seed: 17)
        let values = (0..<1_001).map { _ in Distribution.exponential(mean: 10).sample(using: stream) }
        let s = Summary(values)
        let sorted = values.sorted()
        #expect(s.p50 == Summary.quantile(sortedValues: sorted, probability: 0.5))
        #expect(s.p90 == Summary.quantile(sortedValues: sorted, probability: 0.9))
        #expect(s.p99 == Summary.quantile(sortedValues: sorted, probability: 0.99))
        // n = 1001: (n − 1)·0.5 = 500 exactly, so the median is an order statistic.
        #expect(s.p50 == sorted[500])
    }

    /// The 95 % Student-t interval covers the true mean of normal data 95 % of the time:
    /// over 4,000 samples of size 20 (normals by inversion through `Quantiles.standardNormal`),
    /// coverage is within 4 binomial standard errors, 4·√(0.95·0.05/4000) ≈ 0.014, of 0.95.
    @Test func confidenceIntervalCoverage() {
        let stream = RandomStream(seed: 2_718)
        let trials = 4_000, size = 20, trueMean = 10.0
        var covered = 0
        for _ in 0..<trials {
            let values = (0..<size).map { _ in
                // A uniform strictly inside (0, 1), so the inverse CDF stays finite.
                let u = (Double(stream.next() >> 11) + 0.5) * 0x1p-53
                return trueMean + 3 * Quantiles.standardNormal(probability: u)
            }
            if Summary(values).confidenceInterval95!.contains(trueMean) { covered += 1 }
        }
        let coverage = Double(covered) / Double(trials)
        #expect(abs(coverage - 0.95) < 4 * (0.95 * 0.05 / Double(trials)).squareRoot(), "coverage \(coverage)")
    }
}
