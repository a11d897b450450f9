import SpotCharts
import Testing

@Suite("Axis ticks")
struct AxisTicksTests {
    /// `Axis(ticks: .at(…))` puts a tick at every given value — on a log axis with few data
    /// points, at each plotted interval (15 min, Daly's 17 min, 30 min, 1 h), where the
    /// automatic 1-2-5 ticks would miss some — each labelled with up to three significant
    /// digits.
    @Test func explicitTicksOnALogAxis() throws {
        let intervals = [0.25, 0.5, 1, 0.2835]
        func chart(_ ticks: Axis.Ticks) -> LineChart {
            LineChart(
                title: "t", x: Axis("Checkpoint interval", format: .hours, logarithmic: true, ticks: ticks),
                y: Axis("Cost", format: .usd), series: [LineChart.Series(name: "spot", x: intervals, y: [5, 4, 6, 4.5])])
        }
        let explicit = try SVGInspection(chart(.at(intervals)).svg())
        #expect(try explicit.tickLabels(x: true) == ["15 min", "17 min", "30 min", "1 h"])
        let automatic = try SVGInspection(chart(.automatic).svg())
        #expect(try !automatic.tickLabels(x: true).contains("15 min"))
    }

    /// Explicit ticks the axis cannot place (not finite, ≤ 0 on a log axis, outside a fixed
    /// domain) are left out; a label that would collide with the one before is left out but
    /// its tick and grid line stay.
    @Test func explicitTicksAreFilteredAndSpaced() throws {
        let series = [LineChart.Series(name: "a", x: [0, 100], y: [0, 100])]
        let fixed = try SVGInspection(LineChart(
            title: "t", x: Axis("x", domain: 0...100, ticks: .at([.nan, -5, 0, 50, 100, 150])), y: Axis("y"),
            series: series).svg())
        #expect(try fixed.tickLabels(x: true) == ["0", "50", "100"])
        let close = try SVGInspection(LineChart(
            title: "t", x: Axis("x", domain: 0...100, ticks: .at([10, 10.5, 11, 60])), y: Axis("y", ticks: .at([0, 1, 100])),
            series: series).svg())
        #expect(try close.tickLabels(x: true) == ["10.0", "60.0"])
        #expect(try close.tickLabels(x: false) == ["0", "100"])
        #expect(try close.document.nodes(forXPath: "//*[@class='axis x-axis']/*[@class='grid']").count == 4)
    }

    /// Labels printed side by side (bar totals) share one unit and one number of decimals —
    /// at most what shows the largest to three significant digits, fewer when that shows
    /// every value as closely: no "$77" next to "$69.15".
    @Test func sideBySideLabelsShareDecimals() throws {
        #expect(AxisFormat.usd.labels([77, 147, 100, 69.15, 55.97]) == ["$77", "$147", "$100", "$69", "$56"])
        #expect(AxisFormat.usd.labels([12.5, 3.25, 7]) == ["$12.5", "$3.3", "$7.0"])
        #expect(AxisFormat.usd.labels([0.5, 0.25]) == ["$0.50", "$0.25"])
        #expect(AxisFormat.number.labels([45_600, 1_234]) == ["45.6k", "1.2k"])
        #expect(AxisFormat.hours.labels([0.2835]) == ["17 min"])
        #expect(AxisFormat.percent.labels([0.574, 0.1]) == ["57.4 %", "10.0 %"])
        let chart = try SVGInspection(StackedBarChart(
            title: "Cost breakdown", categories: ["a", "b", "c", "d", "e"],
            components: [
                StackedBarChart.Component(name: "spot", values: [60, 140, 100, 69.15, 50]),
                StackedBarChart.Component(name: "storage", values: [17, 7, 0, 0, 5.97]),
            ],
            value: Axis("Cost", format: .usd)).svg())
        #expect(try chart.texts("bar-total") == ["$77", "$147", "$100", "$69", "$56"])
    }
}
