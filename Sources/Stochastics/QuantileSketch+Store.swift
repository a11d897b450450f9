/// The buckets of one sign of a ``QuantileSketch``: counts by bucket index, dense over the
/// range of indices seen, at most `maximumBuckets` wide.
///
/// When a value would make the range wider than the cap, every index below
/// `maxIndex − maximumBuckets + 1` counts in that bucket instead (the smallest magnitudes are
/// collapsed). The result depends only on the multiset of indices added, never their order:
/// an index lands in its own bucket exactly when it is above the final collapse bound, which is
/// a function of the largest index ever seen.
///
/// ```swift
/// var store = LogBucketStore(maximumBuckets: 4)
/// store.add(10, count: 1); store.add(3, count: 2)   // 3 is 8 below 10: collapsed into 7
/// store.index(atRankFromBottom: 0)                   // 7
/// ```
///
/// - Complexity: `add` O(1) amortised (O(range) when the storage grows); memory at most
///   about 1.25 × `maximumBuckets` counts.
struct LogBucketStore: Sendable {
    /// `counts[k]` is the count of bucket `offset + k`.
    private(set) var counts: [UInt32] = []
    private(set) var offset = 0
    /// The lowest and highest bucket index holding counts (meaningful when `total > 0`).
    private(set) var minIndex = 0
    private(set) var maxIndex = 0
    /// The values in the store.
    private(set) var total = 0
    let maximumBuckets: Int
    /// Whether the range ever exceeded the cap (the lowest kept bucket then also holds every
    /// smaller magnitude).
    private(set) var isCollapsed = false

    init(maximumBuckets: Int) {
        self.maximumBuckets = maximumBuckets
    }

    /// Adds `count` values of bucket `index`.
    ///
    /// - Precondition: the store's total stays below 2³² per bucket.
    mutating func add(_ index: Int, count: Int) {
        guard count > 0 else { return }
        var index = index
        if total == 0 {
            minIndex = index
            maxIndex = index
        } else if index > maxIndex {
            maxIndex = index
            if maxIndex - minIndex + 1 > maximumBuckets { collapse(below: maxIndex - maximumBuckets + 1) }
        } else if index < minIndex {
            if maxIndex - index + 1 > maximumBuckets {
                // Below the collapse bound: counts in the bound's bucket, the lowest kept.
                let bound = maxIndex - maximumBuckets + 1
                if bound > minIndex { collapse(below: bound) } else { minIndex = bound }
                index = bound
                isCollapsed = true
            } else {
                minIndex = index
            }
        }
        reserve(minIndex, maxIndex)
        counts[index - offset] += UInt32(count)
        total += count
    }

    /// Moves the counts of the buckets below `bound` into `bound`'s and makes it the lowest.
    private mutating func collapse(below bound: Int) {
        guard bound > minIndex else { return }
        var moved: UInt64 = 0
        let storedEnd = offset + counts.count
        var index = minIndex
        while index < bound && index < storedEnd {
            moved += UInt64(counts[index - offset])
            counts[index - offset] = 0
            index += 1
        }
        minIndex = bound
        isCollapsed = true
        reserve(minIndex, maxIndex)
        counts[bound - offset] += UInt32(moved)
    }

    /// Makes `counts` cover `lower...upper`, with a quarter of slack on the growing side;
    /// storage below `lower` (collapsed buckets) is dropped when it reallocates.
    private mutating func reserve(_ lower: Int, _ upper: Int) {
        if !counts.isEmpty, lower >= offset, upper < offset + counts.count { return }
        let span = upper - lower + 1
        let slack = Swift.min(Swift.max(64, span / 4), Swift.max(0, maximumBuckets + maximumBuckets / 4 - span))
        var newOffset = lower
        if !counts.isEmpty, lower < offset { newOffset = lower - slack }  // growing downwards
        let newCount = span + slack
        var grown = [UInt32](repeating: 0, count: newCount)
        if !counts.isEmpty, total > 0 {
            // Copy the live range (the part of minIndex...maxIndex already stored).
            let from = Swift.max(minIndex, offset, newOffset)
            let to = Swift.min(maxIndex, offset + counts.count - 1, newOffset + newCount - 1)
            if from <= to {
                for index in from...to { grown[index - newOffset] = counts[index - offset] }
            }
        }
        counts = grown
        offset = newOffset
    }

    /// The count of bucket `index`.
    func count(at index: Int) -> Int {
        guard total > 0, index >= minIndex, index <= maxIndex else { return 0 }
        return Int(counts[index - offset])
    }

    /// The bucket of the value of rank `rank` (from 0) in ascending index order.
    func index(atRankFromBottom rank: Int) -> Int {
        var seen = 0
        for index in minIndex...maxIndex {
            seen += Int(counts[index - offset])
            if seen > rank { return index }
        }
        return maxIndex
    }

    /// The bucket of the value of rank `rank` (from 0) in descending index order.
    func index(atRankFromTop rank: Int) -> Int {
        var seen = 0
        for index in stride(from: maxIndex, through: minIndex, by: -1) {
            seen += Int(counts[index - offset])
            if seen > rank { return index }
        }
        return minIndex
    }

    /// Adds every count of `other` (same cap).
    ///
    /// - Complexity: O(other's range), plus O(range) when the storage grows.
    mutating func merge(_ other: LogBucketStore) {
        guard other.total > 0 else { return }
        // Highest first, so the collapse bound moves up before lower buckets arrive.
        add(other.maxIndex, count: other.count(at: other.maxIndex))
        if other.maxIndex > other.minIndex {
            for index in stride(from: other.maxIndex - 1, through: other.minIndex, by: -1) {
                add(index, count: other.count(at: index))
            }
        }
        if other.isCollapsed { isCollapsed = true }
    }
}

extension LogBucketStore: Equatable {
    /// Same counts in every bucket and the same collapse state; reserved storage is ignored.
    static func == (a: LogBucketStore, b: LogBucketStore) -> Bool {
        guard a.total == b.total, a.isCollapsed == b.isCollapsed, a.maximumBuckets == b.maximumBuckets else { return false }
        guard a.total > 0 else { return true }
        guard a.minIndex == b.minIndex, a.maxIndex == b.maxIndex else { return false }
        for index in a.minIndex...a.maxIndex where a.count(at: index) != b.count(at: index) { return false }
        return true
    }
}
