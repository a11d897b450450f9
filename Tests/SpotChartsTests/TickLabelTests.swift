import SpotCharts
import Testing

@Suite("Tick labels")
struct TickLabelTests {
    /// Every tick of a set has the same decimals — the fewest that show each tick exactly —
    /// except exact zero, which prints `0`.
    @Test func consistentDecimals() {
        #expect(AxisFormat.number.tickLabels([0, 0.5, 1]) == ["0", "0.5", "1.0"])
        #expect(AxisFormat.number.tickLabels([0, 0.2, 0.4, 0.6, 0.8, 1]) == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(AxisFormat.number.tickLabels([0, 2, 4]) == ["0", "2", "4"])
        #expect(AxisFormat.number.tickLabels([0.25, 0.5, 0.75]) == ["0.25", "0.50", "0.75"])
        #expect(AxisFormat.number.tickLabels([-1, -0.5, 0, 0.5, 1]) == ["−1.0", "−0.5", "0", "0.5", "1.0"])
    }

    /// Ticks with float noise (0.1 + 0.2) print as the decimal they stand for.
    @Test func floatNoiseIsHidden() {
        #expect(AxisFormat.number.tickLabels([0.1, 0.1 + 0.2, 0.5]) == ["0.1", "0.3", "0.5"])
    }

    /// The unit comes from the largest tick: plain below 10⁴, then k/M/G/T (k/M/B/T for
    /// dollars) with decimals from the step in that unit; below 10⁻³ an engineering exponent.
    @Test func unitsFromTheLargestTick() {
        #expect(AxisFormat.number.tickLabels([0, 2000, 4000, 6000, 8000]) == ["0", "2000", "4000", "6000", "8000"])
        #expect(AxisFormat.number.tickLabels([0, 20_000, 40_000]) == ["0", "20k", "40k"])
        #expect(AxisFormat.number.tickLabels([0, 500_000, 1_000_000]) == ["0", "0.5M", "1.0M"])
        #expect(AxisFormat.usd.tickLabels([0, 2e11, 4e11, 6e11, 8e11, 1e12]) == ["$0", "$0.2T", "$0.4T", "$0.6T", "$0.8T", "$1.0T"])
        #expect(AxisFormat.number.tickLabels([0, 2e-9, 4e-9]) == ["0", "2e−9", "4e−9"])
        #expect(AxisFormat.number.tickLabels([0, 1e18, 2e18]) == ["0", "1e18", "2e18"])
    }

    /// Dollars put the minus before the `$`; percentages multiply by 100 and add ` %`.
    @Test func usdAndPercent() {
        #expect(AxisFormat.usd.tickLabels([-500, 0, 500, 1000, 1500]) == ["−$500", "$0", "$500", "$1000", "$1500"])
        #expect(AxisFormat.usd.tickLabels([0, 0.5, 1]) == ["$0", "$0.5", "$1.0"])
        #expect(AxisFormat.percent.tickLabels([0, 0.25, 0.5, 0.75, 1]) == ["0 %", "25 %", "50 %", "75 %", "100 %"])
        #expect(AxisFormat.percent.tickLabels([0, 0.002, 0.004]) == ["0 %", "0.2 %", "0.4 %"])
    }

    /// Durations tick in minutes when every tick is under an hour, else in hours.
    @Test func hours() {
        #expect(AxisFormat.hours.tickLabels([0, 0.25, 0.5, 0.75]) == ["0 min", "15 min", "30 min", "45 min"])
        #expect(AxisFormat.hours.tickLabels([0, 0.5, 1, 1.5]) == ["0 h", "0.5 h", "1.0 h", "1.5 h"])
        #expect(AxisFormat.hours.tickLabels([0, 20, 40]) == ["0 h", "20 h", "40 h"])
    }

    /// On a log axis each tick is labelled on its own, without padding decimals.
    @Test func logarithmicTicks() {
        #expect(AxisFormat.number.tickLabels([0.01, 0.1, 1, 10, 100], logarithmic: true) == ["0.01", "0.1", "1", "10", "100"])
        #expect(AxisFormat.number.tickLabels([1e3, 1e6, 1e9], logarithmic: true) == ["1000", "1M", "1G"])
        #expect(AxisFormat.usd.tickLabels([5, 10, 20, 50], logarithmic: true) == ["$5", "$10", "$20", "$50"])
        #expect(AxisFormat.hours.tickLabels([0.5, 1, 2], logarithmic: true) == ["30 min", "1 h", "2 h"])
    }

    /// A custom format is used for ticks and values alike.
    @Test func custom() {
        let format = AxisFormat.custom { "\(Int($0)) GPUs" }
        #expect(format.tickLabels([0, 8]) == ["0 GPUs", "8 GPUs"])
        #expect(format.label(4) == "4 GPUs")
    }
}
