extension StepChart {
    /// The chart as a standalone `<svg>` element (`data-chart="step"`): one `step-line` path
    /// per series with something to draw.
    ///
    /// With `inHTML`, the root omits the SVG namespace declaration, which HTML implies.
    ///
    /// - Complexity: O(n) for n steps in all (after the series' own sorting).
    public func svg(inHTML: Bool = false) -> String {
        let names = series.map(\.name).joined(separator: ", ")
        var canvas = ChartCanvas(
            kind: "step", kindName: "Step chart", title: title,
            description: "\(series.count) series (\(names)); x: \(x.title); y: \(y.title).",
            width: width, height: height, inHTML: inHTML)
        let top = canvas.legend(series.enumerated().map { index, s in
            LegendItem(label: s.name, swatch: .line(Palette.color(at: index), dash: Palette.dash(at: index), band: false, shape: nil))
        })

        let xAxis = x, yAxis = y
        let xOK = { (v: Double) in v.isFinite && (!xAxis.isLogarithmic || v > 0) }
        let yOK = { (v: Double) in v.isFinite && (!yAxis.isLogarithmic || v > 0) }
        let drawable = series.map { $0.steps.filter { xOK($0.x) && yOK($0.y) } }
        let xs = drawable.flatMap { $0.map(\.x) }
        var ys = drawable.flatMap { $0.map(\.y) }
        if series.contains(where: \.extendsToEdges), yOK(0) { ys.append(0) }
        let layout = CartesianLayout(width: canvas.width, height: canvas.height, top: top, xAxis: x, yAxis: y, xValues: xs, yValues: ys)
        let plot = layout.plot
        canvas.yAxis(layout.y, ticks: layout.yTicks, labels: layout.yLabels, title: y.title, plot: plot)
        canvas.xAxis(layout.x, ticks: layout.xTicks, labels: layout.xLabels, title: x.title, plot: plot)
        if xs.isEmpty { canvas.noData(in: plot) }

        canvas.svg.open("g", [("class", "step-lines")])
        for (index, s) in series.enumerated() where !drawable[index].isEmpty {
            // The level before the first drawable step: that of the last step dropped before
            // it (a log axis drops x ≤ 0), else 0.
            let firstX = drawable[index][0].x
            let before = s.steps.last { $0.x < firstX && $0.y.isFinite }?.y ?? 0
            let d = path(drawable[index], startLevel: yOK(before) ? before : 0, extends: s.extendsToEdges, layout: layout)
            var attributes = [
                ("class", "step-line"), ("d", d), ("fill", "none"),
                ("stroke", Palette.color(at: index).hex), ("stroke-width", "2"), ("stroke-linejoin", "miter"),
            ]
            if let dash = Palette.dash(at: index) { attributes.append(("stroke-dasharray", dash)) }
            let tooltip = s.summary.map { s.name + "\n" + $0 } ?? s.name
            canvas.stroked("path", attributes, color: Palette.color(at: index), tooltip: tooltip)
        }
        canvas.svg.close()
        return canvas.finish()
    }

    /// `M x y H … V …` through the steps, merging steps less than half a pixel apart (the
    /// line then jumps straight to the later level).
    private func path(_ steps: [Step], startLevel: Double, extends: Bool, layout: CartesianLayout) -> String {
        var jumps: [(x: Double, y: Double)] = []
        for step in steps {
            let px = layout.x(step.x), py = layout.y(step.y)
            if let last = jumps.last, px - last.x < 0.5 {
                jumps[jumps.count - 1].y = py
            } else {
                jumps.append((px, py))
            }
        }
        let n = SVGWriter.number
        var d: String
        if extends {
            d = "M" + n(layout.plot.left) + " " + n(layout.y(startLevel)) + "H" + n(jumps[0].x) + "V" + n(jumps[0].y)
        } else {
            d = "M" + n(jumps[0].x) + " " + n(jumps[0].y)
        }
        for jump in jumps.dropFirst() {
            d += "H" + n(jump.x) + "V" + n(jump.y)
        }
        if extends { d += "H" + n(layout.plot.right) }
        return d
    }
}
