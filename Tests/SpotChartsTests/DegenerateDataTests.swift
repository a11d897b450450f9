import SpotCharts
import Testing

@Suite("Degenerate data")
struct DegenerateDataTests {
    /// Empty, non-finite, single-point, zero-width, non-positive-on-log and extreme data
    /// never crash a builder, and every result is well-formed XML with its `data-chart`
    /// attribute and no `nan` or `inf` anywhere in the text.
    @Test(arguments: ChartFixtures.degenerate.map(\.name))
    func wellFormedAndFinite(name: String) throws {
        let svg = try #require(ChartFixtures.degenerate.first { $0.name == name }).svg()
        let chart = try SVGInspection(svg)
        #expect(chart.rootAttribute("data-chart")?.isEmpty == false)
        #expect(!chart.mentionsNonFinite, "\(name)")
        #expect(svg == ChartFixtures.degenerate.first { $0.name == name }!.svg())
    }

    /// A chart with nothing to draw says so instead of drawing an empty frame.
    @Test func noDataNote() throws {
        for svg in [
            LineChart(title: "t", x: Axis("x"), y: Axis("y"), series: []).svg(),
            ScatterChart(title: "t", x: Axis("x"), y: Axis("y"), series: [.init(name: "a", points: [.init(x: .nan, y: 1)])]).svg(),
            StepChart(title: "t", x: Axis("x"), series: [.init(name: "a", samples: [.nan])]).svg(),
            StackedBarChart(title: "t", categories: [], components: [], value: Axis("v")).svg(),
            TimelineChart(title: "t", lanes: []).svg(),
        ] {
            #expect(try SVGInspection(svg).texts("no-data") == ["No data"])
        }
    }

    /// Values ≤ 0 on a log axis are left out rather than drawn at −∞: of x = −1, 0, 10 with
    /// y = 5, −2, 0 on log–log axes, no point survives; with y = 5, 6, 7 one does.
    @Test func logAxesDropNonPositive() throws {
        let none = try SVGInspection(LineChart(
            title: "t", x: Axis("x", logarithmic: true), y: Axis("y", logarithmic: true),
            series: [.init(name: "a", x: [-1, 0, 10], y: [5, -2, 0])]).svg())
        #expect(try none.count("point") == 0)
        let one = try SVGInspection(LineChart(
            title: "t", x: Axis("x", logarithmic: true), y: Axis("y", logarithmic: true),
            series: [.init(name: "a", x: [-1, 0, 10], y: [5, 6, 7])]).svg())
        #expect(try one.count("point") == 1)
    }

    /// Names with markup and control characters are escaped, not interpreted.
    @Test func hostileNamesAreEscaped() throws {
        let name = "<script>alert('x')</script> & \u{7}bell"
        let chart = try SVGInspection(ScatterChart(
            title: name, x: Axis(name), y: Axis(name),
            series: [.init(name: name, points: [.init(x: 1, y: 2, label: name, note: name)])]).svg())
        #expect(try chart.document.nodes(forXPath: "//*[local-name()='script']").isEmpty)
        #expect(try chart.texts("point-label").first?.hasPrefix("<script>") == true)
    }
}
