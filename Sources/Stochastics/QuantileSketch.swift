#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mergeable quantile sketch with a relative-error guarantee: integer counts in logarithmic
/// buckets, so that quantiles of millions of values need a few hundred kilobytes at most.
///
/// A non-zero value x goes to bucket i = ⌈log_γ |x|⌉ of the store for its sign, with
/// γ = (1 + α) ÷ (1 − α) and α the ``relativeAccuracy``; bucket i covers (γ^(i−1), γ^i] and
/// stands for 2γ^i ÷ (γ + 1), which is within relative error α of every value in it. Exact
/// zeros (and −0) are counted apart. Counts are integers and the bucket of a value does not
/// depend on what else was added, so sketches built from parts of a sample and merged (see
/// ``merge(_:)``) equal, bit for bit, the sketch of the whole sample in any order.
///
/// Quantiles use GSL's definition (`gsl_stats_quantile_from_sorted_data`, Hyndman & Fan
/// type 7, like ``Summary``): linear interpolation between the order statistics at ranks
/// ⌊(n − 1)p⌋ and ⌊(n − 1)p⌋ + 1 (from 0), each order statistic replaced by its bucket's
/// value and clamped to the exact ``min`` and ``max`` (ranks 0 and n − 1 are exact).
///
/// **Error bound.** Every order statistic the quantile uses is within relative error α (up
/// to rounding in `log`, about 10⁻¹² of α) of the exact one, so the quantile, (1 − h)·x̂ₖ +
/// h·x̂ₖ₊₁, is within α·((1 − h)|xₖ| + h|xₖ₊₁|) of GSL's: within relative error α when the two
/// order statistics have the same sign (or one is 0).
///
/// **Memory.** Each sign's store is dense over the range of bucket indices it has seen, at
/// 4 bytes a bucket: ln(max|x| ÷ min|x|) ÷ ln γ buckets, about 5 000 per factor e of range
/// at α = 10⁻⁴ (11 500 for a factor of 10, 46 KB). A store is capped at ``maximumBuckets``
/// (default 65 536, 256 KiB: 5.7 decades at α = 10⁻⁴); beyond, the buckets of the smallest
/// magnitudes are collapsed into the lowest kept one (Masson et al., §2.3, "collapsing the
/// lowest buckets"). The guarantee then holds for order statistics of magnitude at least
/// γ^(1 − cap) times the store's largest (2·10⁻⁶ of it at the defaults); smaller ones are
/// within γ^(2 − cap) times the largest, absolute. Which buckets are collapsed depends only on the values, never
/// on their order, so merging stays exact. ``isCollapsed`` says whether it happened.
///
/// ```swift
/// var sketch = QuantileSketch()                 // α = 1e-4
/// for x in [3.0, 1, 4, 1, 5] { sketch.insert(x) }
/// sketch.quantile(0.5)                          // 3.000…  (GSL: 3), within 1e-4 relative
/// sketch.quantile(0.99)                         // 4.96…   (GSL: 4.96; rank 4 is the exact max)
/// ```
///
/// Reference: Charles Masson, Jee E. Rim, Homin K. Lee, "DDSketch: A Fast and Fully-Mergeable
/// Quantile Sketch with Relative-Error Guarantees", PVLDB 12(12), 2019.
///
/// - Complexity: ``insert(_:)`` O(1) amortised (one `log`; O(range) when the store grows);
///   ``merge(_:)`` O(buckets); ``quantile(_:)`` O(buckets); memory O(buckets) ≤
///   2 × ``maximumBuckets`` × 4 bytes, independent of the number of values.
public struct QuantileSketch: Sendable {
    /// α: the relative error of each order statistic (see the type's discussion).
    public let relativeAccuracy: Double
    /// The cap on each sign's buckets; beyond it the smallest magnitudes are collapsed.
    public let maximumBuckets: Int
    /// γ = (1 + α) ÷ (1 − α).
    let gamma: Double
    /// ln γ.
    let logGamma: Double
    /// Values > 0, by ⌈log_γ x⌉.
    var positive: LogBucketStore
    /// Values < 0, by ⌈log_γ |x|⌉.
    var negative: LogBucketStore
    /// Values equal to 0 (either sign).
    public internal(set) var zeroCount = 0
    /// The smallest value added (0 for −0); +∞ when empty.
    public internal(set) var min = Double.infinity
    /// The largest value added (0 for −0); −∞ when empty.
    public internal(set) var max = -Double.infinity

