/// Whether `a` and `b` agree to within `relativeTolerance` of the larger magnitude, or within
/// `absoluteTolerance` (for values near zero). Equal values (including equal infinities)
/// always agree; NaN never does.
///
/// ```swift
/// #expect(isApproximatelyEqual(computed, 2.0930240544083087, relativeTolerance: 1e-12))
/// ```
func isApproximatelyEqual(
    _ a: Double, _ b: Double, relativeTolerance: Double = 1e-12, absoluteTolerance: Double = 0
) -> Bool {
    if a == b { return true }
    guard a.isFinite, b.isFinite else { return false }
    return abs(a - b) <= max(absoluteTolerance, relativeTolerance * max(abs(a), abs(b)))
}

/// Whether every element of `a` approximately equals the element of `b` at the same index.
func isApproximatelyEqual(
    _ a: [Double], _ b: [Double], relativeTolerance: Double = 1e-12, absoluteTolerance: Double = 0
) -> Bool {
    a.count == b.count
        && zip(a, b).allSatisfy {
            isApproximatelyEqual($0, $1, relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance)
        }
}
