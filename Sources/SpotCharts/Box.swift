/// An axis-aligned box in pixels (y down), for placing labels clear of marks.
///
/// ```swift
/// let box = Box(x0: 0, y0: 0, x1: 10, y1: 10)
/// box.overlaps(Box(x0: 5, y0: 5, x1: 20, y1: 20))   // true
/// box.crosses((x: -5, y: 5), (x: 20, y: 5))           // true
/// ```
struct Box: Equatable {
    var x0: Double
    var y0: Double
    var x1: Double
    var y1: Double

    /// Whether the boxes share some area (touching edges do not count).
    func overlaps(_ other: Box) -> Bool {
        x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1
    }

    /// Whether (`x`, `y`) is inside the box or on its edge.
    func contains(_ x: Double, _ y: Double) -> Bool {
        x0 <= x && x <= x1 && y0 <= y && y <= y1
    }

    /// Whether the box lies within `plot` (edges included).
    func isInside(_ plot: PlotRect) -> Bool {
        x0 >= plot.left && x1 <= plot.right && y0 >= plot.top && y1 <= plot.bottom
    }

    /// The box grown by `margin` on every side.
    func outset(by margin: Double) -> Box {
        Box(x0: x0 - margin, y0: y0 - margin, x1: x1 + margin, y1: y1 + margin)
    }

    /// Whether the segment from `a` to `b` passes through the box (Liang–Barsky clipping).
    ///
    /// - Complexity: O(1).
    func crosses(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Bool {
        let dx = b.x - a.x, dy = b.y - a.y
        var enter = 0.0, leave = 1.0
        for (p, q) in [(-dx, a.x - x0), (dx, x1 - a.x), (-dy, a.y - y0), (dy, y1 - a.y)] {
            if p == 0 {
                if q < 0 { return false }   // parallel to this edge and outside it
                continue
            }
            let t = q / p
            if p < 0 {
                if t > leave { return false }
                enter = Swift.max(enter, t)
            } else {
                if t < enter { return false }
                leave = Swift.min(leave, t)
            }
        }
        return enter <= leave
    }
}
