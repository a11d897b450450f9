extension LineChart {
    /// The chart as a standalone `<svg>` element (`data-chart="line"`): bands (class
    /// `band`), lines (`line`), points (`point`, one per drawable point), reference markers
    /// (`marker`, with a `marker-label`).
    ///
    /// With `inHTML`, the root omits the SVG namespace declaration, which HTML implies.
    ///
    /// - Complexity: O(n log n) for n points.
    public func svg(inHTML: Bool = false) -> String {
        let names = series.map(\.name).joined(separator: ", ")
        var canvas = ChartCanvas(
            kind: "line", kindName: "Line chart", title: title,
            description: "\(series.count) series (\(names)); x: \(x.title); y: \(y.title).",
            width: width, height: height, inHTML: inHTML)
        let top = canvas.legend(series.enumerated().map { index, series in
            LegendItem(label: series.name, swatch: .line(
                Palette.color(at: index), dash: Palette.dash(at: index),
                band: series.points.contains { $0.low != nil && $0.high != nil }, shape: Palette.shape(at: index)))
        })

        let xAxis = x, yAxis = y
        let xOK = { (v: Double) in v.isFinite && (!xAxis.isLogarithmic || v > 0) }
        let yOK = { (v: Double) in v.isFinite && (!yAxis.isLogarithmic || v > 0) }
        func hasBand(_ p: Point) -> Bool {
            guard let low = p.low, let high = p.high else { return false }
            return xOK(p.x) && yOK(low) && yOK(high)
        }
        let sorted = series.map { Marks.sortedByX($0.points, x: \.x) }
        var xs: [Double] = [], ys: [Double] = []
        var drawable = 0
        for points in sorted {
            for p in points {
                if xOK(p.x), yOK(p.y) {
                    xs.append(p.x)
                    ys.append(p.y)
                    drawable += 1
                }
                if hasBand(p) {
                    xs.append(p.x)
                    ys += [p.low!, p.high!]
                }
            }
        }
        let markers = self.markers.enumerated().filter { xOK($0.element.x) }
        xs += markers.map(\.element.x)

        let layout = CartesianLayout(width: canvas.width, height: canvas.height, top: top, xAxis: x, yAxis: y, xValues: xs, yValues: ys)
        let plot = layout.plot
        canvas.yAxis(layout.y, ticks: layout.yTicks, labels: layout.yLabels, title: y.title, plot: plot)
        canvas.xAxis(layout.x, ticks: layout.xTicks, labels: layout.xLabels, title: x.title, plot: plot)
        if drawable == 0 { canvas.noData(in: plot) }

        canvas.svg.open("g", [("class", "bands")])
        for (index, points) in sorted.enumerated() {
            let color = Palette.color(at: index)
            for run in Marks.runs(points, where: hasBand) {
                let upper = run.map { (x: layout.x($0.x), y: layout.y($0.high!)) }
                let lower = run.reversed().map { (x: layout.x($0.x), y: layout.y($0.low!)) }
                canvas.svg.element("path", [
                    ("class", "band"), ("d", Marks.polyline(upper + lower) + "Z"),
                    ("fill", color.hex), ("fill-opacity", Style.bandOpacity), ("stroke", "none"),
                ], tooltip: series[index].name + ": " + series[index].bandName)
            }
        }
        canvas.svg.close()

        canvas.svg.open("g", [("class", "lines")])
        for (index, points) in sorted.enumerated() {
            for run in Marks.runs(points, where: { xOK($0.x) && yOK($0.y) }) where run.count >= 2 {
                var attributes = [
                    ("class", "line"), ("d", Marks.polyline(run.map { (x: layout.x($0.x), y: layout.y($0.y)) })),
                    ("fill", "none"), ("stroke", Palette.color(at: index).hex), ("stroke-width", "2"),
                    ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
                ]
                if let dash = Palette.dash(at: index) { attributes.append(("stroke-dasharray", dash)) }
                canvas.stroked("path", attributes, color: Palette.color(at: index), tooltip: series[index].name)
            }
        }
        canvas.svg.close()

        canvas.svg.open("g", [("class", "points")])
        for (index, points) in sorted.enumerated() {
            let s = series[index]
            for p in points where xOK(p.x) && yOK(p.y) {
                var tooltip = s.name + "\n" + x.title + ": " + x.format.label(p.x) + "\n" + y.title + ": " + y.format.label(p.y)
                if hasBand(p) {
                    tooltip += " (" + s.bandName + " " + y.format.label(p.low!) + " – " + y.format.label(p.high!) + ")"
                }
                canvas.mark(
                    Palette.shape(at: index), color: Palette.color(at: index),
                    x: layout.x(p.x), y: layout.y(p.y), size: 3.5, className: "point", tooltip: tooltip)
            }
        }
        canvas.svg.close()

        drawMarkers(markers.map { ($0.offset, $0.element) }, layout: layout, into: &canvas)
        return canvas.finish()
    }

    /// Dashed vertical lines with labels at the top of the plot; labels that would overlap
    /// move down a row, and flip to the left of their line near the right edge.
    private func drawMarkers(_ markers: [(index: Int, marker: Marker)], layout: CartesianLayout, into canvas: inout ChartCanvas) {
        guard !markers.isEmpty else { return }
        let plot = layout.plot
        let dashes = ["5 4", "2 3", "8 3 2 3"]
        let ordered = markers.sorted { ($0.marker.x, $0.index) < ($1.marker.x, $1.index) }   // all finite
        var rowEnds: [Double] = []
        canvas.svg.open("g", [("class", "markers")])
        for (index, marker) in ordered {
            let px = layout.x(marker.x)
            let tooltip = marker.label + ": " + x.format.label(marker.x)
            canvas.svg.element("line", [
                ("class", "marker"), ("x1", SVGWriter.number(px)), ("y1", SVGWriter.number(plot.top)),
                ("x2", SVGWriter.number(px)), ("y2", SVGWriter.number(plot.bottom)),
                ("stroke", Style.reference), ("stroke-width", "1.5"), ("stroke-dasharray", dashes[index % dashes.count]),
            ], tooltip: tooltip)
            let labelWidth = TextMetrics.width(marker.label, fontSize: Style.labelFont)
            var start = px + 5, anchor = "start", textX = px + 5
            if start + labelWidth > plot.right {
                start = px - 5 - labelWidth
                anchor = "end"
                textX = px - 5
            }
            let row = rowEnds.firstIndex { $0 + 6 <= start } ?? rowEnds.count
            if row == rowEnds.count { rowEnds.append(0) }
            rowEnds[row] = start + labelWidth
            canvas.svg.element("text", [
                ("class", "marker-label"), ("x", SVGWriter.number(textX)),
                ("y", SVGWriter.number(plot.top + 13 + Double(row) * 15)), ("text-anchor", anchor),
                ("font-size", SVGWriter.number(Style.labelFont)), ("fill", Style.text),
                ("stroke", "#FFFFFF"), ("stroke-width", "3"), ("paint-order", "stroke"),
            ], text: marker.label, tooltip: tooltip)
        }
        canvas.svg.close()
    }
}
