extension StackedBarChart {
    /// The chart as a standalone `<svg>` element (`data-chart="stacked-bar"`): one
    /// `bar-segment` rectangle per non-zero finite value, a `category-label` per category
    /// and, with ``showsTotals``, a `bar-total` per category — all totals in one unit with the
    /// same decimals (``AxisFormat/labels(_:significantDigits:)``).
    ///
    /// With `inHTML`, the root omits the SVG namespace declaration, which HTML implies.
    ///
    /// - Complexity: O(categories × components).
    public func svg(inHTML: Bool = false) -> String {
        let legendItems = components.enumerated().map { index, component in
            LegendItem(label: component.name, swatch: .box(Palette.color(at: index)))
        }
        let chartWidth = ChartCanvas.sanitised(width, default: 960)
        let top = ChartCanvas.contentTop(hasTitle: !title.isEmpty)
            + ChartCanvas.legendHeight(rows: ChartCanvas.legendLayout(legendItems, width: chartWidth).rows)
        let bottomMargin: Double = value.title.isEmpty ? 30 : 52
        let rows = Double(Swift.max(1, categories.count))
        var canvas = ChartCanvas(
            kind: "stacked-bar", kindName: "Stacked bar chart", title: title,
            description: "\(categories.count) bars (\(categories.joined(separator: ", "))), each split into "
                + components.map(\.name).joined(separator: ", ") + "; value: \(value.title).",
            width: chartWidth, height: height ?? (top + rows * 34 + bottomMargin), inHTML: inHTML)
        _ = canvas.legend(legendItems)

        let totals = categories.indices.map(total(at:))
        let positive = categories.indices.map { c in components.reduce(0) { $0 + Swift.max(0, $1.value(at: c)) } }
        let negative = categories.indices.map { c in components.reduce(0) { $0 + Swift.min(0, $1.value(at: c)) } }
        let categoryLabels = categories.map {
            TextMetrics.truncate($0, toWidth: chartWidth * 0.3, fontSize: Style.tickFont)
        }
        let labelWidth = categoryLabels.map { TextMetrics.width($0, fontSize: Style.tickFont) }.max() ?? 0
        let totalLabels = value.format.labels(totals)   // one unit and the same decimals on every bar
        let totalWidth = showsTotals ? (totalLabels.map { TextMetrics.width($0, fontSize: Style.labelFont) }.max() ?? 0) + 8 : 0
        let left = 16 + labelWidth + 12
        let right = Swift.max(left + 40, canvas.width - 20 - totalWidth)
        let plot = PlotRect(left: left, top: top, right: right, bottom: Swift.max(top + 20, canvas.height - bottomMargin))

        var axis = value
        axis.isLogarithmic = false
        axis.includesZero = true
        let (fitted, ticks, tickLabels) = CartesianLayout.fitTicks([0] + positive + negative, axis: axis, length: plot.width)
        let x = fitted.withRange((plot.left, plot.right))
        canvas.xAxis(x, ticks: ticks, labels: tickLabels, title: value.title, plot: plot)
        if categories.isEmpty { canvas.noData(in: plot) }
        if negative.contains(where: { $0 < 0 }) {
            canvas.svg.element("line", [
                ("class", "zero-line"), ("x1", SVGWriter.number(x(0))), ("y1", SVGWriter.number(plot.top)),
                ("x2", SVGWriter.number(x(0))), ("y2", SVGWriter.number(plot.bottom)),
                ("stroke", Style.axis), ("stroke-width", "1"),
            ])
        }

        let band = plot.height / rows
        let barHeight = Swift.min(22, band * 0.65)
        canvas.svg.open("g", [("class", "bars")])
        for (c, category) in categories.enumerated() {
            let y = plot.top + band * Double(c) + (band - barHeight) / 2
            var up = 0.0, down = 0.0
            for (k, component) in components.enumerated() {
                let v = component.value(at: c)
                guard v != 0 else { continue }
                let from = v > 0 ? up : down
                if v > 0 { up += v } else { down += v }
                let x0 = x(Swift.min(from, from + v)), x1 = x(Swift.max(from, from + v))
                var tooltip = category + " — " + component.name + ": " + value.format.label(v)
                if v > 0, totals[c] > 0 { tooltip += " (" + HumanFormat.percent(v / totals[c]) + " of " + value.format.label(totals[c]) + ")" }
                canvas.svg.element("rect", [
                    ("class", "bar-segment"), ("x", SVGWriter.number(x0)), ("y", SVGWriter.number(y)),
                    ("width", SVGWriter.number(Swift.max(0, x1 - x0))), ("height", SVGWriter.number(barHeight)),
                    ("fill", Palette.color(at: k).hex), ("stroke", "#FFFFFF"), ("stroke-width", "1"),
                ], tooltip: tooltip)
            }
            let middle = SVGWriter.number(y + barHeight / 2)
            canvas.svg.element("text", [
                ("class", "category-label"), ("x", SVGWriter.number(plot.left - 8)), ("y", middle), ("dy", "0.32em"),
                ("text-anchor", "end"), ("fill", Style.text),
            ], text: categoryLabels[c], tooltip: categoryLabels[c] == category ? "" : category)
            if showsTotals {
                canvas.svg.element("text", [
                    ("class", "bar-total"), ("x", SVGWriter.number(x(Swift.max(0, positive[c])) + 6)), ("y", middle),
                    ("dy", "0.32em"), ("font-size", SVGWriter.number(Style.labelFont)), ("fill", Style.text),
                ], text: totalLabels[c])
            }
        }
        canvas.svg.close()
        return canvas.finish()
    }
}
