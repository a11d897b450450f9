import Foundation

/// A base-10 logarithmic map from a positive data domain to a pixel range, with ticks at
/// powers of ten, adding 2 and 5 × 10ᵏ (or every digit) when the domain spans few decades.
///
/// ```swift
/// let x = LogScale(fitting: [5, 240], range: (60, 940))   // domain niced to 5…300
/// x.ticks()      // [5, 10, 20, 50, 100, 200]
/// ```
///
/// Values ≤ 0 have no logarithm: ``init(fitting:range:nice:)`` drops them (with those that
/// are not finite), and mapping one gives the position of the domain's lower end. No usable
/// values give the domain 1…10; a single value `v` gives v/2…2v before nicing.
public struct LogScale: Sendable, Hashable {
    /// The data interval; always finite, positive, with a non-zero width.
    public let domain: ClosedRange<Double>
    /// The pixel position of `domain.lowerBound`.
    public let rangeStart: Double
    /// The pixel position of `domain.upperBound`.
    public let rangeEnd: Double

    /// A scale over `domain` onto `range`. A domain that is not finite or not positive is
    /// replaced by 1…10 (its lower end by upper/10 when only that is ≤ 0); a zero-width one is
    /// widened to v/2…2v.
    ///
    /// ```swift
    /// let x = LogScale(domain: 1...1000, range: (0, 300))
    /// x(10)   // 100
    /// ```
    public init(domain: ClosedRange<Double>, range: (Double, Double) = (0, 1)) {
        var lower = domain.lowerBound, upper = domain.upperBound
        if !(upper.isFinite && upper > 0) || !lower.isFinite {
            lower = 1
            upper = 10
        } else if lower <= 0 {
            lower = upper / 10
        }
        if lower == upper {
            lower /= 2
            upper *= 2
        }
        if !(lower > 0 && upper.isFinite && lower < upper) {   // underflow or overflow at the edges
            lower = 1
            upper = 10
        }
        self.domain = lower...upper
        self.rangeStart = range.0.isFinite ? range.0 : 0
        self.rangeEnd = range.1.isFinite ? range.1 : 1
    }

    /// A scale over the finite positive `values` (others are dropped), optionally widened to
    /// nice ends (see ``niced()``).
    ///
    /// ```swift
    /// LogScale(fitting: [0, -3, 20, 700]).domain   // 20...700 (0 and −3 dropped)
    /// ```
    ///
    /// - Complexity: O(n) for n values.
    public init(fitting values: [Double], range: (Double, Double) = (0, 1), nice: Bool = true) {
        let extent = Extent(values.lazy.filter { $0 > 0 }) ?? Extent(lower: 1, upper: 10)
        let plain = LogScale(domain: extent.lower...extent.upper, range: range)
        self = nice ? plain.niced() : plain
    }

    /// The pixel position of `value`; values ≤ 0 (or not finite) map to `rangeStart`.
    ///
    /// - Complexity: O(1).
    public func callAsFunction(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return rangeStart }
        let lower = Foundation.log10(domain.lowerBound), upper = Foundation.log10(domain.upperBound)
        let t = (Foundation.log10(value) - lower) / (upper - lower)
        return rangeStart + t * (rangeEnd - rangeStart)
    }

    /// The same domain onto another pixel range.
    public func withRange(_ range: (Double, Double)) -> LogScale {
        LogScale(domain: domain, range: range)
    }

    /// This scale with its ends moved out to one significant digit: the lower end down to
    /// d × 10ᵏ, the upper end up to d × 10ᵏ (d in 1…9), so 5…240 becomes 5…300.
    public func niced() -> LogScale {
        let lower = Self.roundToLeadingDigit(domain.lowerBound, up: false)
        let upper = Self.roundToLeadingDigit(domain.upperBound, up: true)
        guard lower > 0, upper.isFinite, lower < upper else { return self }
        return LogScale(domain: lower...upper, range: (rangeStart, rangeEnd))
    }

    /// Ticks inside the domain, ascending: 1, 2, 5 × 10ᵏ when that gives 3 to `count` + 2
    /// ticks; else powers of ten (every k-th one, so about `count` of them) when at least two
    /// fall inside; else every digit × 10ᵏ (a domain within a decade, such as 3…7); linear
    /// ticks as a last resort (3…3.5).
    ///
    /// ```swift
    /// LogScale(domain: 1e-9...1e12).ticks(count: 8)   // [1e-9, 1e-6, …, 1e12] (every 3rd decade)
    /// LogScale(domain: 5...300).ticks()               // [5, 10, 20, 50, 100, 200]
    /// LogScale(domain: 3...7).ticks()                 // [3, 4, 5, 6, 7]
    /// ```
    ///
    /// - Complexity: O(decades).
    public func ticks(count: Int = 8) -> [Double] {
        let lower = domain.lowerBound, upper = domain.upperBound
        let firstDecade = Int(Foundation.floor(Foundation.log10(lower))) - 1
        let lastDecade = Int(Foundation.ceil(Foundation.log10(upper)))
        let decades = lastDecade - firstDecade
        let stride = Swift.max(1, Int((Double(decades - 1) / Double(Swift.max(1, count))).rounded(.up)))
        let oneTwoFive = ticks(digits: [1, 2, 5], decades: firstDecade...lastDecade, stride: 1)
        if oneTwoFive.count >= 3, oneTwoFive.count <= count + 2 { return oneTwoFive }
        let powers = ticks(digits: [1], decades: firstDecade...lastDecade, stride: stride)
        if powers.count >= 2 { return powers }
        let everyDigit = ticks(digits: [1, 2, 3, 4, 5, 6, 7, 8, 9], decades: firstDecade...lastDecade, stride: 1)
        if everyDigit.count >= 3 { return everyDigit }
        return LinearScale(domain: domain).ticks(count: Swift.min(count, 5))
    }

    /// d × 10ᵏ for the given digits, in the domain (with a relative tolerance of 10⁻⁹), for
    /// the decades whose power is a multiple of `stride`.
    private func ticks(digits: [Double], decades: ClosedRange<Int>, stride: Int) -> [Double] {
        let lower = domain.lowerBound * (1 - 1e-9), upper = domain.upperBound * (1 + 1e-9)
        var result: [Double] = []
        for k in decades where k % stride == 0 {
            for d in digits {
                let value = k >= 0 ? d * DecimalText.powerOfTen(k) : d / DecimalText.powerOfTen(-k)
                if value >= lower, value <= upper { result.append(value) }
            }
        }
        return result
    }

    /// `value` rounded down (or up) to one significant digit: 240 → 200 (300 up), 0.07 → 0.07.
    private static func roundToLeadingDigit(_ value: Double, up: Bool) -> Double {
        var k = Int(Foundation.floor(Foundation.log10(value)))
        var unit = DecimalText.powerOfTen(k)
        if value / unit >= 10 {   // log10 rounded down across a power of ten
            k += 1
            unit = DecimalText.powerOfTen(k)
        }
        let digits = value / unit
        let whole = up ? (digits - 1e-9).rounded(.up) : (digits + 1e-9).rounded(.down)
        let clamped = Swift.max(1, whole)
        return k >= 0 ? clamped * unit : clamped / DecimalText.powerOfTen(-k)
    }
}
