import SpotCharts
import Testing

@Suite("LogScale")
struct LogScaleTests {
    /// Equal ratios take equal distances: each decade of 1…1000 is a third of the range.
    @Test func mapsLogarithmically() {
        let x = LogScale(domain: 1...1000, range: (0, 300))
        #expect(x(1) == 0)
        #expect(abs(x(10) - 100) < 1e-9)
        #expect(abs(x(100) - 200) < 1e-9)
        #expect(x(1000) == 300)
    }

    /// Values ≤ 0 have no logarithm: fitting drops them (and non-finite values), and mapping
    /// one gives the range's start rather than NaN or −∞.
    @Test func nonPositiveValuesAreRefused() {
        let x = LogScale(fitting: [0, -3, 20, 700, .nan, .infinity], range: (10, 110), nice: false)
        #expect(x.domain == 20...700)
        #expect(x(0) == 10)
        #expect(x(-5) == 10)
        #expect(x(.nan) == 10)
        #expect(LogScale(fitting: [0, -1, .nan]).domain == 1...10)
        #expect(LogScale(domain: -5...(-1)).domain == 1...10)
        #expect(LogScale(domain: 0...100).domain == 10...100)
    }

    /// A single value v gives v/2…2v (then niced), so it maps inside the range.
    @Test func singleValueIsWidened() {
        #expect(LogScale(fitting: [5], nice: false).domain == 2.5...10)
        let x = LogScale(fitting: [5], range: (0, 100))
        #expect(x.domain == 2...10)
        #expect(x(5) > 0 && x(5) < 100)
    }

    /// Nicing rounds the ends out to one significant digit: 5…240 → 5…300, 0.013…0.87 →
    /// 0.01…0.9.
    @Test func nicedEnds() {
        #expect(LogScale(fitting: [5, 240]).domain == 5...300)
        #expect(LogScale(fitting: [0.013, 0.87]).domain == 0.01...0.9)
        #expect(LogScale(fitting: [1, 1000]).domain == 1...1000)
    }

    /// Few decades tick at 1, 2, 5 × 10ᵏ; a domain within a decade at every digit; many
    /// decades at every k-th power (10⁻⁹…10¹² with 8 ticks: every third), never more than
    /// `count` + 2 ticks.
    @Test func ticks() {
        #expect(LogScale(domain: 5...300).ticks() == [5, 10, 20, 50, 100, 200])
        #expect(LogScale(domain: 3...7).ticks() == [3, 4, 5, 6, 7])
        #expect(LogScale(domain: 1...1e4).ticks(count: 8) == [1, 10, 100, 1000, 10000])
        #expect(LogScale(domain: 1e-9...1e12).ticks(count: 8) == [1e-9, 1e-6, 1e-3, 1, 1e3, 1e6, 1e9, 1e12])
        #expect(LogScale(domain: 0.01...1).ticks() == [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1])
        let narrow = LogScale(domain: 3...3.5).ticks()
        #expect(narrow.count >= 2 && narrow.allSatisfy { (3...3.5).contains($0) })
    }
}
