extension TimelineChart {
    /// The height of the event strip at the top of a lane `lane` px tall.
    static func stripHeight(lane: Double) -> Double { Swift.min(18, lane * 0.3) }

    /// The half-width of an event mark in a lane `lane` px tall.
    static func markSize(lane: Double) -> Double { Swift.min(5, stripHeight(lane: lane) / 2.5) }

    /// The event kinds too dense to draw as marks, in order of first appearance: kinds with at
    /// least 10 events whose marks, `markWidth` px wide on `x`, would on average sit closer
    /// than their own width — in each row (a lane, or the whole-job strip) from its first
    /// such event to its last, all rows together — and so merge into a band. Bursts of an
    /// otherwise sparse kind (preemptions in quick succession) do not make it dense.
    ///
    /// ```swift
    /// // 220 checkpoints 4 px apart and 3 preemptions, marks 10 px wide:
    /// chart.denseKinds(events, x: x, markWidth: 10)   // [.checkpoint]
    /// ```
    ///
    /// - Complexity: O(n × k × l) for n events of k kinds in l lanes.
    func denseKinds(_ events: [Event], x: AxisScale, markWidth: Double) -> [EventKind] {
        var kinds: [EventKind] = []
        for event in events where !kinds.contains(event.kind) { kinds.append(event.kind) }
        return kinds.filter { kind in
            let ofKind = events.filter { $0.kind == kind }
            guard ofKind.count >= 10 else { return false }
            var span = 0.0, gaps = 0
            for row in [nil] + lanes.indices.map(Optional.some) {
                let positions = ofKind.filter { laneIndex($0.lane) == row }.map { x($0.time) }
                guard let first = positions.min(), let last = positions.max() else { continue }
                span += last - first
                gaps += positions.count - 1
            }
            return gaps > 0 && span < markWidth * Double(gaps)
        }
    }

    /// Events in the strip at the top of their lane (whole-job events above the lanes, with a
    /// dashed `event-line` across them): first the `event-tick` lines of the `dense` kinds, then
    /// the `event` marks of the others in input order, on top.
    func drawEvents(
        _ events: [Event], dense: [EventKind], x: AxisScale, plot: PlotRect, lane: Double, stripHeight: Double,
        globalStrip: Double, into canvas: inout ChartCanvas
    ) {
        func tooltip(_ event: Event) -> String {
            var text = event.kind.name + " at " + time.format.label(event.time)
            if let index = laneIndex(event.lane) { text += "\n" + lanes[index].name }
            if let note = event.note, !note.isEmpty { text += "\n" + note }
            return text
        }
        // The top and height of an event's strip.
        func strip(_ event: Event) -> (top: Double, height: Double) {
            guard let index = laneIndex(event.lane) else { return (plot.top - globalStrip, globalStrip) }
            return (plot.top + lane * Double(index), stripHeight)
        }

        if !dense.isEmpty {
            canvas.svg.open("g", [("class", "event-ticks")])
            for event in events where dense.contains(event.kind) {
                let (top, height) = strip(event)
                let px = n(x(event.time))
                canvas.svg.element("line", [
                    ("class", "event-tick"), ("x1", px), ("y1", n(top + height * 0.2)), ("x2", px),
                    ("y2", n(top + height * 0.8)), ("stroke", event.kind.color.hex), ("stroke-width", "1"),
                ], tooltip: tooltip(event))
            }
            canvas.svg.close()
        }

        canvas.svg.open("g", [("class", "events")])
        for event in events where !dense.contains(event.kind) {
            let px = x(event.time)
            let (top, height) = strip(event)
            if laneIndex(event.lane) == nil {
                canvas.svg.element("line", [
                    ("class", "event-line"), ("x1", n(px)), ("y1", n(plot.top)), ("x2", n(px)), ("y2", n(plot.bottom)),
                    ("stroke", event.kind.color.hex), ("stroke-width", "1"), ("stroke-dasharray", "3 3"),
                ])
            }
            canvas.mark(
                event.kind.shape, color: event.kind.color, x: px, y: top + height / 2,
                size: Swift.min(5, stripHeight / 2.5), className: "event", tooltip: tooltip(event))
        }
        canvas.svg.close()
    }

    /// The kinds of the drawn events, then of the drawn spans, in order of first appearance;
    /// `dense` event kinds show a tick swatch and their count (`"Checkpoint (223)"`).
    static func legend(events: [Event], spans: [Span], dense: [EventKind]) -> [LegendItem] {
        var eventKinds: [EventKind] = []
        for event in events where !eventKinds.contains(event.kind) { eventKinds.append(event.kind) }
        var spanKinds: [SpanKind] = []
        for span in spans where !spanKinds.contains(span.kind) { spanKinds.append(span.kind) }
        return eventKinds.map { kind in
            guard dense.contains(kind) else { return LegendItem(label: kind.name, swatch: .marker(kind.shape, kind.color)) }
            let count = events.filter { $0.kind == kind }.count
            return LegendItem(label: kind.name + " (\(count))", swatch: .ticks(kind.color))
        } + spanKinds.map { LegendItem(label: $0.name, swatch: .span($0.color)) }
    }
}
