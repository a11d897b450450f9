/// Points of y against x with error bars and labels, one colour and shape per series, and
/// optionally the Pareto frontier — cost against completion time per policy.
///
/// ```swift
/// let chart = ScatterChart(
///     title: "Cost against completion time",
///     x: Axis("Completion time", format: .hours),
///     y: Axis("Cost per job", format: .usd, includesZero: true),
///     series: [
///         ScatterChart.Series(name: "On-demand", points: [
///             ScatterChart.Point(x: 30.2, y: 2400, label: "On-demand")]),
///         ScatterChart.Series(name: "Spot", points: [
///             ScatterChart.Point(x: 41.5, y: 820, yLow: 790, yHigh: 850,
///                                label: "Spot −66 %", note: "saves 66 % against on-demand")]),
///     ],
///     showsFrontier: true)
/// let svg = chart.svg()   // <svg … data-chart="scatter" …>
/// ```
public struct ScatterChart: Sendable {
    /// One point, with optional error bars in x and y, a label drawn beside it and a note
    /// added to its tooltip.
    public struct Point: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public var xLow: Double?
        public var xHigh: Double?
        public var yLow: Double?
        public var yHigh: Double?
        /// Text drawn beside the point (e.g. the policy and its savings); `nil` for none.
        public var label: String?
        /// A line added to the tooltip (e.g. "saves 42 % against on-demand").
        public var note: String?

        public init(
            x: Double, y: Double, xLow: Double? = nil, xHigh: Double? = nil,
            yLow: Double? = nil, yHigh: Double? = nil, label: String? = nil, note: String? = nil
        ) {
            self.x = x
            self.y = y
            self.xLow = xLow
            self.xHigh = xHigh
            self.yLow = yLow
            self.yHigh = yHigh
            self.label = label
            self.note = note
        }
    }

    /// A named group of points sharing a colour and shape.
    public struct Series: Sendable, Hashable {
        public var name: String
        public var points: [Point]

        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    public var title: String
    public var x: Axis
    public var y: Axis
    public var series: [Series]
    /// Whether to join the points no other point beats on both x and y (lower is better on
    /// both: the cost–time trade-off frontier) with a dashed line.
    public var showsFrontier: Bool
    /// The `viewBox` width in px (the SVG itself scales to its container).
    public var width: Double
    /// The `viewBox` height in px.
    public var height: Double

    public init(
        title: String, x: Axis, y: Axis, series: [Series], showsFrontier: Bool = false,
        width: Double = 960, height: Double = 460
    ) {
        self.title = title
        self.x = x
        self.y = y
        self.series = series
        self.showsFrontier = showsFrontier
        self.width = width
        self.height = height
    }

    /// The Pareto frontier of `points` when lower x and lower y are both better: the points
    /// no other point matches or beats on both, in ascending x (ties in x keep the lowest y;
    /// exact duplicates keep the first).
    ///
    /// ```swift
    /// ScatterChart.frontier([(1, 5), (2, 3), (3, 4), (4, 1)])   // [0, 1, 3]
    /// ```
    ///
    /// - Complexity: O(n log n).
    public static func frontier(_ points: [(x: Double, y: Double)]) -> [Int] {
        let order = points.indices
            .filter { points[$0].x.isFinite && points[$0].y.isFinite }
            .sorted { (points[$0].x, points[$0].y, $0) < (points[$1].x, points[$1].y, $1) }
        var result: [Int] = []
        var best = Double.infinity
        for index in order where points[index].y < best {
            result.append(index)
            best = points[index].y
        }
        return result
    }
}