    /// The default α: 10⁻⁴.
    public static let defaultRelativeAccuracy = 1e-4
    /// The default cap on each sign's buckets: 65 536 (256 KiB).
    public static let defaultMaximumBuckets = 65_536

    /// An empty sketch with relative error `relativeAccuracy` and at most `maximumBuckets`
    /// buckets per sign.
    ///
    /// ```swift
    /// let coarse = QuantileSketch(relativeAccuracy: 0.01, maximumBuckets: 2048)
    /// ```
    ///
    /// - Precondition: 0 < `relativeAccuracy` < 1 and `maximumBuckets` ≥ 2.
    /// - Complexity: O(1).
    public init(relativeAccuracy: Double = defaultRelativeAccuracy, maximumBuckets: Int = defaultMaximumBuckets) {
        precondition(relativeAccuracy > 0 && relativeAccuracy < 1, "relative accuracy must be in (0, 1)")
        precondition(maximumBuckets >= 2, "a sketch needs at least 2 buckets per sign")
        self.relativeAccuracy = relativeAccuracy
        self.maximumBuckets = maximumBuckets
        gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy)
        logGamma = log(gamma)
        positive = LogBucketStore(maximumBuckets: maximumBuckets)
        negative = LogBucketStore(maximumBuckets: maximumBuckets)
    }

    /// The number of values added.
    public var count: Int { positive.total + negative.total + zeroCount }

    /// Whether no value was added.
    public var isEmpty: Bool { count == 0 }

    /// Whether a store passed ``maximumBuckets`` and its smallest magnitudes were collapsed.
    public var isCollapsed: Bool { positive.isCollapsed || negative.isCollapsed }

    /// The bucket index of |x| > 0.
    @inline(__always)
    func index(ofMagnitude magnitude: Double) -> Int {
        Int((log(magnitude) / logGamma).rounded(.up))
    }

    /// The value bucket `index` stands for: 2γ^i ÷ (γ + 1), a magnitude.
    func representative(ofIndex index: Int) -> Double {
        2 * exp(Double(index) * logGamma) / (gamma + 1)
    }

    /// Adds `value`.
    ///
    /// ```swift
    /// var sketch = QuantileSketch()
    /// sketch.insert(1831.04)
    /// ```
    ///
    /// - Precondition: `value` is finite; fewer than 2³² values in all.
    /// - Complexity: O(1) amortised.
    public mutating func insert(_ value: Double) {
        precondition(value.isFinite, "a quantile sketch takes finite values")
        let x = value == 0 ? 0.0 : value  // −0 counts, and compares, as 0
        if x < min { min = x }
        if x > max { max = x }
        if x > 0 {
            positive.add(index(ofMagnitude: x), count: 1)
        } else if x < 0 {
            negative.add(index(ofMagnitude: -x), count: 1)
        } else {
            zeroCount += 1
        }
    }

    /// The `probability` quantile by GSL's definition (type 7) over the buckets, clamped to
    /// [``min``, ``max``]; `nil` when the sketch is empty. See the type's discussion for the
    /// error bound.
    ///
    /// ```swift
    /// let p99 = sketch.quantile(0.99)!
    /// ```
    ///
    /// - Precondition: `probability` is in [0, 1].
    /// - Complexity: O(buckets).
    public func quantile(_ probability: Double) -> Double? {
        precondition((0...1).contains(probability), "quantile probability must be in [0, 1]")
        let n = count
        guard n > 0 else { return nil }
        // As gsl_stats_quantile_from_sorted_data: index = p·(n − 1), lhs = ⌊index⌋.
        let position = probability * Double(n - 1)
        let lower = Int(position)
        let delta = position - Double(lower)
        if lower == n - 1 { return orderStatistic(lower) }
        return (1 - delta) * orderStatistic(lower) + delta * orderStatistic(lower + 1)
    }

    /// Whether the `probability` quantile is within the relative-error bound: `false` only
    /// when an order statistic it uses lies in a bucket that collapsed smaller magnitudes (see
    /// ``isCollapsed``) — it is then within γ^(2 − cap) × the largest magnitude, absolute.
    ///
    /// ```swift
    /// if !sketch.isWithinRelativeAccuracy(0.5) { print("p50 is among collapsed values") }
    /// ```
    ///
    /// - Precondition: `probability` is in [0, 1].
    /// - Complexity: O(buckets).
    public func isWithinRelativeAccuracy(_ probability: Double) -> Bool {
        precondition((0...1).contains(probability), "quantile probability must be in [0, 1]")
        let n = count
        guard n > 0, isCollapsed else { return true }
        let position = probability * Double(n - 1)
        let lower = Int(position)
        let ranks = lower == n - 1 || position == Double(lower) ? [lower] : [lower, lower + 1]
        return ranks.allSatisfy { rank in
            if rank == 0 || rank == n - 1 { return true }
            if rank < negative.total {
                return !negative.isCollapsed || negative.index(atRankFromTop: rank) != negative.minIndex
            }
            if rank < negative.total + zeroCount { return true }
            return !positive.isCollapsed
                || positive.index(atRankFromBottom: rank - negative.total - zeroCount) != positive.minIndex
        }
    }

    /// The estimate of the value of rank `rank` (from 0) in ascending order: exact at the ends,
    /// else its bucket's value clamped to [min, max].
    ///
    /// ```swift
    /// let median = sketch.orderStatistic(sketch.count / 2)
    /// ```
    ///
    /// - Precondition: 0 ≤ `rank` < ``count``.
    /// - Complexity: O(buckets).
    public func orderStatistic(_ rank: Int) -> Double {
        let n = count
        precondition((0..<n).contains(rank), "rank out of range")
        if rank == 0 { return min }
        if rank == n - 1 { return max }
        var estimate: Double
        if rank < negative.total {
            // Negative values ascending = magnitudes descending.
            estimate = -representative(ofIndex: negative.index(atRankFromTop: rank))
        } else if rank < negative.total + zeroCount {
            estimate = 0
        } else {
            estimate = representative(ofIndex: positive.index(atRankFromBottom: rank - negative.total - zeroCount))
        }
        if estimate < min { estimate = min }
        if estimate > max { estimate = max }
        return estimate
    }

    /// Bytes held by the buckets (capacity, not just the range in use).
    ///
    /// ```swift
    /// sketch.bucketBytes     // ≤ 2 × 1.25 × maximumBuckets × 4
    /// ```
    ///
    /// - Complexity: O(1).
    public var bucketBytes: Int { (positive.counts.capacity + negative.counts.capacity) * MemoryLayout<UInt32>.stride }
}

extension QuantileSketch: Equatable {
    /// Whether both sketches have the same accuracy, cap and counts in every bucket, and the
    /// same extremes: the same quantiles, bit for bit. How much memory each has reserved does
    /// not matter.
    ///
    /// - Complexity: O(buckets).
    public static func == (a: QuantileSketch, b: QuantileSketch) -> Bool {
        a.relativeAccuracy == b.relativeAccuracy && a.maximumBuckets == b.maximumBuckets
            && a.zeroCount == b.zeroCount && a.min.bitPattern == b.min.bitPattern && a.max.bitPattern == b.max.bitPattern
            && a.positive == b.positive && a.negative == b.negative
    }
}
