/// The per-replication values of some of an experiment's units: what a shard, or an
/// interrupted run, has computed so far.
///
/// For each unit in ``units`` (ascending), the values of its point's cells × metrics, cell by
/// cell, in ``values``. Complete partial results — one run's, or shards merged — summarise to
/// an ``ExperimentResult`` with ``ExperimentResult/init(_:)``, so one process and N shards give
/// the same summaries bit for bit.
///
/// ```swift
/// let runner = ExperimentRunner(threads: 2)
/// let a = try runner.simulate(scenario, units: UnitSet(0..<100))
/// let b = try runner.simulate(scenario, units: UnitSet(100..<200))
/// let whole = try PartialResult.combining([a, b])   // units 0..<200
/// ```
public struct PartialResult: Sendable {
    /// The results this is part of.
    public var layout: ResultLayout
    /// Identifies the scenario's source (see ``ScenarioFingerprint``); merge refuses to
    /// combine parts whose fingerprints differ.
    public var fingerprint: String
    /// The spotsim version that computed the values.
    public var version: String = SpotSimVersion.current
    /// The shard this is (a part of); `nil` for a whole run.
    public var shard: Shard?
    /// The units computed.
    public var units: UnitSet
    /// Their values, unit by unit in ascending order.
    public var values: [Double]

    public init(layout: ResultLayout, fingerprint: String, shard: Shard? = nil, units: UnitSet, values: [Double]) {
        self.layout = layout
        self.fingerprint = fingerprint
        self.shard = shard
        self.units = units
        self.values = values
    }

    /// Whether every unit of the experiment is here.
    public var isComplete: Bool { units == UnitSet(0..<layout.unitCount) }

    /// The number of values `units` hold.
    static func valueCount(of units: UnitSet, in layout: ResultLayout) -> Int {
        var total = 0
        for range in units.ranges {
            total += valueCount(of: range, in: layout)
        }
        return total
    }

    /// The number of values the units of `range` hold, point by point: O(points touched).
    static func valueCount(of range: Range<Int>, in layout: ResultLayout) -> Int {
        var total = 0
        var unit = range.lowerBound
        while unit < range.upperBound {
            let point = unit / layout.replications
            let pointEnd = Swift.min(range.upperBound, (point + 1) * layout.replications)
            total += (pointEnd - unit) * layout.points[point].valuesPerReplication
            unit = pointEnd
        }
        return total
    }

    /// Combines parts of the same results (same layout, fingerprint and version) whose units do
    /// not overlap into one part, values in unit order.
    ///
    /// - Throws: `ExperimentError` when the parts disagree or overlap.
    /// - Complexity: O(values + ranges²).
    public static func combining(_ parts: [PartialResult], shard: Shard? = nil) throws(ExperimentError) -> PartialResult {
        guard let first = parts.first else { throw ExperimentError(message: "nothing to combine") }
        var pieces: [(range: Range<Int>, part: Int, offset: Int)] = []
        var units = UnitSet()
        for (index, part) in parts.enumerated() {
            guard part.layout == first.layout, part.fingerprint == first.fingerprint, part.version == first.version else {
                throw ExperimentError(message: "parts of different results cannot be combined")
            }
            var offset = 0
            for range in part.units.ranges {
                for existing in units.ranges where existing.overlaps(range) {
                    throw ExperimentError(message: "units \(existing.clamped(to: range)) are in two parts")
                }
                pieces.append((range, index, offset))
                offset += valueCount(of: range, in: first.layout)
            }
            for range in part.units.ranges { units.insert(range) }
        }
        pieces.sort { $0.range.lowerBound < $1.range.lowerBound }
        var values: [Double] = []
        values.reserveCapacity(pieces.reduce(0) { $0 + valueCount(of: $1.range, in: first.layout) })
        for piece in pieces {
            let count = valueCount(of: piece.range, in: first.layout)
            values.append(contentsOf: parts[piece.part].values[piece.offset..<piece.offset + count])
        }
        var combined = PartialResult(layout: first.layout, fingerprint: first.fingerprint, shard: shard, units: units, values: values)
        combined.version = first.version
        return combined
    }
}
