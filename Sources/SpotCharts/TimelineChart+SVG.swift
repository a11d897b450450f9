extension TimelineChart {
    /// The chart as a standalone `<svg>` element (`data-chart="timeline"`): a `lane` stripe
    /// and `lane-label` per lane, an `interval` rectangle per drawable interval with a
    /// positive value, a `span` rectangle per drawable span, an `event` mark per drawable
    /// event (and an `event-line` across the lanes for whole-job events).
    ///
    /// With `inHTML`, the root omits the SVG namespace declaration, which HTML implies.
    ///
    /// - Complexity: O(n) for n intervals, events and spans (O(k²) in k distinct kinds).
    public func svg(inHTML: Bool = false) -> String {
        let chartWidth = ChartCanvas.sanitised(width, default: 960)
        let timeAxis = time
        let tOK = { (v: Double) in v.isFinite && (!timeAxis.isLogarithmic || v > 0) }
        func laneIndex(_ lane: Int?) -> Int? {
            guard let lane, lanes.indices.contains(lane) else { return nil }
            return lane
        }
        let events = self.events.filter { tOK($0.time) }
        let spans = self.spans.filter { tOK($0.start) && tOK($0.end) && $0.start <= $0.end }
        let legendItems = Self.legend(events: events, spans: spans)
        let top = ChartCanvas.contentTop(hasTitle: !title.isEmpty)
            + ChartCanvas.legendHeight(rows: ChartCanvas.legendLayout(legendItems, width: chartWidth).rows)
        let intervals = lanes.map { lane in
            lane.intervals.filter { tOK($0.start) && tOK($0.end) && $0.start < $0.end && $0.value.isFinite }
        }
        let globalStrip: Double = events.contains { laneIndex($0.lane) == nil } ? 16 : 0
        let laneHeight = 56.0
        let bottomMargin: Double = time.title.isEmpty ? 30 : 52
        let rows = Double(Swift.max(1, lanes.count))
        var canvas = ChartCanvas(
            kind: "timeline", kindName: "Timeline", title: title,
            description: "\(lanes.count) lanes (\(lanes.map(\.name).joined(separator: ", "))), "
                + "\(events.count) events, \(spans.count) spans; time: \(time.title).",
            width: chartWidth, height: height ?? (top + globalStrip + rows * laneHeight + bottomMargin), inHTML: inHTML)
        _ = canvas.legend(legendItems)

        let peaks = intervals.map { $0.map(\.value).filter { $0 > 0 }.max() }
        let largest = peaks.compactMap { $0 }.max() ?? 1
        let names = lanes.map { TextMetrics.truncate($0.name, toWidth: chartWidth * 0.25, fontSize: Style.tickFont) }
        let peakTexts = peaks.map { peak in peak.map { "peak " + HumanFormat.number($0) + " " + valueName } ?? "none" }
        let labelWidth = (zip(names, peakTexts).map {
            Swift.max(TextMetrics.width($0, fontSize: Style.tickFont), TextMetrics.width($1, fontSize: Style.labelFont))
        }).max() ?? 0
        let left = 16 + labelWidth + 12
        let plotTop = top + globalStrip
        let plot = PlotRect(
            left: left, top: plotTop, right: Swift.max(left + 40, canvas.width - 28),
            bottom: Swift.max(plotTop + 20, canvas.height - bottomMargin))
        let lane = plot.height / rows

        var times: [Double] = events.map(\.time)
        for list in intervals { for interval in list { times += [interval.start, interval.end] } }
        for span in spans { times += [span.start, span.end] }
        let (fitted, ticks, tickLabels) = CartesianLayout.fitTicks(times, axis: time, length: plot.width)
        let x = fitted.withRange((plot.left, plot.right))

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
        let stripHeight = Swift.min(18, lane * 0.3)
        let barTop = { (index: Int) in plot.top + lane * Double(index) + stripHeight }
        let barBottom = { (index: Int) in plot.top + lane * Double(index + 1) - 3 }

        canvas.svg.open("g", [("class", "intervals")])
        for (index, list) in intervals.enumerated() {
            let color = (lanes[index].color ?? Palette.color(at: index)).hex
            let area = barBottom(index) - barTop(index)
            for interval in list where interval.value > 0 {
                let h = Swift.min(1, interval.value / largest) * area
                let x0 = x(interval.start), x1 = x(interval.end)
                var tooltip = lanes[index].name + ": " + HumanFormat.number(interval.value) + " " + valueName
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

        canvas.svg.open("g", [("class", "events")])
        for event in events {
            let px = x(event.time)
            var tooltip = event.kind.name + " at " + time.format.label(event.time)
            let y: Double
            if let index = laneIndex(event.lane) {
                y = plot.top + lane * Double(index) + stripHeight / 2
                tooltip += "\n" + lanes[index].name
            } else {
                y = plot.top - globalStrip / 2
                canvas.svg.element("line", [
                    ("class", "event-line"), ("x1", n(px)), ("y1", n(plot.top)), ("x2", n(px)), ("y2", n(plot.bottom)),
                    ("stroke", event.kind.color.hex), ("stroke-width", "1"), ("stroke-dasharray", "3 3"),
                ])
            }
            if let note = event.note, !note.isEmpty { tooltip += "\n" + note }
            canvas.svg.element("path", Marks.shapeAttributes(
                event.kind.shape, color: event.kind.color, x: px, y: y,
                size: Swift.min(5, stripHeight / 2.5), className: "event"), tooltip: tooltip)
        }
        canvas.svg.close()

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

    private func n(_ value: Double) -> String { SVGWriter.number(value) }

    /// The kinds of the drawn events, then of the drawn spans, in order of first appearance.
    private static func legend(events: [Event], spans: [Span]) -> [LegendItem] {
        var eventKinds: [EventKind] = []
        for event in events where !eventKinds.contains(event.kind) { eventKinds.append(event.kind) }
        var spanKinds: [SpanKind] = []
        for span in spans where !spanKinds.contains(span.kind) { spanKinds.append(span.kind) }
        return eventKinds.map { LegendItem(label: $0.name, swatch: .marker($0.shape, $0.color)) }
            + spanKinds.map { LegendItem(label: $0.name, swatch: .span($0.color)) }
    }
}
