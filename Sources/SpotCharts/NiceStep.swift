import Foundation

/// A "nice" tick step, 1, 2 or 5 × 10ᵏ, chosen so that a span holds about `count` steps
/// (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990; the thresholds √2, √10,
/// √50 are d3's, which pick the candidate nearest `count` on a log scale).
///
/// ```swift
/// NiceStep(lower: 0, upper: 10, count: 5)?.value     // 2
/// NiceStep(lower: 0, upper: 1, count: 10)?.value     // 0.1
/// NiceStep(lower: 0, upper: 8e11, count: 5)?.value   // 2e11
/// ```
///
/// Multiples are computed as `i × factor ÷ 10⁻ᵏ` for negative k, so that 3 × 0.1 prints
/// as 0.3, not 0.30000000000000004.
struct NiceStep: Equatable {
    /// 1, 2 or 5.
    var factor: Double
    /// The power of ten.
    var power: Int

    /// The step for `count` intervals over `lower…upper`; `nil` when the span is zero or not
    /// finite.
    init?(lower: Double, upper: Double, count: Int) {
        let c = Double(Swift.max(1, count))
        let raw = upper / c - lower / c   // no overflow even for ±1.7e308
        guard raw.isFinite, raw > 0 else { return nil }
        var power = Int(Foundation.floor(Foundation.log10(raw)))
        let error = raw / DecimalText.powerOfTen(power)
        var factor: Double = error >= 50.0.squareRoot() ? 10 : error >= 10.0.squareRoot() ? 5 : error >= 2.0.squareRoot() ? 2 : 1
        if factor == 10 {
            factor = 1
            power += 1
        }
        self.factor = factor
        self.power = power
    }

    /// The step as a number.
    var value: Double { multiple(1) }

    /// `index` × the step.
    func multiple(_ index: Double) -> Double {
        power >= 0
            ? index * factor * DecimalText.powerOfTen(power)
            : index * factor / DecimalText.powerOfTen(-power)
    }

    /// `x` ÷ the step (the fractional index of `x`).
    func quotient(_ x: Double) -> Double {
        power >= 0
            ? x / (factor * DecimalText.powerOfTen(power))
            : x * DecimalText.powerOfTen(-power) / factor
    }

    /// The index of the first multiple at or above `x`, allowing for rounding noise.
    func ceilingIndex(_ x: Double) -> Double {
        let q = quotient(x)
        return (q - 1e-9 * Swift.max(1, Swift.abs(q))).rounded(.up)
    }

    /// The index of the last multiple at or below `x`, allowing for rounding noise.
    func floorIndex(_ x: Double) -> Double {
        let q = quotient(x)
        return (q + 1e-9 * Swift.max(1, Swift.abs(q))).rounded(.down)
    }
}
