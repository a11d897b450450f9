import SpotCharts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("Series styles")
struct SeriesStyleTests {
    /// Yellow, faint on white, is the last colour: charts with up to seven series never use
    /// it, and it never gets a stroke-only shape (cross, plus) in the first 47 series.
    @Test func yellowComesLast() {
        #expect(Palette.series.last == .yellow)
        #expect(Palette.series.count == OkabeIto.allCases.count && Set(Palette.series).count == Palette.series.count)
        #expect(!(0..<7).map(Palette.color(at:)).contains(.yellow))
        #expect(!(0..<47).contains { Palette.color(at: $0) == .yellow && Palette.shape(at: $0).isStrokeOnly })
    }

    /// Beyond eight series the colours repeat, but what each chart shows of a series stays
    /// unique for at least 24 series: colour, dash and shape (line charts), colour and dash
    /// (step charts), colour and shape (scatter charts).
    @Test func seriesStayDistinctUpTo24() {
        let n = 0..<32
        #expect(Set(n.map { "\(Palette.color(at: $0)) \(Palette.dash(at: $0) ?? "solid")" }).count == n.count)
        #expect(Set((0..<56).map { "\(Palette.color(at: $0)) \(Palette.shape(at: $0))" }).count == 56)
        #expect(Palette.color(at: 9) == Palette.color(at: 1) && Palette.dash(at: 9) != Palette.dash(at: 1))
    }

    /// A line, step line or stroke-only mark in a faint colour (yellow) gets a dark casing of
    /// the same geometry drawn just before it; a filled mark a dark outline instead of white.
    @Test func faintStrokesAreCased() throws {
        let xs: [Double] = [1, 2, 3]
        let line = try SVGInspection(LineChart(
            title: "t", x: Axis("x"), y: Axis("y"),
            series: (0..<8).map { LineChart.Series(name: "s\($0)", x: xs, y: xs.map { $0 + Double($0) }) }).svg())
        let lines = try line.attributes("d", class: "line")
        let casings = try line.elements(class: "casing")
        // The yellow series' line and its legend swatch line are cased; nothing else.
        #expect(casings.count == 2)
        #expect(try casings.compactMap { SVGInspection.attribute($0, "d") }.contains(lines[7]))
        #expect(try line.elements(class: "point").filter { SVGInspection.attribute($0, "fill") == OkabeIto.yellow.hex }
            .allSatisfy { SVGInspection.attribute($0, "stroke") != "#FFFFFF" })

        let step = try SVGInspection(StepChart(
            title: "t", x: Axis("x"), series: (0..<8).map { StepChart.Series(name: "s\($0)", samples: [1, 2, Double($0)]) }).svg())
        #expect(try step.attributes("d", class: "casing").contains(step.attributes("d", class: "step-line")[7]))
    }

    /// Legends draw each line series with its dash pattern on a swatch wide enough to show it
    /// beside the point shape, so series that share a colour can be told apart there too.
    @Test func legendShowsDashAndShape() throws {
        let chart = try SVGInspection(LineChart(
            title: "t", x: Axis("x"), y: Axis("y"),
            series: (0..<12).map { LineChart.Series(name: "s\($0)", x: [1, 2], y: [1, Double($0)]) }).svg())
        let items = try chart.elements(class: "legend-item")
        #expect(items.count == 12)
        for (index, item) in items.enumerated() {
            let children = (item.children ?? []).compactMap { $0 as? XMLElement }
            let swatch = try #require(children.first { $0.name == "line" })
            let x1 = Double(SVGInspection.attribute(swatch, "x1") ?? "") ?? 0
            let x2 = Double(SVGInspection.attribute(swatch, "x2") ?? "") ?? 0
            #expect(x2 - x1 >= 24)
            #expect(SVGInspection.attribute(swatch, "stroke-dasharray") == Palette.dash(at: index))
            #expect(children.contains { $0.name == "path" })   // the point shape
        }
    }
}
