import SpotCharts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("SVGWriter")
struct SVGWriterTests {
    /// Text escapes `&`, `<`, `>`; attribute values also escape both quotes and keep tab,
    /// line feed and carriage return as character references.
    @Test func escaping() {
        #expect(SVGWriter.escapeText("a < b & c > d \"q\"") == "a &lt; b &amp; c &gt; d \"q\"")
        #expect(SVGWriter.escapeAttribute("say \"hi\" & 'bye'<>") == "say &quot;hi&quot; &amp; &apos;bye&apos;&lt;&gt;")
        #expect(SVGWriter.escapeAttribute("a\tb\nc\rd") == "a&#9;b&#10;c&#13;d")
        #expect(SVGWriter.escapeText("line\nbreak") == "line\nbreak")
    }

    /// Characters XML 1.0 cannot carry at all (other control characters, U+FFFE, U+FFFF)
    /// become U+FFFD, so hostile names still give a parseable document and show where
    /// something was replaced.
    @Test func forbiddenCharactersAreReplaced() throws {
        let hostile = "x\u{0}y\u{1B}z\u{FFFE}\u{FFFF}</text><script>alert(1)</script>"
        #expect(SVGWriter.escapeText("x\u{0}y\u{1B}z\u{FFFE}") == "x\u{FFFD}y\u{FFFD}z\u{FFFD}")
        var svg = SVGWriter()
        svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("aria-label", hostile)])
        svg.element("text", [("class", "t")], text: hostile, tooltip: hostile)
        svg.close()
        let inspection = try SVGInspection(svg.text)
        #expect(try inspection.count("t") == 1)
        #expect(try inspection.document.nodes(forXPath: "//*[local-name()='script']").isEmpty)
        #expect(inspection.rootAttribute("aria-label") == "x\u{FFFD}y\u{FFFD}z\u{FFFD}\u{FFFD}</text><script>alert(1)</script>")
    }

    /// Elements nest as opened, empty elements self-close, tooltips become a leading
    /// `<title>` child, and the output is one element per line.
    @Test func structure() {
        var svg = SVGWriter()
        svg.open("g", [("class", "points")])
        svg.element("circle", [("cx", SVGWriter.number(3)), ("cy", "4"), ("r", "2")], tooltip: "A & B")
        svg.element("rect", [("width", "1")])
        svg.element("text", [], text: "label", tooltip: "tip")
        #expect(!svg.isBalanced)
        svg.close()
        #expect(svg.isBalanced)
        #expect(svg.text == """
            <g class="points">
            <circle cx="3" cy="4" r="2"><title>A &amp; B</title></circle>
            <rect width="1"/>
            <text><title>tip</title>label</text>
            </g>

            """)
    }

    /// Coordinates print with at most two decimals, no trailing zeros, no `-0`, and never
    /// `nan` or `inf` (0 instead; magnitudes clamp to 10⁶).
    @Test(arguments: [
        (12.345, "12.35"), (12.5, "12.5"), (3, "3"), (-0.001, "0"), (-0.0, "0"), (-7.126, "-7.13"),
        (Double.nan, "0"), (.infinity, "0"), (-.infinity, "0"), (1e300, "1000000"), (-1e300, "-1000000"),
        (0.005, "0.01"), (1e-9, "0"),
    ] as [(Double, String)])
    func coordinates(value: Double, expected: String) {
        #expect(SVGWriter.number(value) == expected)
    }
}

@Suite("Palette")
struct PaletteTests {
    /// The palette is Okabe–Ito's eight colours, with their published hex values.
    @Test func okabeItoColours() {
        #expect(OkabeIto.allCases.map(\.hex) == [
            "#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
        ])
        #expect(Set(OkabeIto.allCases.map(\.name)).count == 8)
    }

    /// Series get colours by index, stably: the first eight are distinct and solid, later
    /// rounds repeat the colours with a dash pattern; shapes cycle too.
    @Test func stableAssignment() {
        #expect(Palette.color(at: 0) == .blue)
        #expect(Palette.color(at: 1) == .orange)
        #expect(Set((0..<8).map { Palette.color(at: $0) }).count == 8)
        #expect((0..<8).allSatisfy { Palette.dash(at: $0) == nil })
        #expect(Palette.color(at: 9) == Palette.color(at: 1))
        #expect(Palette.dash(at: 9) != nil)
        #expect(Palette.dash(at: 9) != Palette.dash(at: 17))
        #expect(Palette.color(at: -3) == .blue)
        #expect(Palette.shape(at: 0) == .circle)
        #expect(Palette.shape(at: 1) != Palette.shape(at: 0))
    }
}
