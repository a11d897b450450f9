import CGSL

/// Sorts finite doubles ascending into exactly the array `gsl_sort` makes, in linear time.
///
/// A least-significant-digit radix sort (Knuth, *The Art of Computer Programming* vol. 3,
/// §5.2.5) on the values' bit patterns, mapped so that unsigned order is numeric order: the
/// sign bit flipped for positive values, every bit for negative ones. One pass counts all eight
/// bytes; each byte whose values are not all the same then moves the keys once, stably. A
/// summary's replications (a few thousand values, many of them equal or of one magnitude) sort
/// several times faster than by `gsl_sort`'s heapsort.
///
/// The result is `gsl_sort`'s, bit for bit: two finite doubles that compare equal have the same
/// bits, except 0 and −0, so an array without −0 has one ascending order. An array that holds
/// −0 is sorted by `gsl_sort` itself, which decides where its zeros go.
///
/// ```swift
/// var values = [3.5, -1, 2, 2, 1e300]
/// values.withUnsafeMutableBufferPointer { AscendingSort.sort($0) }   // [-1, 2, 2, 3.5, 1e300]
/// ```
///
/// - Complexity: O(n) time (at most 8 passes that move the values, and one that counts),
///   O(n) extra memory; below ``radixThreshold`` values, `gsl_sort`'s O(n log n).
public enum AscendingSort {
    /// The fewest values sorted by radix; fewer go to `gsl_sort`, whose lack of set-up wins.
    public static let radixThreshold = 128

    /// Sorts `values` ascending, as `gsl_sort` does.
    ///
    /// - Precondition: every value is finite (not checked here: `Summary` checks it).
    public static func sort(_ values: UnsafeMutableBufferPointer<Double>) {
        let n = values.count
        guard n >= radixThreshold, let base = values.baseAddress,
              !values.contains(where: { $0.bitPattern == (-0.0 as Double).bitPattern })
        else {
            if n > 1 { gsl_sort(values.baseAddress, 1, n) }
            return
        }
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * n)
        defer { keys.deallocate() }
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 8 * 256)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0, count: 8 * 256)
        for index in 0..<n {
            let key = orderedKey(base[index])
            keys[index] = key
            for byte in 0..<8 { counts[byte &* 256 &+ Int(truncatingIfNeeded: key >> UInt64(byte &* 8)) & 255] &+= 1 }
        }
        var source = keys
        var target = keys + n
        for byte in 0..<8 {
            let histogram = counts + byte * 256
            let shift = UInt64(byte * 8)
            // Every key has the same byte here: this pass would leave the order as it is.
            if histogram[Int(truncatingIfNeeded: source[0] >> shift) & 255] == n { continue }
            var start = 0
            for digit in 0..<256 {
                let count = histogram[digit]
                histogram[digit] = start
                start &+= count
            }
            for index in 0..<n {
                let key = source[index]
                let digit = Int(truncatingIfNeeded: key >> shift) & 255
                target[histogram[digit]] = key
                histogram[digit] &+= 1
            }
            swap(&source, &target)
        }
        for index in 0..<n { base[index] = value(ofOrderedKey: source[index]) }
    }

    /// `value`'s bit pattern, mapped so that unsigned order is numeric order.
    @inline(__always)
    static func orderedKey(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits >> 63 == 0 ? bits | (1 << 63) : ~bits
    }

    /// The value whose ``orderedKey(_:)`` is `key`.
    @inline(__always)
    static func value(ofOrderedKey key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }
}
