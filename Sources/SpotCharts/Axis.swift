/// One axis of a chart: its title (with the unit), how values print, how the domain is
/// chosen and where the ticks go.
///
/// ```swift
/// let x = Axis("Checkpoint interval (min)", logarithmic: true)
/// let y = Axis("Cost per job", format: .usd, includesZero: true)
/// let p = Axis("Replications", format: .percent, domain: 0...1)
/// let t = Axis("Interval", format: .hours, logarithmic: true, ticks: .at([0.25, 0.283, 0.5, 1]))
/// ```
public struct Axis: Sendable {
    /// Where an axis puts its ticks.
    ///
    /// ```swift
    /// Axis("Interval", format: .hours, logarithmic: true, ticks: .at([0.25, 0.5, 1]))
    /// // ticks 15 min, 30 min, 1 h — whatever the automatic 1-2-5 ticks would be
    /// ```
    public enum Ticks: Sendable, Hashable {
        /// Nice round values (1, 2, 5 × 10ᵏ), as many as fit: about one per 100 px across
        /// and one per 56 px up.
        case automatic
        /// Exactly these values (say, the x values the data was measured at), in ascending
        /// order without duplicates; values the axis cannot place (not finite, ≤ 0 on a log
        /// axis, outside a fixed ``Axis/domain``) are left out, and a fitted domain is widened
        /// to include the rest. Each is labelled with up to three significant digits; a label
        /// that would collide with the one before it is left out (its tick stays).
        case at([Double])
    }

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
    /// Where the ticks go: ``Ticks/automatic`` (the default) or ``Ticks/at(_:)`` given values.
    public var ticks: Ticks

    /// An axis titled `title`.
    public init(
        _ title: String, format: AxisFormat = .number, logarithmic: Bool = false,
        includesZero: Bool = false, domain: ClosedRange<Double>? = nil, ticks: Ticks = .automatic
    ) {
        self.title = title
        self.format = format
        self.isLogarithmic = logarithmic
        self.includesZero = includesZero
        self.domain = domain
        self.ticks = ticks
    }
}
