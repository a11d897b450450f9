/// Lines of comma-separated cells, the shape of both Bamboo formats.
///
/// Lines end at `\n` (a `\r` before it is dropped, so CRLF files read the same); lines of
/// nothing but blanks are skipped; cells are trimmed of spaces and tabs. Positions are byte
/// offsets into the file, turned into line:column only when a problem is reported.
extension TraceReader {
    /// One non-blank line of a comma-separated file.
    struct Line {
        /// The offset of the line's first byte.
        var start: Int
        /// The offset just past the line's last byte (before any `\r\n`).
        var end: Int
        /// Each cell's bytes, trimmed; an empty cell is an empty range just after its comma (or
        /// at the line's start).
        var cells: [Range<Int>]
    }

    /// Calls `body` with each non-blank line of `input`, in order.
    ///
    /// - Complexity: O(file size).
    static func forEachLine(_ input: Input, _ body: (Line) throws(ScenarioError) -> Void) throws(ScenarioError) {
        let bytes = input.bytes
        var start = input.start
        while start < bytes.count {
            var newline = start
            while newline < bytes.count, bytes[newline] != 0x0A { newline += 1 }
            var end = newline
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            var cells: [Range<Int>] = []
            var cellStart = start
            var blank = true
            for index in start...end {
                if index == end || bytes[index] == UInt8(ascii: ",") {
                    var low = cellStart
                    var high = index
                    while low < high, isBlank(bytes[low]) { low += 1 }
                    while high > low, isBlank(bytes[high - 1]) { high -= 1 }
                    if low < high || index < end { blank = false }
                    cells.append(low < high ? low..<high : cellStart..<cellStart)
                    cellStart = index + 1
                }
            }
            if !blank { try body(Line(start: start, end: end, cells: cells)) }
            start = newline + 1
        }
    }

    /// A space or a tab.
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// The cell `range` as an error's `found`: quoted, or `an empty value`.
    static func describeCell(_ input: Input, _ range: Range<Int>) -> String {
        range.isEmpty ? "an empty value" : YAMLField.quote(input.text(range))
    }

    /// The decimal digits of `range` as a number up to `maximum`, or nil (signs, blanks, other
    /// characters, or more than `maximum`).
    static func unsignedInteger(_ bytes: [UInt8], _ range: Range<Int>, maximum: UInt64) -> UInt64? {
        guard !range.isEmpty else { return nil }
        var value: UInt64 = 0
        for index in range {
            let digit = bytes[index] &- 0x30
            guard digit <= 9 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2, sum <= maximum else { return nil }
            value = sum
        }
        return value
    }

    /// Throws unless `line` has exactly `names.count` cells: a missing cell is reported at the
    /// line's end as the field `<field>.<name>` expecting `expected[i]`, an extra one at its start.
    static func checkCellCount(
        _ input: Input, _ line: Line, names: [String], expected: [String], lineExpected: String
    ) throws(ScenarioError) {
        let count = line.cells.count
        if count < names.count {
            let values = count == 1 ? "one value" : "\(count) values"
            throw input.error(
                at: line.end, ".\(names[count])", expected: expected[count], found: "nothing (the line has \(values))"
            )
        }
        if count > names.count {
            let extra = line.cells[names.count]
            throw input.error(at: extra.lowerBound, "", expected: lineExpected, found: "another value \(describeCell(input, extra))")
        }
    }
}
