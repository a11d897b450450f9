import SpotCharts
import Testing

@Suite("HumanFormat")
struct HumanFormatTests {
    /// Dollars: cents below $100 (whole amounts without `.00`), whole dollars below $1000,
    /// then one decimal with k/M/B/T below 100 of the unit and none above; the minus sign
    /// U+2212 goes before the `$`; amounts rounding to zero cents print `$0`.
    @Test(arguments: [
        (0.0, "$0"), (5, "$5"), (-5, "−$5"), (12.345, "$12.35"), (0.5, "$0.50"), (99.994, "$99.99"),
        (99.995, "$100"), (457.4, "$457"), (1234.5, "$1.2k"), (12_345, "$12.3k"), (123_456, "$123k"),
        (2.5e6, "$2.5M"), (1e6, "$1.0M"), (3.2e9, "$3.2B"), (7.5e12, "$7.5T"), (0.001, "$0"),
        (-0.001, "$0"), (1e-9, "$0"), (-1234.5, "−$1.2k"), (2e15, "$2.0e15"),
    ] as [(Double, String)])
    func usd(value: Double, expected: String) {
        #expect(HumanFormat.usd(value) == expected)
    }

    /// A value that rounds up into the next unit moves to it: never `$1000` or `$1000.0k`.
    @Test func usdRoundsAcrossUnits() {
        #expect(HumanFormat.usd(999.95) == "$1.0k")
        #expect(HumanFormat.usd(999.4) == "$999")
        #expect(HumanFormat.usd(99_960) == "$100k")
        #expect(HumanFormat.usd(999_950) == "$1.0M")
        #expect(HumanFormat.usd(999_449_999) == "$999M")
        #expect(HumanFormat.usd(999_950_000) == "$1.0B")
    }

    /// Durations in hours: seconds, whole minutes, hours with a decimal below 10, whole hours
    /// below 100, then days; 59.94 minutes is `1.0 h`, not `60 min`.
    @Test(arguments: [
        (0.0, "0 h"), (3.4, "3.4 h"), (0.2, "12 min"), (49, "49 h"), (0.999, "1.0 h"), (0.0125, "45 s"),
        (9.96, "10 h"), (99.4, "99 h"), (99.6, "4.2 d"), (240, "10 d"), (228, "9.5 d"), (2400, "100 d"), (-3.4, "−3.4 h"),
        (1.0 / 60, "1 min"), (1e-9, "0 s"),
    ] as [(Double, String)])
    func hours(value: Double, expected: String) {
        #expect(HumanFormat.hours(value) == expected)
    }

    /// Percentages: one decimal by default, trailing `.0` dropped, U+2212 for negatives, an
    /// optional explicit `+`, and no sign on a value that rounds to zero.
    @Test func percent() {
        #expect(HumanFormat.percent(0.574) == "57.4 %")
        #expect(HumanFormat.percent(0.5) == "50 %")
        #expect(HumanFormat.percent(1) == "100 %")
        #expect(HumanFormat.percent(-0.125) == "−12.5 %")
        #expect(HumanFormat.percent(0.12345, decimals: 2) == "12.35 %")
        #expect(HumanFormat.percent(0.123, explicitPlus: true) == "+12.3 %")
        #expect(HumanFormat.percent(-0.0001) == "0 %")
        #expect(HumanFormat.percent(0) == "0 %")
    }

    /// Plain numbers: about three significant digits, SI suffixes from 1000, scientific
    /// below 0.001 and from 10¹⁵, with the U+2212 minus in signs and exponents.
    @Test(arguments: [
        (0.0, "0"), (12.345, "12.3"), (0.574, "0.574"), (457.6, "458"), (999.7, "1.0k"), (45_600, "45.6k"),
        (2e-9, "2.0e−9"), (-3.5e6, "−3.5M"), (1.5, "1.5"), (7, "7"), (1e18, "1.0e18"),
    ] as [(Double, String)])
    func number(value: Double, expected: String) {
        #expect(HumanFormat.number(value) == expected)
    }

    /// Nothing prints `nan` or `inf`: every formatter gives an em dash for a value that is
    /// not finite.
    @Test(arguments: [Double.nan, .infinity, -.infinity, -Double.nan])
    func nonFiniteIsADash(value: Double) {
        #expect(HumanFormat.usd(value) == "—")
        #expect(HumanFormat.hours(value) == "—")
        #expect(HumanFormat.percent(value) == "—")
        #expect(HumanFormat.number(value) == "—")
        for format in [AxisFormat.number, .usd, .hours, .percent, .custom { "\($0)" }] {
            #expect(format.label(value) == "—")
            #expect(format.tickLabels([0, value, 1]) == format.tickLabels([0, 1]).enumerated().flatMap {
                $0.offset == 0 ? [$0.element, "—"] : [$0.element]
            })
        }
    }

    /// Extreme magnitudes stay short and finite: the largest and smallest doubles format
    /// without crashing or printing digits by the hundred.
    @Test(arguments: [Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, Double.leastNonzeroMagnitude, 1e300])
    func extremeMagnitudes(value: Double) {
        for text in [HumanFormat.usd(value), HumanFormat.hours(value), HumanFormat.percent(value), HumanFormat.number(value)] {
            #expect(text.count <= 16, "\(text)")
            #expect(!text.lowercased().contains("nan") && !text.lowercased().contains("inf"))
        }
    }
}
