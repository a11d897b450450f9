/// Numbers formatted for people — dollars, durations, percentages — without locale, and
/// never `nan` or `inf`: a value that is not finite prints as an em dash (``missing``).
///
/// ```swift
/// HumanFormat.usd(1234.5)       // "$1.2k"
/// HumanFormat.usd(-5)           // "−$5"
/// HumanFormat.hours(0.2)        // "12 min"
/// HumanFormat.percent(0.574)    // "57.4 %"
/// HumanFormat.number(.nan)      // "—"
/// ```
///
/// Conventions, the same in every function:
/// - Negative values take the typographic minus sign U+2212 (``minusSign``) before any
///   currency symbol: `−$5`, `−12.5 %`. A value that rounds to zero prints without a sign.
/// - Rounding is half away from zero on the value as written (12.345 → 12.35).
/// - Large values take a suffix with one decimal below 100 of the unit and none above:
///   `$1.2k`, `$12.3k`, `$123k`, `$1.0M`. A value that rounds up into the next unit moves to
///   it: 999.95 → `$1.0k`, 999 950 → `$1.0M` (never `$1000` or `$1000.0k`).
/// - Units are separated by a space (`3.4 h`, `57.4 %`), as SI recommends.
public enum HumanFormat {
    /// What a value that is not finite prints as: an em dash.
    public static let missing = "—"
    /// The minus sign used for negative values, U+2212.
    public static let minusSign = "\u{2212}"

    /// Dollars: cents below $100 (`$12.35`, `$5` when whole), whole dollars below $1000
    /// (`$457`), then k, M, B, T (`$1.2k`, `$2.5M`); from $10¹⁵ on, `$1.2e15`.
    /// Amounts that round to zero cents print `$0`.
    ///
    /// ```swift
    /// HumanFormat.usd(12.345)    // "$12.35"
    /// HumanFormat.usd(999.95)    // "$1.0k"
    /// HumanFormat.usd(2.5e6)     // "$2.5M"
    /// HumanFormat.usd(0.001)     // "$0"
    /// ```
    public static func usd(_ value: Double) -> String {
        guard value.isFinite else { return missing }
        let m = Swift.abs(value)
        let body: String
        if m < 100 {
            guard let cents = DecimalText.magnitude(m, decimals: 2) else { return missing }
            if cents == "0.00" { return "$0" }
            body = cents.hasSuffix(".00") ? String(cents.dropLast(3)) : cents
        } else if m < 1000, let whole = DecimalText.magnitude(m, decimals: 0), whole != "1000" {
            body = whole
        } else {
            body = scaled(m, suffixes: ["k", "M", "B", "T"])
        }
        return (value < 0 ? minusSign : "") + "$" + body
    }

    /// A duration given in hours: seconds below a minute (`45 s`), whole minutes below an
    /// hour (`12 min`), hours with one decimal below 10 h (`3.4 h`), whole hours below 100 h
    /// (`49 h`), then days (`4.2 d`, `42 d`). Zero prints `0 h`.
    ///
    /// ```swift
    /// HumanFormat.hours(3.4)     // "3.4 h"
    /// HumanFormat.hours(0.2)     // "12 min"
    /// HumanFormat.hours(49)      // "49 h"
    /// HumanFormat.hours(0.999)   // "1.0 h"   (59.94 min rounds to an hour)
    /// ```
    public static func hours(_ value: Double) -> String {
        guard value.isFinite else { return missing }
        let m = Swift.abs(value)
        let sign = value < 0 ? minusSign : ""
        if m == 0 { return "0 h" }
        let seconds = m * 3600
        if seconds < 59.5 {
            let s = DecimalText.magnitude(seconds, decimals: 0) ?? "0"
            return s == "0" ? "0 s" : sign + s + " s"
        }
        let minutes = DecimalText.magnitude(m * 60, decimals: 0) ?? "60"
        if minutes.count < 2 || (minutes.count == 2 && minutes != "60") {
            return sign + minutes + " min"
        }
        if let h = DecimalText.magnitude(m, decimals: 1), h.count <= 3 {   // up to "9.9"
            return sign + h + " h"
        }
        if let h = DecimalText.magnitude(m, decimals: 0), h.count <= 2 {   // up to "99"
            return sign + h + " h"
        }
        let days = m / 24
        if let d = DecimalText.magnitude(days, decimals: 1), d.count <= 3 {
            return sign + d + " d"
        }
        return sign + number(days) + " d"
    }

