/// A linear map from a data domain to a pixel range, with "nice" ticks (1, 2, 5 × 10ᵏ).
///
/// ```swift
/// let y = LinearScale(fitting: [3.2, 7.9], range: (300, 20))   // domain niced to 3…8
/// y(3)                  // 300
/// y.ticks()             // [3, 4, 5, 6, 7, 8]
/// ```
///
/// Robust at the edges: values that are not finite are ignored; no values give the domain
/// 0…1; a single value or a zero-width domain is padded (5 → 4.5…5.5, 0 → −1…1); domains
/// from 10⁻⁹ to 10¹², negative domains and domains near ±`Double.greatestFiniteMagnitude`
/// map and tick without overflow. The range may run backwards (pixel y grows downwards).
public struct LinearScale: Sendable, Hashable {
    /// The data interval; always finite with a non-zero width.
    public let domain: ClosedRange<Double>
    /// The pixel position of `domain.lowerBound`.
    public let rangeStart: Double
    /// The pixel position of `domain.upperBound`.
    public let rangeEnd: Double

    /// A scale over `domain` (padded if zero-width, 0…1 if not finite) onto `range`.
    ///
    /// ```swift
    /// let x = LinearScale(domain: 0...100, range: (60, 940))
    /// x(50)   // 500
    /// ```
    public init(domain: ClosedRange<Double>, range: (Double, Double) = (0, 1)) {
        self.domain = Extent.usable(domain)
        self.rangeStart = range.0.isFinite ? range.0 : 0
        self.rangeEnd = range.1.isFinite ? range.1 : 1
    }

    /// A scale over the finite `values` (0…1 when there are none), optionally stretched to
    /// include 0 and widened to nice tick boundaries for about `tickCount` ticks.
    ///
    /// ```swift
    /// LinearScale(fitting: [120, 480], includingZero: true).domain   // 0...500
    /// LinearScale(fitting: [.nan]).domain                            // 0...1
    /// LinearScale(fitting: [0, 0], includingZero: true).domain       // 0...1
    /// ```
    ///
    /// - Complexity: O(n) for n values.
    public init(
        fitting values: [Double], range: (Double, Double) = (0, 1),
        includingZero: Bool = false, nice: Bool = true, tickCount: Int = 5
    ) {
        var extent = Extent(values) ?? Extent(lower: 0, upper: 1)
        if includingZero {
            extent.lower = Swift.min(extent.lower, 0)
            extent.upper = Swift.max(extent.upper, 0)
            if extent.lower == 0, extent.upper == 0 { extent.upper = 1 }   // all zero: 0…1, not −1…1
        }
        let plain = LinearScale(domain: extent.lower...extent.upper, range: range)
        self = nice ? plain.niced(count: tickCount) : plain
    }

    /// The pixel position of `value` (extrapolated outside the domain).
    ///
    /// - Complexity: O(1).
    public func callAsFunction(_ value: Double) -> Double {
        // Halving first keeps `upper − lower` finite for domains near ±1.7e308.
        let t = (value / 2 - domain.lowerBound / 2) / (domain.upperBound / 2 - domain.lowerBound / 2)
        return rangeStart + t * (rangeEnd - rangeStart)
    }

    /// The same domain onto another pixel range.
    public func withRange(_ range: (Double, Double)) -> LinearScale {
        LinearScale(domain: domain, range: range)
    }

    /// The nice step for about `count` ticks over the domain: 1, 2 or 5 × 10ᵏ.
    ///
    /// ```swift
    /// LinearScale(domain: 0...10).tickStep(count: 5)     // 2
    /// LinearScale(domain: 0...1).tickStep(count: 10)     // 0.1
    /// ```
    public func tickStep(count: Int = 5) -> Double {
        NiceStep(lower: domain.lowerBound, upper: domain.upperBound, count: count)?.value
            ?? (domain.upperBound - domain.lowerBound)
    }

    /// Ticks at the multiples of ``tickStep(count:)`` inside the domain, ascending; about
    /// `count` of them (between count/2.5 and 2.5·count, by the 1-2-5 rounding). Falls back
    /// to the domain's two ends when the multiples cannot be counted exactly (a width below
    /// 10⁻¹⁵ of the magnitude).
    ///
    /// ```swift
    /// LinearScale(domain: -1...1).ticks(count: 4)   // [-1, -0.5, 0, 0.5, 1]
    /// ```
    ///
    /// - Complexity: O(count).
    public func ticks(count: Int = 5) -> [Double] {
        let lower = domain.lowerBound, upper = domain.upperBound
        guard let step = NiceStep(lower: lower, upper: upper, count: count) else { return [lower] }
        let first = step.ceilingIndex(lower), last = step.floorIndex(upper)
        guard Swift.abs(first) < 1e15, Swift.abs(last) < 1e15, first <= last, last - first <= 10_000 else {
            return [lower, upper]
        }
        return (Int64(first)...Int64(last)).map { step.multiple(Double($0)) }
    }

    /// This scale with its domain widened to multiples of the nice step for about `count`
    /// ticks, so that the first and last ticks are the domain's ends (d3's `nice`).
    ///
    /// ```swift
    /// LinearScale(domain: 0.13...0.96).niced().domain   // 0.0...1.0
    /// ```
    public func niced(count: Int = 5) -> LinearScale {
        var lower = domain.lowerBound, upper = domain.upperBound
        var previous: NiceStep?
        for _ in 0..<10 {
            guard let step = NiceStep(lower: lower, upper: upper, count: count), step != previous else { break }
            let newLower = step.multiple(step.floorIndex(lower))
            let newUpper = step.multiple(step.ceilingIndex(upper))
            guard newLower.isFinite, newUpper.isFinite, newLower < newUpper else { break }
            lower = newLower
            upper = newUpper
            previous = step
        }
        return LinearScale(domain: lower...upper, range: (rangeStart, rangeEnd))
    }
}
