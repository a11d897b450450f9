import Foundation
import Stochastics
import Testing

/// ``StreamingSummary``: one-pass count, mean, sd and interval against ``Summary``'s GSL
/// two-pass ones, and the sketch's quantiles within their bound.
@Suite("StreamingSummary")
struct StreamingSummaryTests {
    /// The unit roundoff of `Double`, 2⁻⁵³.
    static let u = Double.ulpOfOne / 2

    /// The tolerance for mean and sd, derived: Welford's running mean (and GSL's, in long
    /// double over the sorted values) each commit at most about u·(|mean| + |x|) ≤ 2u·max|x|
    /// per update, so they differ by at most 4n·u·max|x|; the sd is a 1-Lipschitz function of
    /// the deviations xᵢ − mean (sd = ‖d‖ ÷ √(n − 1)), so errors of that size in the
    /// deviations move it by about as much, and the squares' accumulation adds a relative
    /// n·u·… ≤ 10⁻¹² for the sizes here. So: 10⁻¹²·|exact| + 4n·u·max|x|.
    static func tolerance(exact: Double, n: Int, maxMagnitude: Double) -> Double {
        1e-12 * abs(exact) + 4 * Double(n) * u * maxMagnitude
    }

    static func expectAgreement(_ values: [Double], _ label: String) throws {
        var streaming = StreamingSummary()
        for value in values { streaming.add(value) }
        let online = streaming.summary
        let exact = Summary(values)
        let maxMagnitude = values.map(abs).max()!
        #expect(online.count == exact.count)
        let meanTolerance = tolerance(exact: exact.mean, n: values.count, maxMagnitude: maxMagnitude)
        #expect(abs(online.mean - exact.mean) <= meanTolerance, "\(label) mean \(online.mean) vs \(exact.mean)")
        let sdTolerance = tolerance(exact: exact.standardDeviation, n: values.count, maxMagnitude: maxMagnitude)
        #expect(abs(online.standardDeviation - exact.standardDeviation) <= sdTolerance,
                "\(label) sd \(online.standardDeviation) vs \(exact.standardDeviation)")
        // The interval is mean ± t(0.975, n − 1)·sd/√n from the streamed mean and sd.
        if values.count >= 2 {
            let interval = try #require(online.confidenceInterval95)
            let halfWidth = Quantiles.studentT(probability: 0.975, degreesOfFreedom: Double(values.count - 1))
                * online.standardDeviation / Double(values.count).squareRoot()
            #expect(interval.lowerBound == online.mean - halfWidth && interval.upperBound == online.mean + halfWidth)
        } else {
            #expect(online.confidenceInterval95 == nil)
        }
        let sorted = values.sorted()
        for (p, estimate) in [(0.5, online.p50), (0.9, online.p90), (0.99, online.p99)] {
            let gsl = Summary.quantile(sortedValues: sorted, probability: p)
            #expect(abs(estimate - gsl) <= QuantileSketchTests.bound(sorted, p, alpha: 1e-4), "\(label) p\(p)")
        }
    }

    /// Rule: on log-normal, shifted (large mean, small spread: the hard case for one-pass
    /// variance), mixed-sign and constant data, count is exact, mean and sd agree with GSL's
    /// within the derived tolerance, the interval is built from them as Summary builds it,
    /// and p50/p90/p99 are within the sketch's bound.
    @Test func agreesWithGSL() throws {
        try Self.expectAgreement(TestData.lognormal(10_000, mu: 5, sigma: 1, seed: 1), "lognormal")
        try Self.expectAgreement(TestData.lognormal(4_000, mu: 0, sigma: 0.001, seed: 2).map { $0 + 1e6 }, "shifted")
        var data = TestData(state: 7)
        try Self.expectAgreement((0..<3_000).map { _ in 50 * data.normal() }, "normal about 0")
        try Self.expectAgreement(Array(repeating: 5122.135538333333, count: 400), "constant")
        try Self.expectAgreement([42], "one value")
    }

    /// Rule: constant data give sd exactly 0 and a zero-width interval, and one value gives
    /// sd 0 and no interval, as GSL does.
    @Test func degenerateSamples() throws {
        var constant = StreamingSummary()
        for _ in 0..<10 { constant.add(3.75) }
        let summary = constant.summary
        #expect(summary.mean == 3.75 && summary.standardDeviation == 0)
        #expect(summary.confidenceInterval95 == 3.75...3.75)
        var one = StreamingSummary()
        one.add(-2)
        #expect(one.summary.standardDeviation == 0 && one.summary.confidenceInterval95 == nil && one.summary.p99 == -2)
    }

    /// Rule: ``Summary/init(count:mean:standardDeviation:p50:p90:p99:)`` builds the interval
    /// exactly as ``Summary/init(sorting:)`` does: the same bits for the same mean and sd.
    @Test func intervalFromPartsMatchesSummary() {
        let values = [2.5, -1, 7, 0.5, 3, 3, 10, 4]
        let exact = Summary(values)
        let rebuilt = Summary(count: exact.count, mean: exact.mean, standardDeviation: exact.standardDeviation,
                              p50: exact.p50, p90: exact.p90, p99: exact.p99)
        #expect(rebuilt == exact)
    }
}