    /// A fraction as a percentage with `decimals` places (default 1), trailing zeros dropped:
    /// `57.4 %`, `50 %`, `−12.5 %`; with `explicitPlus`, positive values take a `+`
    /// (for changes such as savings).
    ///
    /// ```swift
    /// HumanFormat.percent(0.574)                         // "57.4 %"
    /// HumanFormat.percent(0.5)                           // "50 %"
    /// HumanFormat.percent(0.123, explicitPlus: true)     // "+12.3 %"
    /// ```
    public static func percent(_ fraction: Double, decimals: Int = 1, explicitPlus: Bool = false) -> String {
        guard fraction.isFinite else { return missing }
        let value = fraction * 100
        guard value.isFinite else { return missing }
        guard let digits = DecimalText.magnitude(value, decimals: decimals) else {
            return (value < 0 ? minusSign : "") + number(Swift.abs(value)) + " %"
        }
        let trimmed = DecimalText.trimmingZeros(digits)
        if trimmed == "0" { return "0 %" }
        let sign = value < 0 ? minusSign : (explicitPlus ? "+" : "")
        return sign + trimmed + " %"
    }

    /// A plain number with about three significant digits: `0.574`, `12.3`, `458`, then
    /// k, M, G, T (`1.2k`, `3.5M`); below 0.001 and from 10¹⁵ on, `1.2e−9`, `1.2e15`.
    ///
    /// ```swift
    /// HumanFormat.number(12.345)   // "12.3"
    /// HumanFormat.number(45_600)   // "45.6k"
    /// HumanFormat.number(2e-9)     // "2.0e−9"
    /// ```
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return missing }
        let m = Swift.abs(value)
        let sign = value < 0 ? minusSign : ""
        if m == 0 { return "0" }
        if m < 0.001 {
            let (mantissa, exponent) = DecimalText.scientific(m)
            return sign + mantissa + "e" + exponentText(exponent)
        }
        if m < 1000 {
            let decimals = m < 1 ? 3 : (m < 10 ? 2 : (m < 100 ? 1 : 0))
            if let digits = DecimalText.magnitude(m, decimals: decimals), digits != "1000" {
                let trimmed = DecimalText.trimmingZeros(digits)
                return trimmed == "0" ? "0" : sign + trimmed
            }
        }
        return sign + scaled(m, suffixes: ["k", "M", "G", "T"])
    }

    /// `m` ≥ 999.5 (positive) with a suffix for 10³, 10⁶, 10⁹, 10¹²: one decimal below 100 of
    /// the unit, none from 100, moving up a unit when rounding reaches 1000 of it.
    static func scaled(_ m: Double, suffixes: [String]) -> String {
        var index = 0
        while index + 1 < suffixes.count, m >= DecimalText.powerOfTen(3 * (index + 2)) {
            index += 1
        }
        while index < suffixes.count {
            let v = m / DecimalText.powerOfTen(3 * (index + 1))
            if let one = DecimalText.magnitude(v, decimals: 1), one.count <= 4 {     // up to "99.9"
                return one + suffixes[index]
            }
            if let whole = DecimalText.magnitude(v, decimals: 0), whole.count <= 3 { // up to "999"
                return whole + suffixes[index]
            }
            index += 1
        }
        let (mantissa, exponent) = DecimalText.scientific(m)
        return mantissa + "e" + exponentText(exponent)
    }

    /// An exponent with the typographic minus: `15`, `−9`.
    static func exponentText(_ exponent: Int) -> String {
        exponent < 0 ? minusSign + String(-exponent) : String(exponent)
    }
}
