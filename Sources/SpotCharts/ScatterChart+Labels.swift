extension ScatterChart {
    /// Where a point's label goes: the text's anchor point (`x`, baseline `y`), its
    /// `text-anchor`, and the box it is estimated to cover.
    struct LabelPlace: Equatable {
        var x: Double
        var y: Double
        var anchor: String
        var box: Box
    }

    /// A label to place: its text and its point's pixel position.
    struct LabelRequest {
        var text: String
        var x: Double
        var y: Double
    }

    /// The estimated height of a label's box, and the half-width of the box kept clear
    /// around every point.
    static let labelHeight = 12.0
    static let pointClearance = 6.0

    /// Where a label `width` px wide may go beside a point at (`px`, `py`), in order of
    /// preference: right, left, above, below, then above right, below right, above left and
    /// below left.
    ///
    /// ```swift
    /// ScatterChart.labelCandidates(px: 100, py: 50, width: 30)[0]
    /// // x 109, y 54, "start", box 109…139 × 42…54 (right of the point)
    /// ```
    ///
    /// - Complexity: O(1).
    static func labelCandidates(px: Double, py: Double, width w: Double) -> [LabelPlace] {
        let h = labelHeight
        func place(_ x: Double, _ y: Double, _ anchor: String) -> LabelPlace {
            let left = anchor == "start" ? x : (anchor == "end" ? x - w : x - w / 2)
            return LabelPlace(x: x, y: y, anchor: anchor, box: Box(x0: left, y0: y - h, x1: left + w, y1: y))
        }
        return [
            place(px + 9, py + 4, "start"), place(px - 9, py + 4, "end"),
            place(px, py - 10, "middle"), place(px, py + 20, "middle"),
            place(px + 7, py - 7, "start"), place(px + 7, py + 17, "start"),
            place(px - 7, py - 7, "end"), place(px - 7, py + 17, "end"),
        ]
    }

    /// Places labels in order, each at its first candidate (``labelCandidates(px:py:width:)``)
    /// that stays inside `plot` and touches no label placed before, no point but its own (nor
    /// those on top of it), no box in `obstacles` (error bars) and no segment of the
    /// `frontier` polyline (with 2 px to spare, so the label's white halo does not cut the
    /// line). A label with no such place, or with the same text as a label already placed for
    /// a point within ``pointClearance`` px of its own, is left out (`nil`).
    ///
    /// ```swift
    /// let same = ScatterChart.LabelRequest(text: "continuous", x: 100, y: 100)
    /// ScatterChart.placeLabels([same, same, same], plot: plot, points: [(100, 100)], obstacles: [], frontier: [])
    /// // [right of the point, nil, nil]
    /// ```
    ///
    /// - Complexity: O(n × (n + p + o + f)) for n labels, p points, o obstacles and f frontier
    ///   segments.
    static func placeLabels(
        _ requests: [LabelRequest], plot: PlotRect, points: [(x: Double, y: Double)], obstacles: [Box],
        frontier: [(x: Double, y: Double)]
    ) -> [LabelPlace?] {
        let c = pointClearance
        let pointBoxes = points.map { Box(x0: $0.x - c, y0: $0.y - c, x1: $0.x + c, y1: $0.y + c) }
        let segments = Array(zip(frontier, frontier.dropFirst()))
        var placed: [(request: LabelRequest, box: Box)] = []
        return requests.map { request in
            let px = request.x, py = request.y
            let repeated = placed.contains {
                $0.request.text == request.text && Swift.abs($0.request.x - px) <= c && Swift.abs($0.request.y - py) <= c
            }
            guard !repeated else { return nil }
            let width = TextMetrics.width(request.text, fontSize: Style.labelFont)
            let chosen = labelCandidates(px: px, py: py, width: width).first { candidate in
                let box = candidate.box
                return box.isInside(plot)
                    && !placed.contains { $0.box.overlaps(box) }
                    && !pointBoxes.contains { $0.overlaps(box) && !$0.contains(px, py) }
                    && !obstacles.contains { $0.overlaps(box) }
                    && !segments.contains { box.outset(by: 2).crosses($0.0, $0.1) }
            }
            if let chosen { placed.append((request, chosen.box)) }
            return chosen
        }
    }

    /// Draws the labels of the labelled points in `drawn` where ``placeLabels(_:plot:points:obstacles:frontier:)``
    /// puts them, each with a white halo, as `point-label` texts.
    func drawLabels(
        _ drawn: [(series: Int, point: Point)], layout: CartesianLayout, obstacles: [Box],
        frontier: [(x: Double, y: Double)], into canvas: inout ChartCanvas
    ) {
        let requests = drawn.compactMap { entry -> LabelRequest? in
            guard let label = entry.point.label, !label.isEmpty else { return nil }
            let text = TextMetrics.truncate(label, toWidth: layout.plot.width / 3, fontSize: Style.labelFont)
            return LabelRequest(text: text, x: layout.x(entry.point.x), y: layout.y(entry.point.y))
        }
        guard !requests.isEmpty else { return }
        let points = drawn.map { (x: layout.x($0.point.x), y: layout.y($0.point.y)) }
        let places = Self.placeLabels(requests, plot: layout.plot, points: points, obstacles: obstacles, frontier: frontier)
        canvas.svg.open("g", [("class", "point-labels")])
        for (request, place) in zip(requests, places) {
            guard let place else { continue }
            canvas.svg.element("text", [
                ("class", "point-label"), ("x", n(place.x)), ("y", n(place.y)), ("text-anchor", place.anchor),
                ("font-size", n(Style.labelFont)), ("fill", Style.text),
                ("stroke", "#FFFFFF"), ("stroke-width", "3"), ("paint-order", "stroke"),
            ], text: request.text)
        }
        canvas.svg.close()
    }
}
