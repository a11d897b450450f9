/// The shape of a point mark; shapes distinguish series and event kinds without relying on
/// colour.
///
/// ```swift
/// MarkShape.diamond.path(x: 10, y: 10, size: 4)   // "M10 6L14 10L10 14L6 10Z"
/// ```
public enum MarkShape: String, CaseIterable, Sendable, Hashable {
    case circle, square, triangleUp, triangleDown, diamond, cross, plus

    /// Whether the shape is drawn with a stroke only (`cross`, `plus`) rather than filled.
    public var isStrokeOnly: Bool { self == .cross || self == .plus }

    /// SVG path data for the shape centred on (`x`, `y`), `size` being about its half-width.
    /// Triangles and the diamond are enlarged a little so that every shape looks the same size.
    ///
    /// - Complexity: O(1).
    public func path(x: Double, y: Double, size r: Double) -> String {
        func p(_ dx: Double, _ dy: Double) -> String {
            DecimalText.coordinate(x + dx) + " " + DecimalText.coordinate(y + dy)
        }
        switch self {
        case .circle:
            // Two arcs: a closed circle as a path, for callers that want one element type.
            return "M" + p(-r, 0) + "A" + DecimalText.coordinate(r) + " " + DecimalText.coordinate(r)
                + " 0 1 0 " + p(r, 0) + "A" + DecimalText.coordinate(r) + " " + DecimalText.coordinate(r)
                + " 0 1 0 " + p(-r, 0) + "Z"
        case .square:
            let s = r * 0.9
            return "M" + p(-s, -s) + "L" + p(s, -s) + "L" + p(s, s) + "L" + p(-s, s) + "Z"
        case .triangleUp:
            let s = r * 1.2
            return "M" + p(0, -s) + "L" + p(s, s * 0.8) + "L" + p(-s, s * 0.8) + "Z"
        case .triangleDown:
            let s = r * 1.2
            return "M" + p(0, s) + "L" + p(s, -s * 0.8) + "L" + p(-s, -s * 0.8) + "Z"
        case .diamond:
            let s = r * 1.0
            return "M" + p(0, -s) + "L" + p(s, 0) + "L" + p(0, s) + "L" + p(-s, 0) + "Z"
        case .cross:
            let s = r * 0.85
            return "M" + p(-s, -s) + "L" + p(s, s) + "M" + p(-s, s) + "L" + p(s, -s)
        case .plus:
            return "M" + p(-r, 0) + "L" + p(r, 0) + "M" + p(0, -r) + "L" + p(0, r)
        }
    }
}
