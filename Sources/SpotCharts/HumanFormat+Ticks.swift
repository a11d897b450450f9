import Foundation

extension HumanFormat {
    /// Labels for a set of ticks with the same number of decimals and the same unit suffix on
    /// every tick — the fewest decimals that show every tick exactly (0, 0.5, 1 → `0`, `0.5`,
    /// `1.0`). Exact zero prints `0` (with `prefix` and `suffix`).
    ///
    /// The unit comes from the largest |tick|: none below 10⁴ (four digits read fine: `1500`),
    /// then `suffixes` for 10³, 10⁶, 10⁹, 10¹² (`20k`, `1.5M`); below 10⁻³ and from 10¹⁵ on an
    /// engineering exponent (`2e−9`). Ticks that are not finite print as ``missing``.
    ///
    /// With `significantDigits`, for values that are not round ticks (bar totals), the
    /// decimals stop once every value shows to within half a unit of the largest value's
    /// last significant digit: `[147, 69.15]` → `147`, `69`.
    ///
    /// ```swift
    /// HumanFormat.consistentLabels([0, 0.5, 1])                        // ["0", "0.5", "1.0"]
    /// HumanFormat.consistentLabels([0, 20_000, 40_000], prefix: "$",
    ///                              suffixes: ["k", "M", "B", "T"])     // ["$0", "$20k", "$40k"]
    /// HumanFormat.consistentLabels([147, 69.15], significantDigits: 3) // ["147", "69"]
    /// ```
    ///
    /// - Complexity: O(n log n) for n ticks.
    static func consistentLabels(
        _ ticks: [Double], prefix: String = "", suffix: String = "",
        suffixes: [String] = ["k", "M", "G", "T"], significantDigits: Int? = nil
    ) -> [String] {
        let finite = ticks.filter(\.isFinite)
        guard let maxAbs = finite.map({ Swift.abs($0) }).max() else {
            return ticks.map { _ in missing }
        }
        var exponent = 0
        if maxAbs >= 1e4 {
            exponent = 3 * Int(Foundation.floor(Foundation.log10(maxAbs) / 3))
            if exponent > 3 * suffixes.count, maxAbs < 1e15 { exponent = 3 * suffixes.count }
        } else if maxAbs > 0, maxAbs < 1e-3 {
            exponent = 3 * Int(Foundation.floor(Foundation.log10(maxAbs) / 3))
        }
        let unitText: String
        if exponent == 0 {
            unitText = ""
        } else if exponent > 0, exponent / 3 <= suffixes.count, maxAbs < 1e15 {
            unitText = suffixes[exponent / 3 - 1]
        } else {
            unitText = "e" + exponentText(exponent)
        }
        let unit = DecimalText.powerOfTen(exponent)
        let scaled = finite.map { $0 / unit }
        // Half a unit of the largest value's last significant digit (0: exact ticks).
        var tolerance = 0.0
        if let significantDigits, maxAbs > 0 {
            let leading = Int(Foundation.floor(Foundation.log10(maxAbs / unit)))
            tolerance = 0.5 * DecimalText.powerOfTen(leading - (significantDigits - 1)) * (1 + 1e-9)
        }
        var decimals = 0
        while decimals < 6, !scaled.allSatisfy({
            isWhole($0 * DecimalText.powerOfTen(decimals), within: tolerance * DecimalText.powerOfTen(decimals))
        }) {
            decimals += 1
        }
        return ticks.map { tick in
            guard tick.isFinite else { return missing }
            if tick == 0 || DecimalText.roundsToZero(tick / unit, decimals: decimals) {
                return prefix + "0" + suffix
            }
            let digits = DecimalText.magnitude(tick / unit, decimals: decimals) ?? missing
            return (tick < 0 ? minusSign : "") + prefix + digits + unitText + suffix
        }
    }

    /// Whether `value` is within 10⁻⁶ of an integer (scaled ticks are below 10⁴ in magnitude,
    /// so this is far above rounding noise and far below a displayed digit), or within
    /// `tolerance` when that is larger.
    private static func isWhole(_ value: Double, within tolerance: Double = 0) -> Bool {
        Swift.abs(value - value.rounded()) <= Swift.max(1e-6, tolerance)
    }
}
