extension ScatterChart {
    /// The chart as a standalone `<svg>` element (`data-chart="scatter"`): error bars (class
    /// `error-bar`, one per point and axis), the frontier (`frontier`), points (`point`, one
    /// per drawable point) and, on top, labels (`point-label`) placed clear of each other, of
    /// the points, the error bars and the frontier: each at the first free place of right,
    /// left, above, below and the diagonals, or left out when there is none or when the same
    /// text is already drawn for a point at the same place (the point's tooltip keeps it).
    ///
    /// With `inHTML`, the root omits the SVG namespace declaration, which HTML implies.
    ///
    /// - Complexity: O(n²) for n labelled points (label placement), O(n log n) otherwise.
    public func svg(inHTML: Bool = false) -> String {
        let names = series.map(\.name).joined(separator: ", ")
        var canvas = ChartCanvas(
            kind: "scatter", kindName: "Scatter chart", title: title,
            description: "\(series.count) series (\(names)); x: \(x.title); y: \(y.title).",
            width: width, height: height, inHTML: inHTML)

        let xAxis = x, yAxis = y
        let xOK = { (v: Double) in v.isFinite && (!xAxis.isLogarithmic || v > 0) }
        let yOK = { (v: Double) in v.isFinite && (!yAxis.isLogarithmic || v > 0) }
        func xBar(_ p: Point) -> (Double, Double)? {
            guard let low = p.xLow, let high = p.xHigh, xOK(low), xOK(high) else { return nil }
            return (low, high)
        }
        func yBar(_ p: Point) -> (Double, Double)? {
            guard let low = p.yLow, let high = p.yHigh, yOK(low), yOK(high) else { return nil }
            return (low, high)
        }
        // Every drawable point, in series order, with its series index.
        let drawn: [(series: Int, point: Point)] = series.enumerated().flatMap { index, s in
            s.points.filter { xOK($0.x) && yOK($0.y) }.map { (series: index, point: $0) }
        }
        let frontier = showsFrontier ? Self.frontier(drawn.map { (x: $0.point.x, y: $0.point.y) }) : []

        var legend = series.enumerated().map { index, s in
            LegendItem(label: s.name, swatch: .marker(Palette.shape(at: index), Palette.color(at: index)))
        }
        if frontier.count >= 2 { legend.append(LegendItem(label: "Pareto frontier", swatch: .reference(dash: "6 4"))) }
        let top = canvas.legend(legend)

        var xs: [Double] = [], ys: [Double] = []
        for (_, p) in drawn {
            xs.append(p.x)
            ys.append(p.y)
            if let (low, high) = xBar(p) { xs += [low, high] }
            if let (low, high) = yBar(p) { ys += [low, high] }
        }
        let layout = CartesianLayout(
            width: canvas.width, height: canvas.height, top: top, xAxis: x, yAxis: y, xValues: xs, yValues: ys, padding: 0.05)
        let plot = layout.plot
        canvas.yAxis(layout.y, ticks: layout.yTicks, labels: layout.yLabels, title: y.title, plot: plot)
        canvas.xAxis(layout.x, ticks: layout.xTicks, labels: layout.xLabels, title: x.title, plot: plot)
        if drawn.isEmpty { canvas.noData(in: plot) }

        var obstacles: [Box] = []   // error bars, for label placement
        canvas.svg.open("g", [("class", "error-bars")])
        for (index, p) in drawn {
            let color = Palette.color(at: index)
            let px = layout.x(p.x), py = layout.y(p.y)
            if let (low, high) = xBar(p) {
                let a = layout.x(low), b = layout.x(high)
                obstacles.append(Box(x0: Swift.min(a, b), y0: py - 4, x1: Swift.max(a, b), y1: py + 4))
                let d = "M" + n(a) + " " + n(py - 4) + "V" + n(py + 4) + "M" + n(a) + " " + n(py) + "H" + n(b)
                    + "M" + n(b) + " " + n(py - 4) + "V" + n(py + 4)
                canvas.stroked("path", [("class", "error-bar"), ("d", d), ("stroke", color.hex), ("stroke-width", "1.5"), ("fill", "none")], color: color)
            }
            if let (low, high) = yBar(p) {
                let a = layout.y(low), b = layout.y(high)
                obstacles.append(Box(x0: px - 4, y0: Swift.min(a, b), x1: px + 4, y1: Swift.max(a, b)))
                let d = "M" + n(px - 4) + " " + n(a) + "H" + n(px + 4) + "M" + n(px) + " " + n(a) + "V" + n(b)
                    + "M" + n(px - 4) + " " + n(b) + "H" + n(px + 4)
                canvas.stroked("path", [("class", "error-bar"), ("d", d), ("stroke", color.hex), ("stroke-width", "1.5"), ("fill", "none")], color: color)
            }
        }
        canvas.svg.close()

        let line = frontier.count >= 2 ? frontier.map { (x: layout.x(drawn[$0].point.x), y: layout.y(drawn[$0].point.y)) } : []
        if !line.isEmpty {
            canvas.svg.element("path", [
                ("class", "frontier"), ("d", Marks.polyline(line)), ("fill", "none"),
                ("stroke", Style.reference), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4"),
            ], tooltip: "Pareto frontier: no other point is better on both axes")
        }

        canvas.svg.open("g", [("class", "points")])
        for (index, p) in drawn {
            canvas.mark(
                Palette.shape(at: index), color: Palette.color(at: index), x: layout.x(p.x), y: layout.y(p.y),
                size: 5.5, className: "point", tooltip: tooltip(p, series: series[index].name, xBar: xBar(p), yBar: yBar(p)))
        }
        canvas.svg.close()

        drawLabels(drawn, layout: layout, obstacles: obstacles, frontier: line, into: &canvas)
        return canvas.finish()
    }

    func n(_ value: Double) -> String { SVGWriter.number(value) }

    private func tooltip(_ p: Point, series name: String, xBar: (Double, Double)?, yBar: (Double, Double)?) -> String {
        var lines = [p.label.map { $0 == name ? name : name + " — " + $0 } ?? name]
        var xLine = x.title + ": " + x.format.label(p.x)
        if let (low, high) = xBar { xLine += " (" + x.format.label(low) + " – " + x.format.label(high) + ")" }
        var yLine = y.title + ": " + y.format.label(p.y)
        if let (low, high) = yBar { yLine += " (" + y.format.label(low) + " – " + y.format.label(high) + ")" }
        lines += [xLine, yLine]
        if let note = p.note, !note.isEmpty { lines.append(note) }
        return lines.joined(separator: "\n")
    }
}
