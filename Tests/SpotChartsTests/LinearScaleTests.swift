import SpotCharts
import Testing

@Suite("LinearScale")
struct LinearScaleTests {
    /// The map is affine: the domain's ends go to the range's ends (also a reversed range,
    /// as for pixel y), the middle to the middle, and values outside extrapolate.
    @Test func mapsAffinely() {
        let x = LinearScale(domain: 0...100, range: (60, 940))
        #expect(x(0) == 60)
        #expect(x(100) == 940)
        #expect(x(50) == 500)
        #expect(x(-10) == -28)
        let y = LinearScale(domain: 10...20, range: (300, 20))
        #expect(y(10) == 300)
        #expect(y(20) == 20)
        #expect(y(15) == 160)
    }

    /// Steps are 1, 2 or 5 × 10ᵏ, the candidate nearest `count` intervals on a log scale
    /// (thresholds √2, √10, √50 on the raw step span/count).
    @Test(arguments: [
        (0.0, 10.0, 5, 2.0), (0, 10, 10, 1), (0, 1, 10, 0.1), (0, 1, 5, 0.2), (0, 1, 2, 0.5),
        (0, 100, 3, 50), (0, 8e11, 5, 2e11), (0, 7e11, 5, 1e11), (-3, 3, 6, 1), (0, 0.003, 6, 0.0005), (1e-9, 5e-9, 4, 1e-9),
        (0, 14, 10, 1), (0, 32, 10, 5), (0, 71, 10, 10),
    ] as [(Double, Double, Int, Double)])
    func niceSteps(lower: Double, upper: Double, count: Int, step: Double) {
        #expect(LinearScale(domain: lower...upper).tickStep(count: count) == step)
    }

    /// Ticks are exact multiples of the step inside the domain, printed as written
    /// (0.1 · 3 is 0.3, not 0.30000000000000004), including both ends of a niced domain.
    @Test func ticksAreCleanMultiples() {
        #expect(LinearScale(domain: 0...1).ticks(count: 10) == [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
        #expect(LinearScale(domain: -1...1).ticks(count: 4) == [-1, -0.5, 0, 0.5, 1])
        #expect(LinearScale(domain: 0.13...0.96).ticks(count: 5) == [0.2, 0.4, 0.6, 0.8])
        #expect(LinearScale(domain: 0.13...0.96).niced(count: 5).ticks(count: 5) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    /// Nicing widens the domain to tick multiples and never narrows it.
    @Test func nicedDomainCoversData() {
        let niced = LinearScale(domain: 3.2...7.9).niced(count: 5)
        #expect(niced.domain == 3...8)
        let fitted = LinearScale(fitting: [120, 480], includingZero: true)
        #expect(fitted.domain == 0...500)
        let negative = LinearScale(fitting: [-17.5, -2.25])
        #expect(negative.domain.lowerBound <= -17.5 && negative.domain.upperBound >= -2.25)
        #expect(negative.ticks().allSatisfy { $0 <= 0 })
    }

    /// No finite values give 0…1; NaN and infinities are ignored.
    @Test func emptyAndNonFiniteData() {
        #expect(LinearScale(fitting: []).domain == 0...1)
        #expect(LinearScale(fitting: [.nan, .infinity, -.infinity]).domain == 0...1)
        #expect(LinearScale(fitting: [.nan, 4, .infinity, 2]).domain == 2...4)
        #expect(LinearScale(domain: -Double.infinity...Double.infinity).domain == 0...1)
    }

    /// A single value or a zero-width domain is padded by 10 % of the value (by 1 at 0), so
    /// the value maps to the middle of the range and ticks exist; all zeros with
    /// `includingZero` give 0…1 (bars of nothing start at 0).
    @Test func zeroWidthDomainIsPadded() {
        let five = LinearScale(domain: 5...5, range: (0, 100))
        #expect(five.domain == 4.5...5.5)
        #expect(five(5) == 50)
        let zero = LinearScale(fitting: [0, 0, 0], nice: false)
        #expect(zero.domain == -1...1)
        let negative = LinearScale(fitting: [-40], nice: false)
        #expect(negative.domain == -44...(-36))
        #expect(LinearScale(fitting: [42]).ticks().count >= 2)
        #expect(LinearScale(fitting: [0, 0], includingZero: true).domain == 0...1)
    }

    /// Huge and tiny ranges tick without overflow or float noise: 10⁻⁹…10¹² gives multiples
    /// of 2·10¹¹; a 10⁻⁹-wide domain gives multiples of 10⁻¹⁰; ±1.7·10³⁰⁸ maps finitely.
    @Test func extremeRanges() {
        let huge = LinearScale(fitting: [1e-9, 1e12])
        #expect(huge.domain == 0...1e12)
        #expect(huge.ticks() == [0, 2e11, 4e11, 6e11, 8e11, 1e12])
        let tiny = LinearScale(domain: 0...1e-9)
        #expect(tiny.ticks(count: 10).count == 11)
        #expect(tiny.ticks(count: 10)[3] == 3e-10)
        let widest = LinearScale(domain: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude, range: (0, 100))
        #expect(widest(0) == 50)
        #expect(widest.ticks().allSatisfy { $0.isFinite })
        #expect(widest.ticks().count >= 2)
        let nearMax = LinearScale(fitting: [Double.greatestFiniteMagnitude])
        #expect(nearMax.domain.upperBound.isFinite && nearMax.domain.lowerBound < nearMax.domain.upperBound)
    }

    /// A domain too narrow for its magnitude to count steps exactly falls back to its ends.
    @Test func unresolvableStepFallsBackToEnds() {
        let scale = LinearScale(domain: 1e20...(1e20 + 65536))
        let ticks = scale.ticks()
        #expect(ticks == [1e20, 1e20 + 65536])
    }
}
