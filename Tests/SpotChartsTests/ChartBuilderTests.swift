import SpotCharts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("Chart builders")
struct ChartBuilderTests {
    /// Every chart's root is a scalable, accessible `<svg>`: the SVG namespace, a `viewBox`,
    /// `width="100%"`, `role="img"`, an `aria-label` naming the chart, its `data-chart`
    /// kind, and a `<title>` first child.
    @Test(arguments: ChartFixtures.all.map(\.kind))
    func rootElement(kind: String) throws {
        let svg = try #require(ChartFixtures.all.first { $0.kind == kind }).svg()
        let chart = try SVGInspection(svg)
        let root = try #require(chart.root)
        #expect(root.name == "svg")
        #expect(root.uri == "http://www.w3.org/2000/svg")
        #expect(chart.rootAttribute("data-chart") == kind)
        #expect(chart.rootAttribute("role") == "img")
        #expect(chart.rootAttribute("width") == "100%")
        #expect(chart.rootAttribute("viewBox")?.hasPrefix("0 0 960 ") == true)
        #expect(chart.rootAttribute("aria-label")?.isEmpty == false)
        #expect((root.children?.first as? XMLElement)?.name == "title")
        #expect(!chart.mentionsNonFinite)
    }

    /// Inside an HTML page (`inHTML`) the root omits the SVG namespace declaration, which
    /// HTML implies, and nothing else changes.
    @Test func inHTMLOmitsOnlyTheNamespace() {
        let pairs = [
            (ChartFixtures.line.svg(), ChartFixtures.line.svg(inHTML: true)),
            (ChartFixtures.scatter.svg(), ChartFixtures.scatter.svg(inHTML: true)),
            (ChartFixtures.step.svg(), ChartFixtures.step.svg(inHTML: true)),
            (ChartFixtures.stackedBar.svg(), ChartFixtures.stackedBar.svg(inHTML: true)),
            (ChartFixtures.timeline.svg(), ChartFixtures.timeline.svg(inHTML: true)),
        ]
        for (standalone, inHTML) in pairs {
            #expect(standalone.contains(" xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(!inHTML.contains("xmlns"))
            #expect(standalone.replacingOccurrences(of: " xmlns=\"http://www.w3.org/2000/svg\"", with: "") == inHTML)
        }
    }

