/// How an axis prints its values: tick labels (consistent across the tick set) and single
/// values in tooltips and labels (``HumanFormat``).
///
/// ```swift
/// AxisFormat.usd.tickLabels([0, 500, 1000, 1500])   // ["$0", "$500", "$1000", "$1500"]
/// AxisFormat.usd.label(1234.5)                      // "$1.2k"
/// AxisFormat.percent.tickLabels([0, 0.25, 0.5])     // ["0 %", "25 %", "50 %"]
/// AxisFormat.hours.tickLabels([0, 0.25, 0.5])       // ["0 min", "15 min", "30 min"]
/// ```
public enum AxisFormat: Sendable {
    /// Plain numbers (``HumanFormat/number(_:)``); ticks `0`, `2.5`, `20k`.
    case number
    /// Dollars (``HumanFormat/usd(_:)``); ticks `$0`, `$500`, `$20k`.
    case usd
    /// Durations given in hours (``HumanFormat/hours(_:)``); ticks in minutes when every
    /// tick is below an hour (`15 min`), else in hours (`2.5 h`).
    case hours
    /// Fractions shown as percentages (``HumanFormat/percent(_:decimals:explicitPlus:)``);
    /// ticks `0 %`, `25 %`.
    case percent
    /// The caller's formatter, used for ticks and single values alike.
    case custom(@Sendable (Double) -> String)

    /// One value, for tooltips and labels.
    public func label(_ value: Double) -> String {
        switch self {
        case .number: HumanFormat.number(value)
        case .usd: HumanFormat.usd(value)
        case .hours: HumanFormat.hours(value)
        case .percent: HumanFormat.percent(value)
        case .custom(let format): value.isFinite ? format(value) : HumanFormat.missing
        }
    }

    /// Labels for `ticks`, one each. On a linear axis every label has the same decimals and
    /// unit; on a logarithmic one each tick (1, 2, 5 × 10ᵏ) is labelled on its own
    /// (`0.01`, `1`, `10k`).
    ///
    /// - Complexity: O(n log n) for n ticks.
    public func tickLabels(_ ticks: [Double], logarithmic: Bool = false) -> [String] {
        if logarithmic { return ticks.map { consistentLabels([$0]).first ?? HumanFormat.missing } }
        return consistentLabels(ticks)
    }

    /// Labels for values shown side by side — the totals printed on a chart's bars, a set of
    /// explicit ticks — in one unit with the same decimals on every label, as for ticks, but
    /// with no more decimals than it takes to show the largest value to `significantDigits`
    /// (fewer when they show every value as closely).
    ///
    /// ```swift
    /// AxisFormat.usd.labels([77, 147, 100, 69.15, 55.97])   // ["$77", "$147", "$100", "$69", "$56"]
    /// AxisFormat.usd.labels([12.5, 3.25, 7])                // ["$12.5", "$3.3", "$7.0"]
    /// AxisFormat.hours.labels([0.2835])                     // ["17 min"]
    /// ```
    ///
    /// - Complexity: O(n log n) for n values.
    public func labels(_ values: [Double], significantDigits: Int = 3) -> [String] {
        consistentLabels(values, significantDigits: Swift.max(1, significantDigits))
    }

    private func consistentLabels(_ ticks: [Double], significantDigits: Int? = nil) -> [String] {
        let digits = significantDigits
        switch self {
        case .number:
            return HumanFormat.consistentLabels(ticks, significantDigits: digits)
        case .usd:
            return HumanFormat.consistentLabels(ticks, prefix: "$", suffixes: ["k", "M", "B", "T"], significantDigits: digits)
        case .hours:
            let largest = ticks.filter(\.isFinite).map { Swift.abs($0) }.max() ?? 0
            if largest < 1 {
                return HumanFormat.consistentLabels(ticks.map { $0 * 60 }, suffix: " min", suffixes: [], significantDigits: digits)
            }
            return HumanFormat.consistentLabels(ticks, suffix: " h", significantDigits: digits)
        case .percent:
            return HumanFormat.consistentLabels(ticks.map { $0 * 100 }, suffix: " %", suffixes: [], significantDigits: digits)
        case .custom(let format):
            return ticks.map { $0.isFinite ? format($0) : HumanFormat.missing }
        }
    }
}
