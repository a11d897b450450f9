/// The plot area and fitted scales of a chart with a value axis across and up: margins from
/// the tick labels' widths, about one y tick per 56 px and one x tick per 100 px, fewer x
/// ticks when their labels would collide.
struct CartesianLayout {
    let plot: PlotRect
    let x: AxisScale
    let y: AxisScale
    let xTicks: [Double]
    let xLabels: [String]
    let yTicks: [Double]
    let yLabels: [String]

    /// Fits `xAxis` to `xValues` and `yAxis` to `yValues` in a `width` × `height` chart whose
    /// plot starts at `top`, with `padding` around the data (see
    /// ``AxisScale/fitting(_:axis:tickCount:padding:)``).
    init(
        width: Double, height: Double, top: Double, xAxis: Axis, yAxis: Axis, xValues: [Double], yValues: [Double],
        padding: Double = 0
    ) {
        let bottom = height - (xAxis.title.isEmpty ? 30 : 52)
        let plotHeight = Swift.max(40, bottom - top)
        let yCount = Swift.max(2, Int(plotHeight / 56))
        let yScale = AxisScale.fitting(yValues, axis: yAxis, tickCount: yCount, padding: padding)
        let yTicks = yAxis.tickValues(on: yScale, count: yCount)
        var yLabels = yAxis.tickLabels(yTicks)
        if yAxis.explicitTicks != nil {
            let placed = yScale.withRange((top + plotHeight, top))
            yLabels = Axis.spaced(yLabels, at: yTicks.map { placed($0) }, extent: { _ in Style.tickFont }, gap: 2)
        }
        let labelWidth = yLabels.map { TextMetrics.width($0, fontSize: Style.tickFont) }.max() ?? 0
        let left = 14 + (yAxis.title.isEmpty ? 0 : 22) + labelWidth + 10
        let right = width - 28
        let plot = PlotRect(left: left, top: top, right: Swift.max(left + 40, right), bottom: top + plotHeight)
        let (xScale, xTicks, xLabels) = Self.fitTicks(xValues, axis: xAxis, length: plot.width, padding: padding)
        self.plot = plot
        self.x = xScale.withRange((plot.left, plot.right))
        self.y = yScale.withRange((plot.bottom, plot.top))
        self.xTicks = xTicks
        self.xLabels = xLabels
        self.yTicks = yTicks
        self.yLabels = yLabels
    }

    /// The scale, ticks and labels of a horizontal axis `length` px long: about one tick per
    /// 100 px, fewer while the labels (with 14 px between them) do not fit; or the axis's
    /// explicit ticks, each labelled unless it would come within 14 px of the label before.
    static func fitTicks(_ values: [Double], axis: Axis, length: Double, padding: Double = 0) -> (AxisScale, [Double], [String]) {
        var count = Swift.max(2, Int(length / 100))
        if axis.explicitTicks != nil {
            let scale = AxisScale.fitting(values, axis: axis, tickCount: count, padding: padding)
            let ticks = axis.tickValues(on: scale, count: count)
            let placed = scale.withRange((0, length))
            let labels = Axis.spaced(
                axis.tickLabels(ticks), at: ticks.map { placed($0) },
                extent: { TextMetrics.width($0, fontSize: Style.tickFont) }, gap: 14)
            return (scale, ticks, labels)
        }
        while true {
            let scale = AxisScale.fitting(values, axis: axis, tickCount: count, padding: padding)
            let ticks = scale.ticks(count: count)
            let labels = axis.format.tickLabels(ticks, logarithmic: axis.isLogarithmic)
            let needed = labels.reduce(0) { $0 + TextMetrics.width($1, fontSize: Style.tickFont) + 14 }
            if needed <= length || count <= 2 { return (scale, ticks, labels) }
            count -= 1
        }
    }
}

