extension ChartCanvas {
    /// Writes a stroked element (a line, a step line, a legend swatch) in `color`, with a dark
    /// casing under it first when the colour is faint on white (``Marks/casing(_:color:)``).
    ///
    /// ```swift
    /// canvas.stroked("path", [("class", "line"), ("d", d), ("stroke", OkabeIto.yellow.hex),
    ///                         ("stroke-width", "2")], color: .yellow, tooltip: "Spot")
    /// ```
    ///
    /// - Complexity: O(n) for n attributes.
    mutating func stroked(_ name: String, _ attributes: [(String, String)], color: OkabeIto, tooltip: String = "") {
        if let casing = Marks.casing(attributes, color: color) { svg.element(name, casing) }
        svg.element(name, attributes, tooltip: tooltip)
    }

    /// Writes a point mark (``Marks/shapeAttributes(_:color:x:y:size:className:)``), cased
    /// when it is a stroke-only shape in a faint colour.
    ///
    /// ```swift
    /// canvas.mark(.plus, color: .yellow, x: 10, y: 10, size: 5, className: "point", tooltip: "a")
    /// ```
    ///
    /// - Complexity: O(1).
    mutating func mark(
        _ shape: MarkShape, color: OkabeIto, x: Double, y: Double, size: Double, className: String? = nil,
        tooltip: String = ""
    ) {
        stroked("path", Marks.shapeAttributes(shape, color: color, x: x, y: y, size: size, className: className),
                color: color, tooltip: tooltip)
    }
}