    /// Coordinates carry at most two decimals (no float noise such as 12.300000000000001).
    @Test(arguments: ChartFixtures.all.map(\.kind))
    func coordinatesAreRounded(kind: String) throws {
        let svg = try #require(ChartFixtures.all.first { $0.kind == kind }).svg()
        let noisy = try NSRegularExpression(pattern: #"(?:d|x|y|x1|x2|y1|y2|cx|cy|width|height)="[^"]*\d\.\d{3}"#)
        #expect(noisy.firstMatch(in: svg, range: NSRange(svg.startIndex..., in: svg)) == nil)
    }

    /// A line chart draws one point per finite point, one band and one line per series
    /// with bands, a marker line and label per marker — labels of close markers on
    /// different rows — and a legend entry per series.
    @Test func lineChart() throws {
        let chart = try SVGInspection(ChartFixtures.line.svg())
        #expect(try chart.count("point") == 14)
        #expect(try chart.count("band") == 2)
        #expect(try chart.count("line") == 2)
        #expect(try chart.count("marker") == 2)
        #expect(try chart.count("legend-item") == 2)
        let labels = try chart.attributes("y", class: "marker-label")
        #expect(labels.count == 2 && labels[0] != labels[1])
        #expect(try chart.texts("marker-label") == ["Daly 27 min", "Young 31 min"])
        let tooltip = try #require(try chart.tooltips("point").first)
        #expect(tooltip.contains("Checkpoint interval (min): 5"))
        #expect(tooltip.contains("Cost per job: $410 (95 % CI $400 – $420)"))
        // Log x axis with 1-2-5 ticks, dollar y ticks from $0.
        #expect(try chart.texts("tick").contains("$0"))
        #expect(try chart.texts("tick").contains("100"))
    }

    /// A missing value breaks a line into two runs and its band into two pieces, and is
    /// not drawn as a point.
    @Test func lineBreaksAtMissingValues() throws {
        let chart = try SVGInspection(LineChart(
            title: "Gaps", x: Axis("x"), y: Axis("y"),
            series: [LineChart.Series(name: "a", x: [1, 2, 3, 4, 5], y: [1, 2, .nan, 4, 5], low: [0, 1, 2, 3, 4], high: [2, 3, 4, 5, 6])]
        ).svg())
        #expect(try chart.count("point") == 4)
        #expect(try chart.count("line") == 2)
        #expect(try chart.count("band") == 1)
        let gappy = try SVGInspection(LineChart(
            title: "Gaps", x: Axis("x"), y: Axis("y"),
            series: [LineChart.Series(name: "a", x: [1, 2, 3, 4, 5], y: [1, 2, 3, 4, 5], low: [0, 1, .nan, 3, 4], high: [2, 3, 4, 5, 6])]
        ).svg())
        #expect(try gappy.count("band") == 2)
    }

    /// A scatter chart draws every finite point with its series' shape, an error bar per
    /// point and axis that has one, the frontier through the non-dominated points, a label
    /// per labelled point, and notes in the tooltips.
    @Test func scatterChart() throws {
        let chart = try SVGInspection(ChartFixtures.scatter.svg())
        #expect(try chart.count("point") == 4)
        #expect(try chart.count("error-bar") == 3)
        #expect(try chart.count("frontier") == 1)
        #expect(try chart.count("point-label") == 4)
        #expect(try chart.count("legend-item") == 5)
        #expect(try chart.attributes("d", class: "frontier").first?.filter { $0 == "L" }.count == 2)
        #expect(try chart.tooltips("point").contains { $0.contains("saves 66 % against on-demand") })
        #expect(try chart.tooltips("point").contains { $0.contains("Completion time: 42 h (39 h – 44 h)") })
    }

    /// The frontier keeps, in ascending x, each point with a lower y than every point
    /// before it; ties in x keep the lowest y, duplicates the first; missing values are out.
    @Test func frontier() {
        #expect(ScatterChart.frontier([(1, 5), (2, 3), (3, 4), (4, 1)]) == [0, 1, 3])
        #expect(ScatterChart.frontier([(1, 5), (1, 2), (1, 2), (.nan, 0), (2, .nan)]) == [1])
        #expect(ScatterChart.frontier([]) == [])
    }

    /// The empirical CDF steps at each distinct sample to the share at or below it; the
    /// tooltip summary gives n, the median and p90 as the smallest samples reaching them.
    @Test func empiricalCDF() throws {
        let series = StepChart.Series(name: "a", samples: [3, 1, 2, 2, .nan], format: .hours)
        #expect(series.steps == [StepChart.Step(x: 1, y: 0.25), StepChart.Step(x: 2, y: 0.75), StepChart.Step(x: 3, y: 1)])
        #expect(series.summary == "n = 4, median 2.0 h, p90 3.0 h")
        #expect(series.extendsToEdges)
        let chart = try SVGInspection(ChartFixtures.step.svg())
        #expect(try chart.count("step-line") == 2)
        #expect(try chart.tooltips("step-line").first == "Spot\nn = 6, median 35 h, p90 40 h")
        #expect(try chart.texts("tick").contains("100 %"))
    }

    /// Steps closer than half a pixel merge: ten thousand samples draw as a path with at
    /// most a few vertices per pixel column of the plot.
    @Test func manyStepsAreThinned() throws {
        let samples = (0..<10_000).map { Double($0 % 997) * 0.37 + Double($0) * 1e-4 }
        let chart = try SVGInspection(StepChart(title: "Many", x: Axis("x"), series: [StepChart.Series(name: "a", samples: samples)]).svg())
        let d = try #require(try chart.attributes("d", class: "step-line").first)
        #expect(d.filter { $0 == "H" }.count <= 2 * 960)
    }

    /// A stacked bar chart draws a segment per non-zero value, a label and a total per
    /// category (all totals in one unit with the same decimals), and tooltips with each
    /// part's share of the total.
    @Test func stackedBarChart() throws {
        let chart = try SVGInspection(ChartFixtures.stackedBar.svg())
        #expect(try chart.count("bar-segment") == 9)
        #expect(try chart.count("category-label") == 3)
        #expect(try chart.texts("bar-total") == ["$2412", "$649", "$839"])
        #expect(try chart.count("legend-item") == 4)
        #expect(try chart.tooltips("bar-segment").contains("Spot — Spot: $610 (94 % of $649)"))
        #expect(try chart.count("zero-line") == 0)
    }

    /// Negative parts stack left of zero, which gets a line; a long category name is
    /// shortened with an ellipsis and kept whole in its tooltip; the height grows with the
    /// number of categories.
    @Test func stackedBarEdges() throws {
        let long = String(repeating: "very long policy name ", count: 6)
        let chart = try SVGInspection(StackedBarChart(
            title: "Refunds", categories: ["a", long],
            components: [StackedBarChart.Component(name: "cost", values: [5, 7]), StackedBarChart.Component(name: "refund", values: [-2, -1])],
            value: Axis("Cost", format: .usd)).svg())
        #expect(try chart.count("bar-segment") == 4)
        #expect(try chart.count("zero-line") == 1)
        #expect(try chart.texts("category-label")[1].hasSuffix("…"))
        #expect(try chart.tooltips("category-label") == [long])
        let few = StackedBarChart(title: "", categories: ["a"], components: [], value: Axis("v"))
        let many = StackedBarChart(title: "", categories: (0..<20).map { "c\($0)" }, components: [], value: Axis("v"))
        let height = { (svg: String) in try SVGInspection(svg).rootAttribute("viewBox")?.split(separator: " ").last.flatMap { Double($0) } ?? 0 }
        #expect(try height(many.svg()) > height(few.svg()) + 500)
    }

    /// A timeline draws a stripe and label per lane, a bar per interval with a positive
    /// value, a span per span, a mark per event, and a line across the lanes for events of
    /// the whole job; the legend lists the drawn event then span kinds in order of first
    /// appearance.
    @Test func timelineChart() throws {
        let chart = try SVGInspection(ChartFixtures.timeline.svg())
        #expect(try chart.count("lane") == 2)
        #expect(try chart.count("lane-label") == 2)
        #expect(try chart.count("interval") == 3)
        #expect(try chart.count("span") == 1)
        #expect(try chart.count("event") == 4)
        #expect(try chart.count("event-line") == 1)
        #expect(try chart.texts("lane-peak") == ["peak 8 nodes", "peak 2 nodes"])
        let legend = try chart.document.nodes(forXPath: "//*[@class='legend-item']/*[local-name()='text']").compactMap(\.stringValue)
        #expect(legend == ["Preemption", "Checkpoint", "Migration", "Lost work"])
        #expect(try chart.tooltips("span") == ["Lost work: 3.0 h – 3.2 h (12 min)\nus-east-1 spot"])
        #expect(try chart.tooltips("interval").contains("on-demand: 2 nodes\n3.2 h – 3.5 h\nfallback"))
        // Kinds of events and spans that are not drawn stay out of the legend.
        let partial = try SVGInspection(TimelineChart(
            title: "t", lanes: [TimelineChart.Lane(name: "a", intervals: [])],
            events: [TimelineChart.Event(time: .nan, kind: .preemption), TimelineChart.Event(time: 1, lane: 0, kind: .checkpoint)],
            spans: [TimelineChart.Span(start: 2, end: 1, kind: .lostWork)]).svg())
        #expect(try partial.count("legend-item") == 1)
    }

    /// The same input gives the same bytes, every time.
    @Test(arguments: ChartFixtures.all.map(\.kind))
    func deterministic(kind: String) throws {
        let make = try #require(ChartFixtures.all.first { $0.kind == kind }).svg
        let first = make()
        for _ in 0..<3 { #expect(make() == first) }
    }
}
