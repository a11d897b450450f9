/// Horizontal stacked bars: one bar per category (a policy), split into components (spot,
/// on-demand, storage, egress), with the total printed at the bar's end.
///
/// ```swift
/// let chart = StackedBarChart(
///     title: "Cost breakdown",
///     categories: ["On-demand", "Spot", "Failover"],
///     components: [
///         StackedBarChart.Component(name: "Spot", values: [0, 610, 420]),
///         StackedBarChart.Component(name: "On-demand", values: [2400, 0, 380]),
///         StackedBarChart.Component(name: "Storage", values: [12, 31, 25]),
///         StackedBarChart.Component(name: "Egress", values: [0, 8, 14]),
///     ],
///     value: Axis("Cost per job", format: .usd))
/// let svg = chart.svg()   // <svg … data-chart="stacked-bar" …>
/// ```
///
/// Bars run horizontally so that long category names stay readable. Positive values stack
/// right from 0, negative ones left (a refund, say); missing values and zeros draw nothing.
/// The value axis is always linear and includes 0.
public struct StackedBarChart: Sendable {
    /// One component of every bar: its value in each category, by the categories' index
    /// (missing trailing values count as 0).
    public struct Component: Sendable, Hashable {
        public var name: String
        public var values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }

        /// The value for category `index`: 0 when missing or not finite.
        func value(at index: Int) -> Double {
            index < values.count && values[index].isFinite ? values[index] : 0
        }
    }

    public var title: String
    /// The bars' names, top to bottom.
    public var categories: [String]
    /// The parts of each bar, stacked in this order from 0 outwards.
    public var components: [Component]
    /// The value axis (its `isLogarithmic` is ignored: stacks need a linear axis).
    public var value: Axis
    /// Whether to print each bar's total at its end.
    public var showsTotals: Bool
    /// The `viewBox` width in px (the SVG itself scales to its container).
    public var width: Double
    /// The `viewBox` height in px; `nil` to fit the categories (34 px a bar).
    public var height: Double?

    public init(
        title: String, categories: [String], components: [Component], value: Axis,
        showsTotals: Bool = true, width: Double = 960, height: Double? = nil
    ) {
        self.title = title
        self.categories = categories
        self.components = components
        self.value = value
        self.showsTotals = showsTotals
        self.width = width
        self.height = height
    }

    /// The sum of category `index`'s finite values.
    public func total(at index: Int) -> Double {
        components.reduce(0) { $0 + $1.value(at: index) }
    }
}
