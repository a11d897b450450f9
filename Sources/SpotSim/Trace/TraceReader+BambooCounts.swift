/// Bamboo count files (`a100x1-east1b.txt`, `v100x1-east1c.txt`): `YYYY-MM-DD, HH:MM:SS, count`
/// lines in UTC, the count of running instances.
///
/// ```text
/// 2021-12-10, 13:07:45, 80
/// 2021-12-10, 13:08:45, 80
/// 2021-12-10, 13:09:45, 80
/// 2021-12-10, 13:08:45, 70
/// ```
///
/// The measuring script logged each observation on about three consecutive lines (t, t+1m,
/// t+2m), and the next observation's first line can be earlier than the previous group's last
/// line (above: 13:08:45 after 13:09:45). So the count is taken to change at the first line of
/// each group of consecutive equal counts (a *change point*); change points must be
/// non-decreasing in time, other lines may go back. Time 0 is the first line's time; tick `k`
/// gets the count of the last change point at or before `k·tick`; the trace ends at the latest
/// time of any line: `floor(latest / tick) + 1` ticks.
extension TraceReader {
    static let countLineExpected = "lines like 2021-12-10, 13:07:45, 80 (UTC date, time, running instances)"
    static let countCells = ["date", "time", "count"]
    static let dateExpected = "a date like 2021-12-10 (UTC)"
    static let timeOfDayExpected = "a time of day like 13:07:45 (UTC)"

    /// Reads a `bamboo-counts` file.
    ///
    /// - Complexity: O(file size + ticks).
    static func readBambooCounts(_ input: Input, convention: Convention, tick: Double) throws(ScenarioError) -> Trace {
        guard !input.isBlank else {
            throw input.error(at: input.start, "", expected: countLineExpected, found: "an empty file")
        }
        let countExpected = convention.requiresBinary
            ? convention.binaryExpected
            : "a count of running instances, \(countRange) like 80"
        let cellExpected = [dateExpected, timeOfDayExpected, countExpected]
        let bytes = input.bytes
        var origin: Int64?  // the first line's time, seconds since 1970 (UTC)
        var latest: Int64 = 0
        var steps: [(time: Double, count: Int)] = []
        var change: (seconds: Int64, value: Int, offset: Int, shown: String)?  // the last change point
        try forEachLine(input) { (line) throws(ScenarioError) in
            try checkCellCount(input, line, names: countCells, expected: cellExpected, lineExpected: countLineExpected)
            let (dateCell, timeCell, countCell) = (line.cells[0], line.cells[1], line.cells[2])
            guard let day = dayNumber(bytes, dateCell) else {
                throw input.error(at: dateCell.lowerBound, ".date", expected: dateExpected, found: describeCell(input, dateCell))
            }
            guard let secondOfDay = secondOfDay(bytes, timeCell) else {
                throw input.error(at: timeCell.lowerBound, ".time", expected: timeOfDayExpected, found: describeCell(input, timeCell))
            }
            guard let raw = unsignedInteger(bytes, countCell, maximum: UInt64(maximumCount)),
                  let count = convention.count(Int(raw))
            else {
                throw input.error(at: countCell.lowerBound, ".count", expected: countExpected, found: describeCell(input, countCell))
            }
            let value = Int(raw)
            let seconds = Int64(day) * 86_400 + Int64(secondOfDay)
            let start = origin ?? seconds
            origin = start
            latest = Swift.max(latest, seconds - start)
            guard change == nil || change?.value != value else { return }
            let shown = "\(input.text(dateCell)) \(input.text(timeCell))"
            if let change, seconds < change.seconds {
                throw input.error(
                    at: dateCell.lowerBound, "",
                    expected: "a change of count no earlier than the previous one "
                        + "(\(change.shown) at line \(input.location(of: change.offset).line))",
                    found: "\(shown), where the count changes from \(change.value) to \(value)"
                )
            }
            change = (seconds, value, dateCell.lowerBound, shown)
            steps.append((Double(seconds - start), count))
        }
        guard !steps.isEmpty else {
            throw input.error(at: input.start, "", expected: countLineExpected, found: "no lines")
        }
        guard let counts = resample(steps: steps, initial: steps[0].count, end: Double(latest), tick: tick) else {
            throw input.error(
                at: input.start, "", expected: "at most \(maximumTickCount) ticks of \(Units.formatDecimal(tick)) seconds",
                found: "a trace of \(latest) seconds"
            )
        }
        return Trace(tick: tick, counts: counts, isBinary: convention.requiresBinary, source: input.path)
    }

    /// Days since 1970-01-01 of the date `YYYY-MM-DD` in `range` (years 0001–9999), or nil.
    static func dayNumber(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard range.count == 10, bytes[range.lowerBound + 4] == UInt8(ascii: "-"), bytes[range.lowerBound + 7] == UInt8(ascii: "-"),
              let year = unsignedInteger(bytes, range.lowerBound..<(range.lowerBound + 4), maximum: 9999),
              let month = unsignedInteger(bytes, (range.lowerBound + 5)..<(range.lowerBound + 7), maximum: 12),
              let day = unsignedInteger(bytes, (range.lowerBound + 8)..<range.upperBound, maximum: 31),
              year >= 1, month >= 1, day >= 1
        else { return nil }
        let (y, m, d) = (Int(year), Int(month), Int(day))
        let isLeap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let monthDays = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= monthDays[m - 1] else { return nil }
        // Howard Hinnant's days_from_civil, for the proleptic Gregorian calendar.
        let shifted = m <= 2 ? y - 1 : y
        let era = shifted / 400  // shifted ≥ 0 (years from 1), so truncation is the floor
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * ((m + 9) % 12) + 2) / 5 + d - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Seconds since midnight of the time `HH:MM:SS` in `range` (hours 0–23), or nil.
    static func secondOfDay(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard range.count == 8, bytes[range.lowerBound + 2] == UInt8(ascii: ":"), bytes[range.lowerBound + 5] == UInt8(ascii: ":"),
              let hours = unsignedInteger(bytes, range.lowerBound..<(range.lowerBound + 2), maximum: 23),
              let minutes = unsignedInteger(bytes, (range.lowerBound + 3)..<(range.lowerBound + 5), maximum: 59),
              let seconds = unsignedInteger(bytes, (range.lowerBound + 6)..<range.upperBound, maximum: 59)
        else { return nil }
        return Int(hours * 3600 + minutes * 60 + seconds)
    }
}
