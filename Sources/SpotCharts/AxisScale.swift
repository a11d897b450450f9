import Foundation

/// The scale behind an ``Axis``: linear or logarithmic, chosen by the axis.
///
/// Built in two steps, since the ticks (which set the margins) do not depend on the pixel
/// range: ``fitting(_:axis:tickCount:)`` over the data, then ``withRange(_:)`` once the plot
/// area is known.
enum AxisScale: Sendable {
    case linear(LinearScale)
    case log(LogScale)

    /// The scale for `axis` over `values` (non-finite values, and values ≤ 0 on a log axis,
    /// are ignored), niced for about `tickCount` ticks unless the axis fixes its domain.
    /// `padding` widens a fitted domain by that fraction of its span on each side (of its
    /// decades on a log axis), never across 0 when the values are all on one side of it, so
    /// that marks do not sit on the plot's edge. A fitted domain also covers the axis's
    /// explicit ticks (``Axis/Ticks/at(_:)``).
    static func fitting(_ values: [Double], axis: Axis, tickCount: Int, padding: Double = 0) -> AxisScale {
        let values = values + (axis.explicitTicks ?? [])
        if axis.isLogarithmic {
            if let domain = axis.domain { return .log(LogScale(domain: domain)) }
            var positive = values.filter { $0 > 0 && $0.isFinite }
            if padding > 0, let extent = Extent(positive), extent.lower < extent.upper {
                let factor = Foundation.pow(extent.upper / extent.lower, padding)
                positive += [extent.lower / factor, extent.upper * factor].filter { $0 > 0 && $0.isFinite }
            }
            return .log(LogScale(fitting: positive))
        }
        if let domain = axis.domain { return .linear(LinearScale(domain: domain)) }
        var padded = values
        if padding > 0, let extent = Extent(values), extent.lower < extent.upper {
            let pad = (extent.upper / 2 - extent.lower / 2) * 2 * padding
            let lower = extent.lower >= 0 ? Swift.max(0, extent.lower - pad) : extent.lower - pad
            let upper = extent.upper <= 0 ? Swift.min(0, extent.upper + pad) : extent.upper + pad
            padded += [lower, upper].filter(\.isFinite)
        }
        return .linear(LinearScale(fitting: padded, includingZero: axis.includesZero, tickCount: tickCount))
    }

    var isLogarithmic: Bool {
        if case .log = self { return true }
        return false
    }

    var domain: ClosedRange<Double> {
        switch self {
        case .linear(let scale): scale.domain
        case .log(let scale): scale.domain
        }
    }

    /// Whether `value` can be placed: finite, and positive on a log scale.
    func accepts(_ value: Double) -> Bool {
        value.isFinite && (!isLogarithmic || value > 0)
    }

    /// The pixel position of `value`, clamped to the range (so fixed domains never draw
    /// outside the plot).
    func callAsFunction(_ value: Double) -> Double {
        let (start, end, position): (Double, Double, Double)
        switch self {
        case .linear(let scale): (start, end, position) = (scale.rangeStart, scale.rangeEnd, scale(value))
        case .log(let scale): (start, end, position) = (scale.rangeStart, scale.rangeEnd, scale(value))
        }
        return Swift.min(Swift.max(position, Swift.min(start, end)), Swift.max(start, end))
    }

    func ticks(count: Int) -> [Double] {
        switch self {
        case .linear(let scale): scale.ticks(count: count)
        case .log(let scale): scale.ticks(count: count)
        }
    }

    func withRange(_ range: (Double, Double)) -> AxisScale {
        switch self {
        case .linear(let scale): .linear(scale.withRange(range))
        case .log(let scale): .log(scale.withRange(range))
        }
    }
}
