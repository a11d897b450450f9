extension TimelineChart {
    /// The chart as a standalone `<svg>` element (`data-chart="timeline"`): a `lane` stripe
    /// and `lane-label` per lane, an `interval` rectangle per drawable interval with a
    /// positive value, a `span` rectangle per drawable span, an `event` mark per drawable
    /// event (and an `event-line` across the lanes for whole-job events) — except that events
    /// of a kind too dense to draw one by one are thin `event-tick` lines, drawn first, so
    /// that the sparse kinds stay visible on top. A kind is too dense when it has at least
    /// 10 events whose marks would on average sit closer than their own width; the legend
    /// then shows a tick swatch and the count (`Checkpoint (223)`).
    ///
    /// A fitted height gives the lanes at least ``minimumLaneArea`` px and the chart at least
    /// ``minimumAspect`` of its width.
    ///
    /// With `inHTML`, the root omits the SVG namespace declaration, which HTML implies.
    ///
    /// - Complexity: O(n + e × k × l) for n intervals and spans and e events of k kinds in l
    ///   lanes.
    public func svg(inHTML: Bool = false) -> String {
        let chartWidth = ChartCanvas.sanitised(width, default: 960)
        let timeAxis = time
        let tOK = { (v: Double) in v.isFinite && (!timeAxis.isLogarithmic || v > 0) }
        let events = self.events.filter { tOK($0.time) }
        let spans = self.spans.filter { tOK($0.start) && tOK($0.end) && $0.start <= $0.end }
        let intervals = lanes.map { lane in
            lane.intervals.filter { tOK($0.start) && tOK($0.end) && $0.start < $0.end && $0.value.isFinite }
        }

        // Across: lane labels on the left, then the time axis.
        let peaks = intervals.map { $0.map(\.value).filter { $0 > 0 }.max() }
        let largest = peaks.compactMap { $0 }.max() ?? 1
        let names = lanes.map { TextMetrics.truncate($0.name, toWidth: chartWidth * 0.25, fontSize: Style.tickFont) }
        let peakTexts = peaks.map { peak in peak.map { "peak " + valueText($0) } ?? "none" }
        let labelWidth = (zip(names, peakTexts).map {
            Swift.max(TextMetrics.width($0, fontSize: Style.tickFont), TextMetrics.width($1, fontSize: Style.labelFont))
        }).max() ?? 0
        let left = 16 + labelWidth + 12
        let right = Swift.max(left + 40, chartWidth - 28)
        var times: [Double] = events.map(\.time)
        for list in intervals { for interval in list { times += [interval.start, interval.end] } }
        for span in spans { times += [span.start, span.end] }
        let (fitted, ticks, tickLabels) = CartesianLayout.fitTicks(times, axis: time, length: right - left)
        let x = fitted.withRange((left, right))

        // Up: title, legend, the whole-job strip, the lanes (at least minimumLaneArea), the axis.
        let globalStrip: Double = events.contains { laneIndex($0.lane) == nil } ? 16 : 0
        let rows = Double(Swift.max(1, lanes.count))
        let laneArea = Swift.max(Self.minimumLaneArea, rows * 56)
        let dense = denseKinds(events, x: x, markWidth: 2 * Self.markSize(lane: laneArea / rows))
        let legendItems = Self.legend(events: events, spans: spans, dense: dense)
        let top = ChartCanvas.contentTop(hasTitle: !title.isEmpty)
            + ChartCanvas.legendHeight(rows: ChartCanvas.legendLayout(legendItems, width: chartWidth).rows)
        let bottomMargin: Double = time.title.isEmpty ? 30 : 52
        let fittedHeight = Swift.max(top + globalStrip + laneArea + bottomMargin, chartWidth * Self.minimumAspect)
        var canvas = ChartCanvas(
            kind: "timeline", kindName: "Timeline", title: title,
            description: "\(lanes.count) lanes (\(lanes.map(\.name).joined(separator: ", "))), "
                + "\(events.count) events, \(spans.count) spans; time: \(time.title).",
            width: chartWidth, height: height ?? fittedHeight, inHTML: inHTML)
        _ = canvas.legend(legendItems)
        let plotTop = top + globalStrip
        let plot = PlotRect(left: left, top: plotTop, right: right, bottom: Swift.max(plotTop + 20, canvas.height - bottomMargin))
        let lane = plot.height / rows

        canvas.svg.open("g", [("class", "lanes")])
        for index in lanes.indices {
            canvas.svg.element("rect", [
                ("class", "lane"), ("x", n(plot.left)), ("y", n(plot.top + lane * Double(index))),
                ("width", n(plot.width)), ("height", n(lane)),
                ("fill", index % 2 == 0 ? Style.laneStripe : Style.background),
            ])
        }
        canvas.svg.close()
        canvas.xAxis(x, ticks: ticks, labels: tickLabels, title: time.title, plot: plot)
        if lanes.isEmpty && events.isEmpty { canvas.noData(in: plot) }

        // Within a lane: an event strip at the top, bars below it.
        let stripHeight = Self.stripHeight(lane: lane)
        let barTop = { (index: Int) in plot.top + lane * Double(index) + stripHeight }
        let barBottom = { (index: Int) in plot.top + lane * Double(index + 1) - 3 }

        canvas.svg.open("g", [("class", "intervals")])
        for (index, list) in intervals.enumerated() {
            let color = (lanes[index].color ?? Palette.color(at: index)).hex
            let area = barBottom(index) - barTop(index)
            for interval in list where interval.value > 0 {
                let h = Swift.min(1, interval.value / largest) * area
                let x0 = x(interval.start), x1 = x(interval.end)
                var tooltip = lanes[index].name + ": " + valueText(interval.value)
                    + "\n" + time.format.label(interval.start) + " – " + time.format.label(interval.end)
                if let note = interval.note, !note.isEmpty { tooltip += "\n" + note }
                canvas.svg.element("rect", [
                    ("class", "interval"), ("x", n(x0)), ("y", n(barBottom(index) - h)),
                    ("width", n(Swift.max(0.5, x1 - x0))), ("height", n(h)),
                    ("fill", color), ("fill-opacity", "0.85"),
                ], tooltip: tooltip)
            }
        }
        canvas.svg.close()

        canvas.svg.open("g", [("class", "spans")])
        for span in spans {
            let (y0, y1): (Double, Double)
            if let index = laneIndex(span.lane) {
                (y0, y1) = (barTop(index), barBottom(index))
            } else {
                (y0, y1) = (plot.top, plot.bottom)
            }
            let x0 = x(span.start), x1 = x(span.end)
            var tooltip = span.kind.name + ": " + time.format.label(span.start) + " – " + time.format.label(span.end)
                + " (" + time.format.label(span.end - span.start) + ")"
            if let index = laneIndex(span.lane) { tooltip += "\n" + lanes[index].name }
            if let note = span.note, !note.isEmpty { tooltip += "\n" + note }
            canvas.svg.element("rect", [
                ("class", "span"), ("x", n(x0)), ("y", n(y0)), ("width", n(Swift.max(1, x1 - x0))), ("height", n(y1 - y0)),
                ("fill", span.kind.color.hex), ("fill-opacity", "0.3"),
                ("stroke", span.kind.color.hex), ("stroke-width", "1"),
            ], tooltip: tooltip)
        }
        canvas.svg.close()

        drawEvents(events, dense: dense, x: x, plot: plot, lane: lane, stripHeight: stripHeight, globalStrip: globalStrip, into: &canvas)

        canvas.svg.open("g", [("class", "lane-labels")])
        for index in lanes.indices {
            let middle = plot.top + lane * (Double(index) + 0.5)
            canvas.svg.element("text", [
                ("class", "lane-label"), ("x", n(plot.left - 8)), ("y", n(middle - 1)), ("text-anchor", "end"),
                ("fill", Style.text),
            ], text: names[index], tooltip: names[index] == lanes[index].name ? "" : lanes[index].name)
            canvas.svg.element("text", [
                ("class", "lane-peak"), ("x", n(plot.left - 8)), ("y", n(middle + 13)), ("text-anchor", "end"),
                ("font-size", n(Style.labelFont)), ("fill", Style.mutedText),
            ], text: peakTexts[index])
        }
        canvas.svg.close()
        return canvas.finish()
    }

    func n(_ value: Double) -> String { SVGWriter.number(value) }

    /// `lane` when it indexes a lane; `nil` (the whole job) otherwise.
    func laneIndex(_ lane: Int?) -> Int? {
        guard let lane, lanes.indices.contains(lane) else { return nil }
        return lane
    }
}
