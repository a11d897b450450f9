/// The frame every chart draws into: the root `<svg>` (scalable, accessible, tagged with
/// `data-chart`), a white background, the title, the legend, axes, and the closing tag.
///
/// ```swift
/// var canvas = ChartCanvas(kind: "line", kindName: "Line chart", title: "Cost",
///                          description: "2 series", width: 960, height: 420)
/// let top = canvas.legend([LegendItem(label: "Spot", swatch: .box(.blue))])
/// …
/// let svg = canvas.finish()
/// ```
struct ChartCanvas {
    var svg = SVGWriter()
    let width: Double
    let height: Double
    let hasTitle: Bool

    /// Opens the root element: `viewBox` at the given size, `width="100%"` so the chart
    /// scales to its container, `role="img"`, an `aria-label` ("Line chart: Cost"), a
    /// `data-chart` naming the chart kind, then `<title>`, `<desc>` and the title text. The SVG
    /// namespace is declared unless the chart goes inside an HTML page (`inHTML`), where it is
    /// implied.
    init(
        kind: String, kindName: String, title: String, description: String, width: Double, height: Double,
        inHTML: Bool = false
    ) {
        self.width = Self.sanitised(width, default: 960)
        self.height = Self.sanitised(height, default: 420)
        self.hasTitle = !title.isEmpty
        let accessibleName = title.isEmpty ? kindName : kindName + ": " + title
        svg.open("svg", (inHTML ? [] : [("xmlns", "http://www.w3.org/2000/svg")]) + [
            ("viewBox", "0 0 " + SVGWriter.number(self.width) + " " + SVGWriter.number(self.height)),
            ("width", "100%"),
            ("role", "img"),
            ("aria-label", accessibleName),
            ("data-chart", kind),
            ("class", "spotsim-chart"),
            ("font-family", Style.fontFamily),
            ("font-size", SVGWriter.number(Style.tickFont)),
        ])
        svg.element("title", text: accessibleName)
        svg.element("desc", text: description)
        svg.element("rect", [
            ("width", SVGWriter.number(self.width)), ("height", SVGWriter.number(self.height)),
            ("fill", Style.background),
        ])
        if hasTitle {
            svg.element("text", [
                ("class", "chart-title"), ("x", "16"), ("y", "26"),
                ("font-size", SVGWriter.number(Style.titleFont)), ("font-weight", "600"),
                ("fill", Style.text),
            ], text: title)
        }
    }

    /// The y just below the title, where a legend or the plot may start.
    var contentTop: Double { Self.contentTop(hasTitle: hasTitle) }

    /// The y just below a title, or near the top without one.
    static func contentTop(hasTitle: Bool) -> Double { hasTitle ? 40 : 14 }

    /// A width or height inside 100…10 000 px (`default` when not finite).
    static func sanitised(_ value: Double, default fallback: Double) -> Double {
        guard value.isFinite else { return fallback }
        return Swift.min(Swift.max(value, 100), 10_000)
    }

    /// A centred "No data" note in `plot`, for charts with nothing to draw.
    mutating func noData(in plot: PlotRect) {
        svg.element("text", [
            ("class", "no-data"),
            ("x", SVGWriter.number((plot.left + plot.right) / 2)),
            ("y", SVGWriter.number((plot.top + plot.bottom) / 2)),
            ("text-anchor", "middle"), ("fill", Style.mutedText),
            ("font-size", SVGWriter.number(Style.axisTitleFont)),
        ], text: "No data")
    }

    /// Closes the root element and returns the document.
    mutating func finish() -> String {
        while !svg.isBalanced { svg.close() }
        return svg.text
    }
}
