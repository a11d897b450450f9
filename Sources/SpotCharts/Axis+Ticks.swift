extension Axis {
    /// The values of ``Ticks/at(_:)`` that this axis can place — finite, positive on a log
    /// axis — ascending and without duplicates; `nil` for automatic ticks.
    ///
    /// ```swift
    /// Axis("x", logarithmic: true, ticks: .at([2, .nan, 1, 0, 2])).explicitTicks   // [1, 2]
    /// ```
    ///
    /// - Complexity: O(n log n) for n given values.
    var explicitTicks: [Double]? {
        guard case .at(let values) = ticks else { return nil }
        var result: [Double] = []
        for value in values.filter({ $0.isFinite && (!isLogarithmic || $0 > 0) }).sorted() where result.last != value {
            result.append(value)
        }
        return result
    }

    /// The ticks of this axis on `scale` (fitted to it): the scale's own for about `count`
    /// ticks, or the explicit values that fall inside the scale's domain.
    ///
    /// ```swift
    /// let axis = Axis("x", ticks: .at([15, 17, 30, 60]))
    /// axis.tickValues(on: AxisScale.fitting([15, 60], axis: axis, tickCount: 5), count: 5)   // [15, 17, 30, 60]
    /// ```
    ///
    /// - Complexity: O(n log n) for n ticks.
    func tickValues(on scale: AxisScale, count: Int) -> [Double] {
        guard let explicit = explicitTicks else { return scale.ticks(count: count) }
        let domain = scale.domain
        let slack = Swift.max(Swift.abs(domain.lowerBound), Swift.abs(domain.upperBound)) * 1e-12
        return explicit.filter { domain.lowerBound - slack <= $0 && $0 <= domain.upperBound + slack }
    }

    /// Labels for `ticks` of this axis: ``AxisFormat/tickLabels(_:logarithmic:)`` for
    /// automatic ticks; for explicit ones ``AxisFormat/labels(_:significantDigits:)``, across
    /// the set on a linear axis and each on its own on a log axis.
    ///
    /// ```swift
    /// Axis("t", format: .hours, logarithmic: true, ticks: .at([0.25, 0.2835, 1]))
    ///     .tickLabels([0.25, 0.2835, 1])   // ["15 min", "17 min", "1 h"]
    /// ```
    ///
    /// - Complexity: O(n log n) for n ticks.
    func tickLabels(_ ticks: [Double]) -> [String] {
        guard explicitTicks != nil else { return format.tickLabels(ticks, logarithmic: isLogarithmic) }
        if isLogarithmic { return ticks.map { format.labels([$0]).first ?? HumanFormat.missing } }
        return format.labels(ticks)
    }

    /// `labels` at pixel `positions` along an axis (monotone, in tick order) with those that
    /// would come closer than `gap` to the last one kept blanked, first come first kept;
    /// `extent` is a label's size along the axis.
    ///
    /// ```swift
    /// Axis.spaced(["a", "b", "c"], at: [0, 5, 40], extent: { _ in 10 }, gap: 4)   // ["a", "", "c"]
    /// ```
    ///
    /// - Complexity: O(n) for n labels.
    static func spaced(_ labels: [String], at positions: [Double], extent: (String) -> Double, gap: Double) -> [String] {
        var kept: (position: Double, half: Double)? = nil
        return zip(labels, positions).map { label, position in
            let half = extent(label) / 2
            if let last = kept, Swift.abs(position - last.position) < last.half + half + gap { return "" }
            kept = (position, half)
            return label
        }
    }
}
