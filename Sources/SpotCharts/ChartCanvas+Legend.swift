/// One entry of a chart's legend: a swatch that looks like the marks it stands for, and a name.
struct LegendItem {
    enum Swatch {
        /// A line (with its dash pattern), over a band when the series has one, with the
        /// series' point shape when it has one.
        case line(OkabeIto, dash: String?, band: Bool, shape: MarkShape?)
        /// A point mark.
        case marker(MarkShape, OkabeIto)
        /// A filled square, for bars and lanes.
        case box(OkabeIto)
        /// A translucent square, for spans.
        case span(OkabeIto)
        /// A dashed grey line, for reference lines such as a frontier.
        case reference(dash: String)
        /// Three thin vertical ticks, for events too dense to draw as marks.
        case ticks(OkabeIto)
    }

    /// The swatch's width in px: 28 for lines, wide enough to show a dash pattern on each
    /// side of the point shape; 16 for the others.
    var swatchWidth: Double {
        switch swatch {
        case .line, .reference: 28
        case .marker, .box, .span, .ticks: 16
        }
    }

    var label: String
    var swatch: Swatch
}

extension ChartCanvas {
    /// Draws `items` in rows from the left under the title, wrapping at the chart's width,
    /// and returns the y where the plot may start (``contentTop`` when there are no items).
    ///
    /// - Complexity: O(n) for n items.
    mutating func legend(_ items: [LegendItem]) -> Double {
        let top = contentTop
        guard !items.isEmpty else { return top }
        let layout = Self.legendLayout(items, width: width)
        svg.open("g", [("class", "legend")])
        for (item, place) in zip(items, layout.places) {
            let y = top + Double(place.row) * Self.legendRowHeight + 6
            svg.open("g", [("class", "legend-item")])
            swatch(item.swatch, width: item.swatchWidth, x: place.x, y: y)
            svg.element("text", [
                ("x", SVGWriter.number(place.x + item.swatchWidth + 6)), ("y", SVGWriter.number(y + 4)),
                ("fill", Style.text), ("font-size", SVGWriter.number(Style.legendFont)),
            ], text: place.label)
            svg.close()
        }
        svg.close()
        return top + Self.legendHeight(rows: layout.rows)
    }

    static let legendRowHeight = 18.0

    /// The height a legend of `rows` rows takes, with the gap under it.
    static func legendHeight(rows: Int) -> Double {
        rows == 0 ? 0 : Double(rows) * legendRowHeight + 8
    }

    /// Where each legend item goes in a chart `width` wide: its x, its row, its label
    /// (shortened when a single item would not fit a row), and the number of rows.
    static func legendLayout(_ items: [LegendItem], width: Double) -> (places: [(x: Double, row: Int, label: String)], rows: Int) {
        guard !items.isEmpty else { return ([], 0) }
        let left = 16.0, right = width - 16
        var x = left
        var row = 0
        var places: [(x: Double, row: Int, label: String)] = []
        for item in items {
            let label = TextMetrics.truncate(item.label, toWidth: Swift.max(60, right - left - item.swatchWidth - 14), fontSize: Style.legendFont)
            let itemWidth = item.swatchWidth + 6 + TextMetrics.width(label, fontSize: Style.legendFont) + 18
            if x > left, x + itemWidth - 18 > right {
                row += 1
                x = left
            }
            places.append((x, row, label))
            x += itemWidth
        }
        return (places, row + 1)
    }

    /// A swatch `width` px wide whose vertical centre is `y`.
    private mutating func swatch(_ swatch: LegendItem.Swatch, width: Double, x: Double, y: Double) {
        let n = SVGWriter.number
        switch swatch {
        case .line(let color, let dash, let band, let shape):
            if band {
                svg.element("rect", [
                    ("x", n(x)), ("y", n(y - 6)), ("width", n(width)), ("height", "12"),
                    ("fill", color.hex), ("fill-opacity", Style.bandOpacity),
                ])
            }
            var attributes = [
                ("x1", n(x)), ("y1", n(y)), ("x2", n(x + width)), ("y2", n(y)),
                ("stroke", color.hex), ("stroke-width", "2.5"),
            ]
            if let dash { attributes.append(("stroke-dasharray", dash)) }
            stroked("line", attributes, color: color)
            if let shape { mark(shape, color: color, x: x + width / 2, y: y, size: 3.5) }
        case .marker(let shape, let color):
            mark(shape, color: color, x: x + width / 2, y: y, size: 4.5)
        case .box(let color):
            svg.element("rect", [
                ("x", n(x + 2)), ("y", n(y - 6)), ("width", "12"), ("height", "12"), ("fill", color.hex),
            ])
        case .span(let color):
            svg.element("rect", [
                ("x", n(x + 2)), ("y", n(y - 6)), ("width", "12"), ("height", "12"),
                ("fill", color.hex), ("fill-opacity", "0.3"), ("stroke", color.hex), ("stroke-width", "1"),
            ])
        case .reference(let dash):
            svg.element("line", [
                ("x1", n(x)), ("y1", n(y)), ("x2", n(x + width)), ("y2", n(y)),
                ("stroke", Style.reference), ("stroke-width", "1.5"), ("stroke-dasharray", dash),
            ])
        case .ticks(let color):
            let d = [4.0, 8, 12].map { "M" + n(x + $0) + " " + n(y - 5) + "V" + n(y + 5) }.joined()
            stroked("path", [("d", d), ("stroke", color.hex), ("stroke-width", "1")], color: color)
        }
    }
}
