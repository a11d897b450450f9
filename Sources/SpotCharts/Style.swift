/// The fixed look shared by every chart: fonts, greys, sizes. Attributes rather than CSS, so
/// that several charts on one page never restyle each other.
enum Style {
    /// System fonts only: the report loads nothing from the network.
    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
    static let background = "#FFFFFF"
    static let text = "#222222"
    static let mutedText = "#555555"
    static let axis = "#666666"
    static let grid = "#E4E4E4"
    static let laneStripe = "#F5F5F5"
    static let reference = "#333333"
    /// The dark edge under strokes of a faint colour (``OkabeIto/isFaint``).
    static let casing = "#4D4D4D"

    static let titleFont = 16.0
    static let axisTitleFont = 13.0
    static let tickFont = 12.0
    static let legendFont = 12.0
    static let labelFont = 11.5

    /// The opacity of confidence bands and spans.
    static let bandOpacity = "0.2"
}

/// The plot area of a chart, in pixels.
struct PlotRect: Equatable {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double

    var width: Double { right - left }
    var height: Double { bottom - top }
}
