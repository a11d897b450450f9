import Foundation

/// Locale-free decimal text for `Double`s: fixed decimals, rounded half away from zero, built
/// from integer digits so the output never depends on the platform's `printf` or locale.
///
/// ```swift
/// DecimalText.magnitude(12.345, decimals: 2)   // "12.35" (as written, not 12.3449999…)
/// DecimalText.coordinate(-0.004)               // "0"
/// DecimalText.coordinate(12.5)                 // "12.5"
/// ```
enum DecimalText {
    /// Exact powers of ten up to 10²² (the largest exactly representable in a `Double`).
    private static let exactPowers: [Double] = (0...22).reduce(into: []) { table, k in
        table.append(k == 0 ? 1 : table[k - 1] * 10)
    }

    /// 10^k: exact for |k| ≤ 22 when k ≥ 0, correctly rounded division otherwise.
    static func powerOfTen(_ k: Int) -> Double {
        if k >= 0 {
            return k <= 22 ? exactPowers[k] : Foundation.pow(10, Double(k))
        }
        return -k <= 22 ? 1 / exactPowers[-k] : Foundation.pow(10, Double(k))
    }

    /// The digits of `abs(value)` with exactly `decimals` (0…15) places, rounded half away from
    /// zero after a nudge of a few ulps, so that a value stored just below a half (12.345 is
    /// 12.34499999999999886…) rounds as it was written. `nil` when not finite or too large for
    /// 64-bit integer digits at that precision.
    static func magnitude(_ value: Double, decimals: Int) -> String? {
        let d = Swift.max(0, Swift.min(decimals, 15))
        let scaled = (Swift.abs(value) * powerOfTen(d) * (1 + 4 * Double.ulpOfOne))
            .rounded(.toNearestOrAwayFromZero)
        guard scaled.isFinite, scaled < 9.0e18 else { return nil }
        let n = UInt64(scaled)
        let unit = UInt64(powerOfTen(d))
        var text = String(n / unit)
        if d > 0 {
            let fraction = String(n % unit)
            text += "." + String(repeating: "0", count: d - fraction.count) + fraction
        }
        return text
    }

    /// Whether `abs(value)` rounds to zero at `decimals` places.
    static func roundsToZero(_ value: Double, decimals: Int) -> Bool {
        guard let digits = magnitude(value, decimals: decimals) else { return false }
        return digits.allSatisfy { $0 == "0" || $0 == "." }
    }

    /// `text` without trailing zeros after the decimal point, and without the point when
    /// nothing follows it: `"12.50"` → `"12.5"`, `"3.00"` → `"3"`, `"300"` → `"300"`.
    static func trimmingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = Substring(text)
        while result.last == "0" { result = result.dropLast() }
        if result.last == "." { result = result.dropLast() }
        return String(result)
    }

    /// An SVG coordinate or length: at most 2 decimals, trailing zeros trimmed, ASCII minus,
    /// never `-0`; non-finite values print as `0`, magnitudes are clamped to 10⁶.
    ///
    /// - Complexity: O(1).
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let clamped = Swift.min(Swift.max(value, -1e6), 1e6)
        guard let digits = magnitude(clamped, decimals: 2) else { return "0" }
        let trimmed = trimmingZeros(digits)
        return clamped < 0 && trimmed != "0" ? "-" + trimmed : trimmed
    }

    /// `abs(value)` (positive, finite) as a mantissa with one decimal and a power of ten:
    /// 1234567 → ("1.2", 6), 0.000000001 → ("1.0", −9).
    static func scientific(_ value: Double) -> (mantissa: String, exponent: Int) {
        let m = Swift.abs(value)
        guard m.isFinite, m > 0 else { return ("0", 0) }
        var exponent = Int(Foundation.floor(Foundation.log10(m)))
        // Subnormals: scale up first, as 10^exponent itself would underflow to 0.
        func divided(_ exponent: Int) -> Double {
            exponent < -300 ? (m * 1e300) / powerOfTen(exponent + 300) : m / powerOfTen(exponent)
        }
        var mantissa = divided(exponent)
        if mantissa < 1 {   // log10 rounded up at an exact power of ten's neighbour
            exponent -= 1
            mantissa = divided(exponent)
        }
        var digits = magnitude(mantissa, decimals: 1) ?? "1.0"
        if digits == "10.0" {
            exponent += 1
            digits = "1.0"
        }
        return (digits, exponent)
    }
}
