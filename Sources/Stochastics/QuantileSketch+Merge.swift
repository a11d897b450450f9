extension QuantileSketch {
    /// Adds every value of `other` to this sketch, as if they had been inserted here.
    ///
    /// Counts are integers and a value's bucket does not depend on the other values, so
    /// merging per-thread (or per-shard) sketches in any order gives, bit for bit, the sketch
    /// of all the values — and the same quantiles.
    ///
    /// ```swift
    /// var whole = sketchOfFirstHalf
    /// whole.merge(sketchOfSecondHalf)    // == one sketch over both halves
    /// ```
    ///
    /// - Precondition: both sketches have the same ``relativeAccuracy`` and ``maximumBuckets``;
    ///   fewer than 2³² values in all.
    /// - Complexity: O(buckets of `other`), plus O(buckets) when this sketch's range grows.
    public mutating func merge(_ other: QuantileSketch) {
        precondition(
            other.relativeAccuracy == relativeAccuracy && other.maximumBuckets == maximumBuckets,
            "only sketches with the same accuracy and cap merge"
        )
        positive.merge(other.positive)
        negative.merge(other.negative)
        zeroCount += other.zeroCount
        if other.min < min { min = other.min }
        if other.max > max { max = other.max }
    }

    /// This sketch and `other` merged (see ``merge(_:)``).
    ///
    /// ```swift
    /// let whole = perThread.reduce(QuantileSketch()) { $0.merging($1) }
    /// ```
    ///
    /// - Complexity: as ``merge(_:)``, plus a copy of this sketch.
    public func merging(_ other: QuantileSketch) -> QuantileSketch {
        var copy = self
        copy.merge(other)
        return copy
    }
}
