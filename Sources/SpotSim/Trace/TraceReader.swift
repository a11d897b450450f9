import Foundation

/// Reads measured spot-availability files into a ``Trace``.
///
/// ```swift
/// let trace = try TraceReader.read(
///     path: "/data/traces/skynomad/gcp-h100/us-central1-a_h100_16/full.json",
///     format: .skynomad, values: TraceFormat.skynomad.defaultValues, tick: 600,
///     field: "pools[0].spot.availability.trace")
/// ```
///
/// Rules common to every format:
/// - **The tick is declared, never guessed.** A JSON file's `metadata.gap_seconds`, when
///   present, must equal it (within 1e-9 relative); event and count files are resampled to it.
/// - **Values follow a declared convention** (``TraceValues``): `.preempted` flips 0/1
///   (count = 1 − value) and accepts nothing else; skynomad files are 0/1 whatever the
///   convention. ``Trace/isBinary`` is true for skynomad and for `.preempted`.
/// - **Event and count files are step functions**: tick `k` gets the count in force at time
///   `k·tick` once every change at or before that time (within a nanosecond) is applied; the
///   trace spans time 0 to the last event (Bamboo events) or the latest line (Bamboo counts),
///   `floor(last / tick) + 1` ticks.
/// - **One error, where it is**: the first problem is thrown as a ``ScenarioError`` whose file
///   is the trace's path, with the line and column (from 1, columns in Unicode scalars) of the
///   offending value, a field such as `<field>.data[17]` or `<field>.metadata.gap_seconds`, and
///   what was expected and found. A file that cannot be read is reported at line 1, column 1,
///   field `<field>`, expected `a readable trace file`, found `'<path>', <reason>`.
/// - **Bounded work**: files over ``maximumFileSize`` bytes, traces over ``maximumTickCount``
///   ticks, counts over ``maximumCount`` and JSON nested deeper than ``maximumJSONDepth`` are
///   rejected before they cost memory.
public enum TraceReader {
    /// The largest trace file read: 256 MiB.
    public static let maximumFileSize = 256 * 1024 * 1024
    /// The most ticks a trace may have (from its data, or after resampling to the tick).
    public static let maximumTickCount = 10_000_000
    /// The largest instance count a tick may carry.
    public static let maximumCount = 1_000_000
    /// The deepest nesting of JSON objects and lists skipped in an unknown key.
    public static let maximumJSONDepth = 512

    /// Reads `path` as `format`, with ticks of `tick` seconds and values meaning `values`.
    ///
    /// - Parameter field: the scenario field path used in messages (e.g.
    ///   `pools[0].spot.availability.trace`).
    /// - Throws: ``ScenarioError`` whose `file` is `path`, positioned inside the trace file.
    /// - Complexity: O(file size + number of ticks).
    public static func read(
        path: String, format: TraceFormat, values: TraceValues, tick: Double, field: String
    ) throws(ScenarioError) -> Trace {
        guard tick.isFinite, tick > 0 else {
            throw ScenarioError(
                file: path, line: 1, column: 1, field: field,
                expected: "a tick of more than 0 seconds", found: "a tick of \(Units.formatDecimal(tick)) seconds"
            )
        }
        let input = try load(path: path, field: field)
        let convention = Convention(format: format, values: values)
        switch format {
        case .spotTraces, .skynomad:
            return try readJSONTrace(input, convention: convention, tick: tick)
        case .bambooEvents:
            return try readBambooEvents(input, convention: convention, tick: tick)
        case .bambooCounts:
            return try readBambooCounts(input, convention: convention, tick: tick)
        }
    }

    // MARK: - The file

    static let fileExpected = "a readable trace file"

    /// The bytes of `path`, checked for size and UTF-8.
    static func load(path: String, field: String) throws(ScenarioError) -> Input {
        func fileError(_ reason: String) -> ScenarioError {
            ScenarioError(file: path, line: 1, column: 1, field: field, expected: fileExpected, found: "'\(path)', \(reason)")
        }
        let bytes: [UInt8]
        switch InputFile.readBytes(path, maximumBytes: maximumFileSize) {
        case .success(let contents): bytes = contents
        case .failure(let problem): throw fileError(problem.reason)
        }
        return Input(path: path, field: field, bytes: bytes)
    }

