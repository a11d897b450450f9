import CGSL
import Stochastics
import Testing

@Suite("Ascending sort")
struct AscendingSortTests {
    /// What `gsl_sort` makes of `values`.
    static func gslSorted(_ values: [Double]) -> [Double] {
        var copy = values
        copy.withUnsafeMutableBufferPointer { gsl_sort($0.baseAddress, 1, $0.count) }
        return copy
    }

    static func sorted(_ values: [Double]) -> [Double] {
        var copy = values
        copy.withUnsafeMutableBufferPointer { AscendingSort.sort($0) }
        return copy
    }

    /// Arrays of summaries' kinds: costs of one magnitude, times spread over decades, signed
    /// savings, many ties, a constant, integers, extremes of the finite range, subnormals, and
    /// sizes around the radix threshold.
    static func cases() -> [[Double]] {
        var data = TestData(state: 2024)
        var cases: [[Double]] = []
        for size in [0, 1, 2, 127, 128, 129, 1000, 5000] {
            cases.append((0..<size).map { _ in 1800 + data.uniform() * 100 })
            cases.append((0..<size).map { _ in exp(data.normal() * 5) })
            cases.append((0..<size).map { _ in (data.uniform() - 0.5) * 1e4 })
            cases.append((0..<size).map { _ in Double(data.next() % 5) - 2 })
            cases.append(Array(repeating: 31.25, count: size))
            cases.append((0..<size).map { _ in
                [Double.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
                 -.leastNonzeroMagnitude, .leastNormalMagnitude, 0, 1, -1][Int(data.next() % 8)]
            })
        }
        return cases
    }

    /// Rule: without −0, the sort gives `gsl_sort`'s array bit for bit, at every size.
    @Test func equalsGSLSortBitForBit() {
        var mismatches = 0
        for values in Self.cases() {
            let mine = Self.sorted(values), gsl = Self.gslSorted(values)
            if mine.map(\.bitPattern) != gsl.map(\.bitPattern) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    /// Rule: an array that holds −0 with 0 goes to `gsl_sort`, which alone decides the order of
    /// its zeros (an interpolated quantile between them can be 0 or −0).
    @Test func negativeZeroIsLeftToGSL() {
        var data = TestData(state: 7)
        let values = (0..<1000).map { _ in [0.0, -0.0, 1, -1][Int(data.next() % 4)] }
        #expect(Self.sorted(values).map(\.bitPattern) == Self.gslSorted(values).map(\.bitPattern))
    }

    /// Rule: the mapping to keys orders every finite double as `<` does, and maps back.
    @Test func keysOrderAsTheNumbers() {
        var data = TestData(state: 99)
        let values = (0..<2000).map { _ in Double(bitPattern: data.next()) }.filter(\.isFinite) + [0, 1, -1]
        let ascending = values.sorted()
        let sorted = Self.sorted(values)
        #expect(sorted.count == ascending.count)
        #expect(zip(sorted, ascending).allSatisfy { $0 == $1 })
    }
}
