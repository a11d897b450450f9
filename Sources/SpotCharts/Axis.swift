/// One axis of a chart: its title (with the unit), how values print, and how the domain is
/// chosen.
///
/// ```swift
/// let x = Axis("Checkpoint interval (min)", logarithmic: true)
/// let y = Axis("Cost per job", format: .usd, includesZero: true)
/// let p = Axis("Replications", format: .percent, domain: 0...1)
/// ```
public struct Axis: Sendable {
    /// The axis title; say the unit when the tick labels do not (`"Checkpoint interval (min)"`).
    public var title: String
    /// How ticks, tooltips and labels print values on this axis.
    public var format: AxisFormat
    /// Whether the axis is base-10 logarithmic; values ≤ 0 are then left out of the chart.
    public var isLogarithmic: Bool
    /// Whether a fitted linear domain is stretched to include 0 (cost axes usually should).
    public var includesZero: Bool
    /// A fixed domain instead of one fitted to the data (marks outside it are clamped to the
    /// plot's edge).
    public var domain: ClosedRange<Double>?

    /// An axis titled `title`.
    public init(
        _ title: String, format: AxisFormat = .number, logarithmic: Bool = false,
        includesZero: Bool = false, domain: ClosedRange<Double>? = nil
    ) {
        self.title = title
        self.format = format
        self.isLogarithmic = logarithmic
        self.includesZero = includesZero
        self.domain = domain
    }
}