    /// A trace file's bytes, with what is needed to report a problem at a byte offset.
    struct Input {
        /// The file's path, as `ScenarioError.file`.
        var path: String
        /// The scenario field that named the file.
        var field: String
        /// The file's bytes (valid UTF-8).
        var bytes: [UInt8]

        /// The offset of the first byte after a UTF-8 byte-order mark, if any.
        var start: Int {
            bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        }

        /// The line and column (from 1, columns in Unicode scalars, a byte-order mark not
        /// counted) of the byte at `offset`.
        ///
        /// - Complexity: O(offset); only called to report an error.
        func location(of offset: Int) -> (line: Int, column: Int) {
            var line = 1
            var column = 1
            var index = start
            let end = Swift.min(offset, bytes.count)
            while index < end {
                let byte = bytes[index]
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                index += 1
            }
            return (line, column)
        }

        /// The error at byte `offset`, for the field `<field><suffix>` (suffix like `.data[3]`).
        func error(at offset: Int, _ suffix: String, expected: String, found: String) -> ScenarioError {
            let (line, column) = location(of: offset)
            return ScenarioError(file: path, line: line, column: column, field: field + suffix, expected: expected, found: found)
        }

        /// The text of `range`.
        func text(_ range: Range<Int>) -> String {
            String(decoding: bytes[range], as: UTF8.self)
        }

        /// Whether the file holds nothing but blanks (after a byte-order mark).
        var isBlank: Bool {
            bytes[start...].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        }
    }

    // MARK: - Values

    /// How a file's values become counts: flipped or not, 0/1 only or literal.
    struct Convention {
        var format: TraceFormat
        var values: TraceValues

        /// Whether every value must be 0 or 1: skynomad files, and any file read as `.preempted`.
        var requiresBinary: Bool { format == .skynomad || values == .preempted }

        /// What a value must be when ``requiresBinary``.
        var binaryExpected: String {
            switch values {
            case .preempted where format == .skynomad: "0 (available) or 1 (preempted), as skynomad files are"
            case .preempted: "0 (available) or 1 (preempted), as values: preempted declares"
            case .available: "0 (unavailable) or 1 (available), as values: available declares"
            }
        }

        /// The count of available instances for a file value `value` ≥ 0, or nil when the
        /// convention does not allow it (a value above 1 for binary data).
        func count(_ value: Int) -> Int? {
            if requiresBinary {
                guard value <= 1 else { return nil }
                return values == .preempted ? 1 - value : value
            }
            return value
        }
    }

    /// "a whole number from 0 to 1000000", the range of a literal count.
    static let countRange = "a whole number from 0 to \(maximumCount)"

    // MARK: - Step functions

    /// The counts per tick of a step function that is `initial` from time 0, takes
    /// `steps[i].count` from `steps[i].time` on (times in seconds from the trace's start,
    /// non-decreasing) and ends at `end` seconds: `floor(end / tick) + 1` ticks, tick `k`
    /// carrying the count after every step with time ≤ `k·tick` (within a nanosecond).
    ///
    /// Returns nil when that would be more than ``maximumTickCount`` ticks.
    ///
    /// - Complexity: O(ticks + steps).
    static func resample(steps: [(time: Double, count: Int)], initial: Int, end: Double, tick: Double) -> [Int]? {
        let tolerance = { (time: Double) in 1e-9 * Swift.max(1, abs(time)) }
        let quotient = (end + tolerance(end)) / tick
        guard quotient.isFinite, quotient < Double(maximumTickCount) else { return nil }
        var tickCount = Int(quotient.rounded(.down)) + 1
        while tickCount > 1, Double(tickCount - 1) * tick > end + tolerance(end) { tickCount -= 1 }
        while tickCount < maximumTickCount, Double(tickCount) * tick <= end + tolerance(end) { tickCount += 1 }
        var counts = [Int](repeating: 0, count: tickCount)
        var current = initial
        var next = 0
        for k in 0..<tickCount {
            let boundary = Double(k) * tick
            while next < steps.count, steps[next].time <= boundary + tolerance(boundary) {
                current = steps[next].count
                next += 1
            }
            counts[k] = current
        }
        return counts
    }
}
