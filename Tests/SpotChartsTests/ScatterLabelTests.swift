@testable import SpotCharts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("Scatter labels")
struct ScatterLabelTests {
    /// The box a drawn `point-label` covers, estimated as the chart estimates it.
    static func labelBoxes(_ chart: SVGInspection) throws -> [Box] {
        try chart.elements(class: "point-label").map { node in
            let x = Double(SVGInspection.attribute(node, "x") ?? "") ?? .nan
            let y = Double(SVGInspection.attribute(node, "y") ?? "") ?? .nan
            let width = TextMetrics.width(node.stringValue ?? "", fontSize: Style.labelFont)
            let left = switch SVGInspection.attribute(node, "text-anchor") {
            case "end": x - width
            case "middle": x - width / 2
            default: x
            }
            return Box(x0: left, y0: y - ScatterChart.labelHeight, x1: left + width, y1: y)
        }
    }

    /// The vertices of path data made of `M x y`, `L x y`, `H x`, `V y` and `A …` commands.
    static func vertices(_ d: String) -> [(x: Double, y: Double)] {
        var result: [(x: Double, y: Double)] = []
        var current = (x: 0.0, y: 0.0)
        let scanner = Scanner(string: d)
        while !scanner.isAtEnd, let command = scanner.scanCharacter() {
            switch command {
            case "M", "L":
                current = (scanner.scanDouble() ?? 0, scanner.scanDouble() ?? 0)
            case "H": current.x = scanner.scanDouble() ?? 0
            case "V": current.y = scanner.scanDouble() ?? 0
            case "A":   // rx ry rotation large-arc sweep x y
                for _ in 0..<5 { _ = scanner.scanDouble() }
                current = (scanner.scanDouble() ?? 0, scanner.scanDouble() ?? 0)
            default: continue
            }
            result.append(current)
        }
        return result
    }

    /// The bounding box of path data (an error bar).
    static func bounds(_ d: String) -> Box {
        let points = vertices(d)
        return Box(x0: points.map(\.x).min() ?? 0, y0: points.map(\.y).min() ?? 0,
                   x1: points.map(\.x).max() ?? 0, y1: points.map(\.y).max() ?? 0)
    }

    /// The pixel centre of every drawn point: the middle of its path's bounds (a circle's
    /// leftmost and rightmost vertices, a square's corners).
    static func pointCentres(_ chart: SVGInspection) throws -> [(x: Double, y: Double)] {
        try chart.attributes("d", class: "point").map { d in
            let box = bounds(d)
            return ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
        }
    }

    /// Points at the same place with the same label (three on-demand policies all labelled
    /// "continuous") get one drawn label; every point keeps the label in its tooltip.
    @Test func repeatedLabelsAtOnePlaceAreDrawnOnce() throws {
        let same = ScatterChart.Point(x: 48, y: 147, label: "continuous")
        let chart = try SVGInspection(ScatterChart(
            title: "t", x: Axis("x", format: .hours), y: Axis("y", format: .usd, includesZero: true),
            series: ["a", "b", "c"].map { ScatterChart.Series(name: $0, points: [same]) }
                + [ScatterChart.Series(name: "d", points: [ScatterChart.Point(x: 52, y: 60, label: "continuous")])],
            showsFrontier: true).svg())
        #expect(try chart.count("point") == 4)
        #expect(try chart.texts("point-label") == ["continuous", "continuous"])
        #expect(try chart.tooltips("point").allSatisfy { $0.contains("continuous") })
    }

