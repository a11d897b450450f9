import SpotCharts
import Foundation
import Testing

@Suite("Timeline")
struct TimelineTests {
    /// One replication's lane: 220 checkpoints every 17 minutes (denser than their marks at
    /// 960 px) and 30 preemptions, in bursts of three a few minutes apart.
    static var busy: TimelineChart {
        var events = (1...220).map { TimelineChart.Event(time: Double($0) * 0.285, lane: 0, kind: .checkpoint) }
        events += (0..<30).map { TimelineChart.Event(time: Double($0 / 3) * 6 + Double($0 % 3) * 0.05, lane: 0, kind: .preemption) }
        return TimelineChart(
            title: "Replication 0: spot at daly",
            lanes: [TimelineChart.Lane(name: "aws-h100", intervals: [TimelineChart.Interval(start: 0, end: 63, value: 1)])],
            events: events, spans: [TimelineChart.Span(start: 4.9, end: 5.1, lane: 0, kind: .lostWork)])
    }

    /// Events of a kind denser than their own marks are drawn as thin ticks, one per event
    /// with its tooltip, before (under) the sparse kinds' marks; the legend shows a tick
    /// swatch and their count. Bursts of a sparse kind (preemptions) stay marks.
    @Test func denseEventsBecomeTicksUnderSparseOnes() throws {
        let chart = try SVGInspection(Self.busy.svg())
        #expect(try chart.count("event-tick") == 220)
        #expect(try chart.count("event") == 30)
        #expect(try chart.tooltips("event-tick").allSatisfy { $0.hasPrefix("Checkpoint at ") })
        #expect(try chart.tooltips("event").allSatisfy { $0.hasPrefix("Preemption at ") })
        #expect(chart.countBefore("event-tick", first: "event") == 220)
        let legend = try chart.document.nodes(forXPath: "//*[@class='legend-item']/*[local-name()='text']").compactMap(\.stringValue)
        #expect(legend == ["Checkpoint (220)", "Preemption", "Lost work"])
    }

    /// A few events of a kind, or events spread wider than their marks, stay marks.
    @Test func sparseEventsStayMarks() throws {
        var chart = Self.busy
        chart.events = chart.events.enumerated().filter { $0.offset % 20 == 0 || $0.element.kind == .preemption }.map(\.element)
        let inspected = try SVGInspection(chart.svg())
        #expect(try inspected.count("event-tick") == 0)
        #expect(try inspected.count("event") == 11 + 30)
    }

    /// Lane peaks and interval tooltips say "1 node", not "1 nodes"; other counts stay plural,
    /// and a caller's unit can say its own singular.
    @Test func valueNamesAgreeWithTheirNumber() throws {
        let chart = try SVGInspection(TimelineChart(title: "t", lanes: [
            TimelineChart.Lane(name: "a", intervals: [TimelineChart.Interval(start: 0, end: 1, value: 1)]),
            TimelineChart.Lane(name: "b", intervals: [TimelineChart.Interval(start: 0, end: 1, value: 2)]),
        ]).svg())
        #expect(try chart.texts("lane-peak") == ["peak 1 node", "peak 2 nodes"])
        #expect(try chart.tooltips("interval") == ["a: 1 node\n0 h – 1.0 h", "b: 2 nodes\n0 h – 1.0 h"])
        let gpus = TimelineChart(title: "t", valueName: "GPUs", lanes: [])
        #expect(gpus.valueText(1) == "1 GPU" && gpus.valueText(8) == "8 GPUs")
        let own = TimelineChart(title: "t", valueName: "GiB", singularValueName: "GiB", lanes: [])
        #expect(own.valueText(1) == "1 GiB")
    }

    /// A timeline with one lane is still at least 150 px tall when scaled to 800 px wide
    /// (with or without a title and legend), and its lane at least 96 px.
    @Test func oneLaneIsTallEnough() throws {
        let lane = TimelineChart.Lane(name: "a", intervals: [TimelineChart.Interval(start: 0, end: 1, value: 1)])
        for chart in [
            Self.busy,
            TimelineChart(title: "", lanes: [lane]),
            TimelineChart(title: "t", lanes: [lane], width: 2000),
        ] {
            let inspected = try SVGInspection(chart.svg())
            let box = try #require(inspected.rootAttribute("viewBox")?.split(separator: " ").compactMap { Double($0) })
            #expect(box[3] / box[2] * 800 >= 150, "\(box)")
            let laneHeight = try #require(try inspected.attributes("height", class: "lane").first.flatMap(Double.init))
            #expect(laneHeight >= TimelineChart.minimumLaneArea)
        }
    }
}
