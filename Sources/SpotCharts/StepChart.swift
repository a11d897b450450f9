/// Step lines, one per series — the empirical CDF of completion time or cost per policy.
///
/// ```swift
/// let chart = StepChart(
///     title: "Completion time",
///     x: Axis("Completion time", format: .hours),
///     series: [StepChart.Series(name: "Spot", samples: [31.2, 35.0, 33.8, 40.1]),
///              StepChart.Series(name: "On-demand", samples: [30.0, 30.0, 30.4])])
/// let svg = chart.svg()   // <svg … data-chart="step" …>
/// ```
///
/// The y axis defaults to the fraction of replications, 0 to 100 %. Each step line starts
/// at 0 at the plot's left edge and runs on at its last level to the right edge, as a CDF
/// does; vertices closer than half a pixel apart are merged, so ten thousand samples draw
/// with at most a few points per pixel column and look the same.
public struct StepChart: Sendable {
    /// A level that holds from `x` until the next step's `x`.
    public struct Step: Sendable, Hashable {
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// A named step line.
    public struct Series: Sendable, Hashable {
        public var name: String
        /// The steps, in ascending x.
        public var steps: [Step]
        /// A summary for the line's tooltip (for a CDF: n, median, p90).
        public var summary: String?
        /// Whether the line starts at level 0 from the plot's left edge and runs on at its
        /// last level to the right edge, as a CDF does (else it spans its steps only).
        public var extendsToEdges: Bool

        /// A series from explicit steps (sorted by x here; steps with a missing value are
        /// dropped).
        public init(name: String, steps: [Step], summary: String? = nil, extendsToEdges: Bool = false) {
            self.name = name
            self.steps = Marks.sortedByX(steps.filter { $0.x.isFinite && $0.y.isFinite }, x: \.x)
            self.summary = summary
            self.extendsToEdges = extendsToEdges
        }

        /// The empirical CDF of `samples` (values that are not finite are dropped): a step
        /// at each distinct value to the fraction of samples at or below it. The tooltip
        /// summary gives n, the median and p90 (the smallest sample whose CDF reaches 0.5 and
        /// 0.9), printed with `format`.
        ///
        /// ```swift
        /// StepChart.Series(name: "Spot", samples: [3, 1, 2, 2]).steps
        /// // [(1, 0.25), (2, 0.75), (3, 1.0)]
        /// ```
        ///
        /// - Complexity: O(n log n).
        public init(name: String, samples: [Double], format: AxisFormat = .number) {
            let sorted = samples.filter(\.isFinite).sorted()
            var steps: [Step] = []
            let n = Double(sorted.count)
            for (index, value) in sorted.enumerated() {
                let level = Double(index + 1) / n
                if let last = steps.last, last.x == value {
                    steps[steps.count - 1].y = level
                } else {
                    steps.append(Step(x: value, y: level))
                }
            }
            var summary = "n = \(sorted.count)"
            if !sorted.isEmpty {
                func quantile(_ p: Double) -> Double {
                    let rank = Swift.max(1, Int((p * n - 1e-9).rounded(.up)))
                    return sorted[Swift.min(rank, sorted.count) - 1]
                }
                summary += ", median " + format.label(quantile(0.5)) + ", p90 " + format.label(quantile(0.9))
            }
            self.name = name
            self.steps = steps
            self.summary = summary
            self.extendsToEdges = true
        }
    }

    public var title: String
    public var x: Axis
    public var y: Axis
    public var series: [Series]
    /// The `viewBox` width in px (the SVG itself scales to its container).
    public var width: Double
    /// The `viewBox` height in px.
    public var height: Double

    public init(
        title: String, x: Axis,
        y: Axis = Axis("Share of replications at or below", format: .percent, domain: 0...1),
        series: [Series], width: Double = 960, height: Double = 400
    ) {
        self.title = title
        self.x = x
        self.y = y
        self.series = series
        self.width = width
        self.height = height
    }
}
