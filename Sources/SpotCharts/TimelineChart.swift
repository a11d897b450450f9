/// A timeline of one replication: a lane per pool with its node count over time as a filled
/// step area, point events (preemptions, checkpoints, migrations) and spans (lost work).
///
/// ```swift
/// let chart = TimelineChart(
///     title: "Replication 17",
///     lanes: [
///         TimelineChart.Lane(name: "us-east-1 spot", intervals: [
///             TimelineChart.Interval(start: 0, end: 3.2, value: 8),
///             TimelineChart.Interval(start: 3.5, end: 9.0, value: 6)]),
///         TimelineChart.Lane(name: "on-demand", intervals: [
///             TimelineChart.Interval(start: 3.2, end: 3.5, value: 2)]),
///     ],
///     events: [
///         TimelineChart.Event(time: 3.2, lane: 0, kind: .preemption),
///         TimelineChart.Event(time: 3.0, lane: 0, kind: .checkpoint),
///     ],
///     spans: [TimelineChart.Span(start: 3.0, end: 3.2, lane: 0, kind: .lostWork)])
/// let svg = chart.svg()   // <svg … data-chart="timeline" …>
/// ```
///
/// Bar heights share one scale across lanes (the largest value fills a lane), and each lane
/// is labelled with its peak. Events sit in a strip at the top of their lane, clear of the
/// bars; an event or span without a lane applies to the whole job and crosses every lane.
public struct TimelineChart: Sendable {
    /// A value (a node count) held from `start` to `end`.
    public struct Interval: Sendable, Hashable {
        public var start: Double
        public var end: Double
        public var value: Double
        /// A line added to the tooltip.
        public var note: String?

        public init(start: Double, end: Double, value: Double, note: String? = nil) {
            self.start = start
            self.end = end
            self.value = value
            self.note = note
        }
    }

    /// A named row of intervals (a pool), drawn in `color` (the palette's colour for the
    /// lane's index when `nil`).
    public struct Lane: Sendable, Hashable {
        public var name: String
        public var intervals: [Interval]
        public var color: OkabeIto?

        public init(name: String, intervals: [Interval], color: OkabeIto? = nil) {
            self.name = name
            self.intervals = intervals
            self.color = color
        }
    }

    /// What an event is: its legend name, shape and colour.
    public struct EventKind: Sendable, Hashable {
        public var name: String
        public var shape: MarkShape
        public var color: OkabeIto

        public init(name: String, shape: MarkShape, color: OkabeIto) {
            self.name = name
            self.shape = shape
            self.color = color
        }

        /// A vermillion downward triangle.
        public static let preemption = EventKind(name: "Preemption", shape: .triangleDown, color: .vermillion)
        /// A bluish-green circle.
        public static let checkpoint = EventKind(name: "Checkpoint", shape: .circle, color: .bluishGreen)
        /// A reddish-purple diamond.
        public static let migration = EventKind(name: "Migration", shape: .diamond, color: .reddishPurple)
    }

    /// Something that happened at `time`, in lane `lane` (an index into ``lanes``), or to the
    /// whole job when `lane` is `nil` or out of range.
    public struct Event: Sendable, Hashable {
        public var time: Double
        public var lane: Int?
        public var kind: EventKind
        /// A line added to the tooltip.
        public var note: String?

        public init(time: Double, lane: Int? = nil, kind: EventKind, note: String? = nil) {
            self.time = time
            self.lane = lane
            self.kind = kind
            self.note = note
        }
    }

    /// What a span is: its legend name and colour.
    public struct SpanKind: Sendable, Hashable {
        public var name: String
        public var color: OkabeIto

        public init(name: String, color: OkabeIto) {
            self.name = name
            self.color = color
        }

        /// Work computed since the last checkpoint and lost to a preemption: vermillion.
        public static let lostWork = SpanKind(name: "Lost work", color: .vermillion)
    }

    /// A stretch of time from `start` to `end`, in one lane or (when `lane` is `nil`) across all.
    public struct Span: Sendable, Hashable {
        public var start: Double
        public var end: Double
        public var lane: Int?
        public var kind: SpanKind
        /// A line added to the tooltip.
        public var note: String?

        public init(start: Double, end: Double, lane: Int? = nil, kind: SpanKind, note: String? = nil) {
            self.start = start
            self.end = end
            self.lane = lane
            self.kind = kind
            self.note = note
        }
    }

    public var title: String
    /// The time axis; hours from 0 by default.
    public var time: Axis
    /// What interval values count, for labels and tooltips (`"nodes"`).
    public var valueName: String
    /// What a value of exactly 1 counts (`"node"`): "peak 1 node", not "peak 1 nodes".
    public var singularValueName: String
    public var lanes: [Lane]
    public var events: [Event]
    public var spans: [Span]
    /// The `viewBox` width in px (the SVG itself scales to its container).
    public var width: Double
    /// The `viewBox` height in px; `nil` to fit the lanes: 56 px each, at least
    /// ``minimumLaneArea`` for all, and at least ``minimumAspect`` of the width in all.
    public var height: Double?

    /// The least height of the lanes together when the height is fitted, in px.
    public static let minimumLaneArea = 96.0
    /// The least fitted height as a fraction of the width: 1/5, so that a chart scaled to
    /// 800 px wide is at least 160 px tall.
    public static let minimumAspect = 0.2

    /// A timeline; `singularValueName` defaults to `valueName` without a final "s"
    /// (`"nodes"` → `"node"`).
    public init(
        title: String, time: Axis = Axis("Time", format: .hours, includesZero: true),
        valueName: String = "nodes", singularValueName: String? = nil, lanes: [Lane], events: [Event] = [],
        spans: [Span] = [], width: Double = 960, height: Double? = nil
    ) {
        self.title = title
        self.time = time
        self.valueName = valueName
        self.singularValueName = singularValueName
            ?? (valueName.hasSuffix("s") && valueName.count > 1 ? String(valueName.dropLast()) : valueName)
        self.lanes = lanes
        self.events = events
        self.spans = spans
        self.width = width
        self.height = height
    }

    /// `value` with what it counts, singular for 1: `"1 node"`, `"8 nodes"`, `"1.5 nodes"`.
    ///
    /// ```swift
    /// TimelineChart(title: "", lanes: []).valueText(1)   // "1 node"
    /// ```
    ///
    /// - Complexity: O(1).
    public func valueText(_ value: Double) -> String {
        let number = HumanFormat.number(value)
        return number + " " + (number == "1" ? singularValueName : valueName)
    }
}
