/// The units of work of an experiment and the slices shards take.
///
/// A unit is one replication of one grid point, with every cell of that point (so the
/// policies of a replication stay together for pairing): unit `u` is replication
/// `u % replications` of point `u / replications`. Units are numbered point by point, so a
/// shard's contiguous slice covers whole points when there are many and parts of the
/// replications when there are few.
///
/// ```swift
/// let shard = Shard(index: 1, count: 4)
/// shard.units(of: 10)   // 2..<5: shard i takes ⌊i·T/N⌋ ..< ⌊(i+1)·T/N⌋
/// ```
public struct Shard: Sendable, Hashable, Codable, CustomStringConvertible {
    /// From 0 to `count − 1`.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        precondition(count >= 1 && (0..<count).contains(index), "a shard index is in 0..<count")
        self.index = index
        self.count = count
    }

    /// The units this shard runs out of `total`: ⌊index·total/count⌋ ..< ⌊(index+1)·total/count⌋,
    /// so every unit belongs to exactly one shard and sizes differ by at most one.
    public func units(of total: Int) -> Range<Int> {
        // Multiplied in 128 bits: index · total can pass Int.max for huge grids.
        func bound(_ i: Int) -> Int {
            let (high, low) = i.multipliedFullWidth(by: total)
            return count.dividingFullWidth((high, low)).quotient
        }
        return bound(index)..<bound(index + 1)
    }

    /// `I/N`, as `--shard` takes it.
    public var description: String { "\(index)/\(count)" }

    /// Parses `I/N` (0 ≤ I < N, 1 ≤ N ≤ 100 000); `nil` when it is not that.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
              (1...100_000).contains(count), (0..<count).contains(index) else { return nil }
        self.init(index: index, count: count)
    }
}

/// A set of units as sorted, disjoint, non-adjacent ranges.
///
/// - Complexity: insertion is O(ranges); runs insert chunks mostly in order, so the set stays
///   a handful of ranges.
public struct UnitSet: Sendable, Equatable, Codable, Sequence {
    public private(set) var ranges: [Range<Int>] = []

    public init() {}

    public init(_ range: Range<Int>) {
        if !range.isEmpty { ranges = [range] }
    }

    /// Units in the set.
    public var count: Int { ranges.reduce(0) { $0 + $1.count } }

    public var isEmpty: Bool { ranges.isEmpty }

    public func contains(_ unit: Int) -> Bool {
        ranges.contains { $0.contains(unit) }
    }

    /// Adds `range`, merging it with the ranges it touches.
    public mutating func insert(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        var lower = range.lowerBound
        var upper = range.upperBound
        var kept: [Range<Int>] = []
        var inserted = false
        for existing in ranges {
            if existing.upperBound < lower {
                kept.append(existing)
            } else if existing.lowerBound > upper {
                if !inserted { kept.append(lower..<upper); inserted = true }
                kept.append(existing)
            } else {
                lower = Swift.min(lower, existing.lowerBound)
                upper = Swift.max(upper, existing.upperBound)
            }
        }
        if !inserted { kept.append(lower..<upper) }
        ranges = kept
    }

    /// The units of `range` not in the set, in order.
    public func missing(from range: Range<Int>) -> UnitSet {
        var result = UnitSet()
        var next = range.lowerBound
        for existing in ranges where existing.overlaps(range) {
            if existing.lowerBound > next { result.insert(next..<existing.lowerBound) }
            next = Swift.max(next, existing.upperBound)
        }
        if next < range.upperBound { result.insert(next..<range.upperBound) }
        return result
    }

    public func makeIterator() -> FlattenSequence<[Range<Int>]>.Iterator {
        ranges.joined().makeIterator()
    }
}
