/// One observed spot-node lifetime: how long the node was seen alive, and whether it was
/// still alive when observation stopped (right-censored) rather than reclaimed.
///
/// A right-censored sample says only "the lifetime is at least `seconds`"; it enters a
/// likelihood through the survival function S(t) instead of the density f(t). Dropping such
/// samples, or treating them as reclamations, biases every fitted lifetime low.
///
/// ```swift
/// let samples = [
///     LifetimeSample(seconds: 5400),                   // reclaimed after 1.5 h
///     LifetimeSample(seconds: 7200, censored: true),   // still up when the trace ended
/// ]
/// let fits = try LifetimeFit.fitAll(samples)
/// ```
///
/// Reference: Klein & Moeschberger, *Survival Analysis: Techniques for Censored and
/// Truncated Data*, 2nd ed., Springer 2003, §3.2 (right censoring).
///
/// - Complexity: a plain value; O(1) to create and compare.
public struct LifetimeSample: Sendable, Hashable {
    /// How long the node was observed alive, in seconds.
    public var seconds: Double
    /// `true` when the node was still alive at `seconds` (observation stopped: right-censored);
    /// `false` when it was reclaimed then (an event).
    public var censored: Bool

    /// A lifetime of `seconds`, an event unless `censored`.
    ///
    /// ```swift
    /// let stillUp = LifetimeSample(seconds: 3600, censored: true)
    /// ```
    ///
    /// - Complexity: O(1).
    public init(seconds: Double, censored: Bool = false) {
        self.seconds = seconds
        self.censored = censored
    }
}
