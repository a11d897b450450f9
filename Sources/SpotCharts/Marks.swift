/// Shared pieces of marks: point shapes and path data.
enum Marks {
    /// The attributes of a point mark drawn as a `<path>`: filled shapes with a thin white
    /// outline (so overlapping points stay apart; a dark one for a faint colour, which would
    /// vanish on white), stroke-only shapes in the colour.
    static func shapeAttributes(
        _ shape: MarkShape, color: OkabeIto, x: Double, y: Double, size: Double, className: String? = nil
    ) -> [(String, String)] {
        var attributes: [(String, String)] = []
        if let className { attributes.append(("class", className)) }
        attributes.append(("d", shape.path(x: x, y: y, size: size)))
        if shape.isStrokeOnly {
            attributes += [("fill", "none"), ("stroke", color.hex), ("stroke-width", "2")]
        } else {
            attributes += [("fill", color.hex), ("stroke", color.isFaint ? Style.casing : "#FFFFFF"), ("stroke-width", "1")]
        }
        return attributes
    }

    /// The attributes of the casing under a stroke of `color` drawn with `attributes`: the
    /// same geometry and dashes, class `casing`, in ``Style/casing`` and 1.5 px wider — a dark
    /// edge each side that makes a faint colour visible on white. `nil` when `color` is not
    /// faint or `attributes` do not stroke in it.
    ///
    /// ```swift
    /// Marks.casing([("d", "M0 0L9 9"), ("stroke", "#F0E442"), ("stroke-width", "2")], color: .yellow)
    /// // [("class", "casing"), ("d", "M0 0L9 9"), ("stroke", "#4D4D4D"), ("stroke-width", "3.5")]
    /// ```
    ///
    /// - Complexity: O(n) for n attributes.
    static func casing(_ attributes: [(String, String)], color: OkabeIto) -> [(String, String)]? {
        guard color.isFaint, attributes.contains(where: { $0 == ("stroke", color.hex) }) else { return nil }
        var result: [(String, String)] = []
        for (name, value) in attributes {
            switch name {
            case "class": continue
            case "stroke": result.append((name, Style.casing))
            case "stroke-width": result.append((name, SVGWriter.number((Double(value) ?? 1) + 1.5)))
            default: result.append((name, value))
            }
        }
        return [("class", "casing")] + result
    }

    /// Path data through `points` in order: `M x y L x y …` (empty for no points).
    ///
    /// - Complexity: O(n).
    static func polyline(_ points: [(x: Double, y: Double)]) -> String {
        var d = ""
        for (index, point) in points.enumerated() {
            d += (index == 0 ? "M" : "L") + SVGWriter.number(point.x) + " " + SVGWriter.number(point.y)
        }
        return d
    }

    /// `points` split into runs of consecutive elements for which `isValid` holds — the
    /// pieces of a line broken at missing values.
    static func runs<T>(_ points: [T], where isValid: (T) -> Bool) -> [[T]] {
        var runs: [[T]] = []
        var current: [T] = []
        for point in points {
            if isValid(point) {
                current.append(point)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// `items` in ascending `x`, ties (and NaNs, which go last) in their original order — a
    /// total order, so the result never depends on the sort algorithm.
    ///
    /// - Complexity: O(n log n).
    static func sortedByX<T>(_ items: [T], x: (T) -> Double) -> [T] {
        items.enumerated()
            .map { (key: x($0.element).isNaN ? Double.infinity : x($0.element), nan: x($0.element).isNaN, offset: $0.offset, item: $0.element) }
            .sorted { ($0.key, $0.nan ? 1 : 0, $0.offset) < ($1.key, $1.nan ? 1 : 0, $1.offset) }
            .map(\.item)
    }
}