    /// Labels never overlap each other, any point but their own, or any error bar, and
    /// stay inside the plot; a label with no such place is left out rather than drawn over
    /// something (its point's tooltip keeps the text).
    @Test func labelsAvoidLabelsPointsAndErrorBars() throws {
        // A crowded cluster: 5 × 5 points about 20 px across and 9 px up apart (apart enough
        // not to cover each other), with error bars, each labelled.
        var points: [ScatterChart.Point] = []
        for i in 0..<5 {
            for j in 0..<5 {
                let x = 5 + Double(i) * 0.25, y = 5 + Double(j) * 0.25
                points.append(ScatterChart.Point(
                    x: x, y: y, xLow: x - 0.1, xHigh: x + 0.1, yLow: y - 0.1, yHigh: y + 0.1, label: "p\(i)\(j)"))
            }
        }
        let chart = try SVGInspection(ScatterChart(
            title: "t", x: Axis("x", domain: 0...10), y: Axis("y", domain: 0...10),
            series: [ScatterChart.Series(name: "s", points: points)]).svg())
        let labels = try Self.labelBoxes(chart)
        let centres = try Self.pointCentres(chart)
        let bars = try chart.attributes("d", class: "error-bar").map(Self.bounds)
        #expect(try chart.count("point") == 25)
        #expect(!labels.isEmpty && labels.count < 25)
        for (index, box) in labels.enumerated() {
            #expect(!labels[..<index].contains { $0.overlaps(box) }, "label \(index) overlaps an earlier one")
            #expect(!bars.contains { $0.overlaps(box) }, "label \(index) overlaps an error bar")
            let c = ScatterChart.pointClearance
            #expect(centres.filter { Box(x0: $0.x - c, y0: $0.y - c, x1: $0.x + c, y1: $0.y + c).overlaps(box) }.isEmpty,
                    "label \(index) overlaps a point")
        }
        #expect(try chart.tooltips("point").allSatisfy { $0.contains("s — p") })
    }

    /// Labels keep clear of the dashed Pareto frontier (with room for their white halo), so
    /// that the halo never cuts the line — even when the natural place, right of the point,
    /// is where the frontier leaves it.
    @Test func labelsKeepClearOfTheFrontier() throws {
        // A gently falling frontier through every point: each segment leaves its point to the
        // right, through the right-hand place of its label.
        let xs: [Double] = [48, 49, 50, 51, 52, 54, 56, 60]
        let chart = try SVGInspection(ScatterChart(
            title: "t", x: Axis("x", format: .hours), y: Axis("y", format: .usd, includesZero: true),
            series: [ScatterChart.Series(name: "s", points: xs.enumerated().map { index, x in
                ScatterChart.Point(x: x, y: 4800 - Double(index) * 40, label: index % 2 == 0 ? "daly" : "15m")
            })],
            showsFrontier: true).svg())
        let frontier = Self.vertices(try #require(try chart.attributes("d", class: "frontier").first))
        #expect(frontier.count == xs.count)
        let labels = try Self.labelBoxes(chart)
        #expect(labels.count >= 4)
        for (index, box) in labels.enumerated() {
            let halo = box.outset(by: 1.5)
            #expect(!zip(frontier, frontier.dropFirst()).contains { halo.crosses($0.0, $0.1) }, "label \(index) cuts the frontier")
        }
        // Labels come after (on top of) the frontier and the points.
        #expect(chart.countBefore("frontier", first: "point-label") == 1)
        #expect(chart.countBefore("point", first: "point-label") == xs.count)
    }

    /// Placement is first-fit in a fixed order — right, left, above, below, then the
    /// diagonals — so the same input always gives the same places.
    @Test func placementOrder() {
        let plot = PlotRect(left: 0, top: 0, right: 400, bottom: 400)
        let request = ScatterChart.LabelRequest(text: "abc", x: 200, y: 200)
        let places = ScatterChart.placeLabels(Array(repeating: request, count: 2) + [
            ScatterChart.LabelRequest(text: "xyz", x: 200, y: 200), ScatterChart.LabelRequest(text: "uvw", x: 200, y: 200),
        ], plot: plot, points: [(200, 200)], obstacles: [], frontier: [])
        #expect(places.map { $0?.anchor } == ["start", nil, "end", "middle"])
        #expect(places[0]?.box.x0 == 209)
        #expect(places[3]?.box.y1 == 190)
    }
}
