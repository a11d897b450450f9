/// Lines of y against x, one per series, each with an optional band (a confidence interval)
/// and vertical reference markers with labels — cost or completion time against the
/// checkpoint interval, with the Young and Daly intervals marked.
///
/// ```swift
/// let chart = LineChart(
///     title: "Cost against checkpoint interval",
///     x: Axis("Checkpoint interval (min)", logarithmic: true),
///     y: Axis("Cost per job", format: .usd, includesZero: true),
///     series: [LineChart.Series(name: "Spot", x: [5, 15, 30, 60, 120],
///                               y: [410, 370, 352, 361, 398],
///                               low: [400, 362, 345, 352, 385], high: [420, 378, 359, 370, 411])],
///     markers: [LineChart.Marker(x: 31, label: "Young 31 min"),
///               LineChart.Marker(x: 27, label: "Daly 27 min")])
/// let svg = chart.svg()   // <svg … data-chart="line" …>
/// ```
///
/// Points are joined in ascending x; a point whose x or y is missing (not finite, or ≤ 0 on
/// a log axis) breaks the line there, and a band is drawn only where both ends are present.
/// Every point carries a tooltip with its values and band.
public struct LineChart: Sendable {
    /// One point of a series, with an optional band from `low` to `high`.
    public struct Point: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public var low: Double?
        public var high: Double?

        public init(x: Double, y: Double, low: Double? = nil, high: Double? = nil) {
            self.x = x
            self.y = y
            self.low = low
            self.high = high
        }
    }

    /// A named line.
    public struct Series: Sendable, Hashable {
        public var name: String
        public var points: [Point]
        /// What the band is, for tooltips: `"95 % CI"` by default.
        public var bandName: String

        public init(name: String, points: [Point], bandName: String = "95 % CI") {
            self.name = name
            self.points = points
            self.bandName = bandName
        }

        /// A series from parallel arrays; `low` and `high`, when given, pair with `x` by
        /// index (missing entries leave the band out at that point).
        ///
        /// ```swift
        /// LineChart.Series(name: "Spot", x: [1, 2], y: [10, 12], low: [9, 11], high: [11, 13])
        /// ```
        public init(name: String, x: [Double], y: [Double], low: [Double]? = nil, high: [Double]? = nil, bandName: String = "95 % CI") {
            let points = zip(x, y).enumerated().map { index, pair in
                Point(
                    x: pair.0, y: pair.1,
                    low: low.flatMap { index < $0.count ? $0[index] : nil },
                    high: high.flatMap { index < $0.count ? $0[index] : nil })
            }
            self.init(name: name, points: points, bandName: bandName)
        }
    }

    /// A vertical reference line at `x`, labelled at the top of the plot.
    public struct Marker: Sendable, Hashable {
        public var x: Double
        public var label: String

        public init(x: Double, label: String) {
            self.x = x
            self.label = label
        }
    }

    public var title: String
    public var x: Axis
    public var y: Axis
    public var series: [Series]
    public var markers: [Marker]
    /// The `viewBox` width in px (the SVG itself scales to its container).
    public var width: Double
    /// The `viewBox` height in px.
    public var height: Double

    public init(
        title: String, x: Axis, y: Axis, series: [Series], markers: [Marker] = [],
        width: Double = 960, height: Double = 420
    ) {
        self.title = title
        self.x = x
        self.y = y
        self.series = series
        self.markers = markers
        self.width = width
        self.height = height
    }
}