extension ChartCanvas {
    /// Vertical grid lines at `ticks`, the axis line along the plot's bottom, tick labels
    /// (blank ones left out) under it and `title` centred below.
    mutating func xAxis(_ scale: AxisScale, ticks: [Double], labels: [String], title: String, plot: PlotRect, grid: Bool = true) {
        svg.open("g", [("class", "axis x-axis")])
        for (tick, label) in zip(ticks, labels) {
            let x = SVGWriter.number(scale(tick))
            if grid {
                svg.element("line", [
                    ("class", "grid"), ("x1", x), ("y1", SVGWriter.number(plot.top)), ("x2", x),
                    ("y2", SVGWriter.number(plot.bottom)), ("stroke", Style.grid), ("stroke-width", "1"),
                ])
            }
            svg.element("line", [
                ("x1", x), ("y1", SVGWriter.number(plot.bottom)), ("x2", x),
                ("y2", SVGWriter.number(plot.bottom + 5)), ("stroke", Style.axis), ("stroke-width", "1"),
            ])
            if !label.isEmpty {
                svg.element("text", [
                    ("class", "tick"), ("x", x), ("y", SVGWriter.number(plot.bottom + 18)),
                    ("text-anchor", "middle"), ("fill", Style.mutedText),
                ], text: label)
            }
        }
        svg.element("line", [
            ("x1", SVGWriter.number(plot.left)), ("y1", SVGWriter.number(plot.bottom)),
            ("x2", SVGWriter.number(plot.right)), ("y2", SVGWriter.number(plot.bottom)),
            ("stroke", Style.axis), ("stroke-width", "1"),
        ])
        if !title.isEmpty {
            svg.element("text", [
                ("class", "axis-title"), ("x", SVGWriter.number((plot.left + plot.right) / 2)),
                ("y", SVGWriter.number(plot.bottom + 40)), ("text-anchor", "middle"),
                ("font-size", SVGWriter.number(Style.axisTitleFont)), ("fill", Style.text),
            ], text: TextMetrics.truncate(title, toWidth: plot.width, fontSize: Style.axisTitleFont))
        }
        svg.close()
    }

    /// Horizontal grid lines at `ticks`, the axis line along the plot's left, tick labels
    /// (blank ones left out) right-aligned beside it and `title` turned up the left edge.
    mutating func yAxis(_ scale: AxisScale, ticks: [Double], labels: [String], title: String, plot: PlotRect) {
        svg.open("g", [("class", "axis y-axis")])
        for (tick, label) in zip(ticks, labels) {
            let y = SVGWriter.number(scale(tick))
            svg.element("line", [
                ("class", "grid"), ("x1", SVGWriter.number(plot.left)), ("y1", y),
                ("x2", SVGWriter.number(plot.right)), ("y2", y), ("stroke", Style.grid), ("stroke-width", "1"),
            ])
            if !label.isEmpty {
                svg.element("text", [
                    ("class", "tick"), ("x", SVGWriter.number(plot.left - 8)), ("y", y), ("dy", "0.32em"),
                    ("text-anchor", "end"), ("fill", Style.mutedText),
                ], text: label)
            }
        }
        svg.element("line", [
            ("x1", SVGWriter.number(plot.left)), ("y1", SVGWriter.number(plot.top)),
            ("x2", SVGWriter.number(plot.left)), ("y2", SVGWriter.number(plot.bottom)),
            ("stroke", Style.axis), ("stroke-width", "1"),
        ])
        if !title.isEmpty {
            let cx = SVGWriter.number(18), cy = SVGWriter.number((plot.top + plot.bottom) / 2)
            svg.element("text", [
                ("class", "axis-title"), ("x", cx), ("y", cy), ("transform", "rotate(-90 " + cx + " " + cy + ")"),
                ("text-anchor", "middle"), ("font-size", SVGWriter.number(Style.axisTitleFont)),
                ("fill", Style.text),
            ], text: TextMetrics.truncate(title, toWidth: plot.height, fontSize: Style.axisTitleFont))
        }
        svg.close()
    }
}
