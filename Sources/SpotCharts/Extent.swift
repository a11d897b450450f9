/// The finite extent of some values, and the padding that gives a usable domain when all
/// values are equal.
///
/// ```swift
/// Extent([3, .nan, 1, .infinity])   // 1...3
/// Extent([])                        // nil
/// Extent.usable(5...5)              // 4.5...5.5
/// ```
struct Extent: Equatable {
    var lower: Double
    var upper: Double

    /// The smallest and largest finite values, or `nil` when there are none.
    ///
    /// - Complexity: O(n).
    init?(_ values: some Sequence<Double>) {
        var lower = Double.infinity
        var upper = -Double.infinity
        for value in values where value.isFinite {
            lower = Swift.min(lower, value)
            upper = Swift.max(upper, value)
        }
        guard lower <= upper else { return nil }
        self.lower = lower
        self.upper = upper
    }

    init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// A domain that maps: finite bounds (else 0…1), and a non-zero width — a single value `v`
    /// is padded by 10 % of |v| on each side, or by 1 when `v` is 0 (or subnormal).
    static func usable(_ domain: ClosedRange<Double>) -> ClosedRange<Double> {
        let extent = Extent(lower: domain.lowerBound, upper: domain.upperBound).padded()
        return extent.lower...extent.upper
    }

    /// This extent with a non-zero finite width (see ``usable(_:)``).
    func padded() -> Extent {
        guard lower.isFinite, upper.isFinite else { return Extent(lower: 0, upper: 1) }
        guard lower == upper else { return self }
        let pad = Swift.abs(lower) < 1e-300 ? 1 : Swift.abs(lower) * 0.1
        let padded = Extent(lower: lower - pad, upper: upper + pad)
        if padded.lower.isFinite, padded.upper.isFinite { return padded }
        // Near ±Double.greatestFiniteMagnitude: pad towards zero only.
        return lower > 0
            ? Extent(lower: lower - 2 * pad, upper: upper)
            : Extent(lower: lower, upper: upper + 2 * pad)
    }
}
