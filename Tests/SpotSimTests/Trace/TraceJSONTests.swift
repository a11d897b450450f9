import Foundation
import Testing
@testable import SpotSim

/// The JSON formats (`spot-traces`, `skynomad`) on small files written by the tests: the value
/// conventions, the declared tick, prices, skipped keys, and one exact message
/// `<file>:<line>:<column>: error: <field>: expected …, found …` per malformed file.
@Suite struct TraceJSONTests {
    typealias F = TraceFixtures
    static let field = F.field

    // MARK: - Conventions

    /// `values: available` keeps the values, `values: preempted` flips them (count = 1 − value),
    /// so the two readings of one 0/1 file are complementary; only `preempted` marks the trace
    /// binary for spot-traces.
    @Test func conventionFlip() throws {
        let json = #"{"metadata": {"gap_seconds": 60}, "data": [1, 0, 0, 1, 1]}"#
        let available = try F.read(json, .spotTraces, values: .available, tick: 60)
        let preempted = try F.read(json, .spotTraces, values: .preempted, tick: 60)
        #expect(available.counts == [1, 0, 0, 1, 1])
        #expect(preempted.counts == [0, 1, 1, 0, 0])
        #expect(zip(available.counts, preempted.counts).allSatisfy { $0 + $1 == 1 })
        #expect(!available.isBinary)
        #expect(preempted.isBinary)
        #expect(available.tick == 60)
        #expect(available.prices == nil)
    }

    /// skynomad defaults to `preempted` (1 = preempted) and is binary either way; read as
    /// `available` it keeps the raw values.
    @Test func skynomadConvention() throws {
        #expect(TraceFormat.skynomad.defaultValues == .preempted)
        #expect(TraceFormat.spotTraces.defaultValues == .available)
        #expect(TraceFormat.bambooEvents.defaultValues == .available)
        #expect(TraceFormat.bambooCounts.defaultValues == .available)
        let json = #"{"metadata": {"gap_seconds": 600}, "data": [0, 0, 1], "prices": [18.5, 18.5, 19]}"#
        let flipped = try F.read(json, .skynomad, tick: 600)
        #expect(flipped.counts == [1, 1, 0])
        #expect(flipped.isBinary)
        #expect(flipped.prices == [18.5, 18.5, 19])
        let raw = try F.read(json, .skynomad, values: .available, tick: 600)
        #expect(raw.counts == [0, 0, 1])
        #expect(raw.isBinary)
    }

    /// Literal counts above 1 are kept as they are; whole numbers may be written `2.0` or `1e1`.
    @Test func literalCounts() throws {
        let trace = try F.read(#"{"data": [0, 16, 9, 2.0, 1e1, 0.0]}"#, .spotTraces, tick: 300)
        #expect(trace.counts == [0, 16, 9, 2, 10, 0])
        #expect(!trace.isBinary)
    }

    // MARK: - Tick

    /// A gap_seconds that differs from the declared tick is an error at that number; one equal
    /// within 1e-9 relative is accepted, and a file without metadata relies on the declared tick.
    @Test func tickMismatch() throws {
        #expect(try F.message(#"{"metadata": {"gap_seconds": 195}, "data": [1]}"#, .spotTraces, tick: 600) ==
            "trace.json:1:30: error: \(Self.field).metadata.gap_seconds: expected the scenario's tick of 600 seconds, found gap_seconds 195")
        #expect(try F.message("{\"data\": [1],\n  \"metadata\": {\"zone\": \"a\",\n    \"gap_seconds\": 600.5}}", .skynomad, tick: 600) ==
            "trace.json:3:20: error: \(Self.field).metadata.gap_seconds: expected the scenario's tick of 600 seconds, found gap_seconds 600.5")
        #expect(try F.read(#"{"metadata": {"gap_seconds": 600.0000001}, "data": [1]}"#, .spotTraces, tick: 600).counts == [1])
        #expect(try F.read(#"{"metadata": {"gap_seconds": 6e2}, "data": [1]}"#, .spotTraces, tick: 600).counts == [1])
        #expect(try F.read(#"{"data": [1, 1]}"#, .spotTraces, tick: 7.5).tick == 7.5)
        #expect(try F.message(#"{"metadata": {"gap_seconds": "600"}, "data": [1]}"#, .spotTraces, tick: 600) ==
            "trace.json:1:30: error: \(Self.field).metadata.gap_seconds: expected a number of seconds like 600, found a string '600'")
    }

    /// A tick that is not a positive finite number is refused before the file is read.
    @Test func invalidTick() throws {
        #expect(try F.message(#"{"data": [1]}"#, .spotTraces, tick: 0) ==
            "trace.json:1:1: error: \(Self.field): expected a tick of more than 0 seconds, found a tick of 0 seconds")
        #expect(try F.message(#"{"data": [1]}"#, .spotTraces, tick: -.infinity)?.contains("expected a tick of more than 0 seconds") == true)
    }

    // MARK: - Values

    /// Under `values: preempted` a value other than 0 or 1 is an error at that element, with its
    /// index; the same file read as literal counts is fine. Lines and columns count from 1.
    @Test func wrongValue() throws {
        let json = "{\"metadata\": {\"gap_seconds\": 60},\n \"data\": [1, 1,\n          2, 0]}\n"
        #expect(try F.read(json, .spotTraces, tick: 60).counts == [1, 1, 2, 0])
        #expect(try F.message(json, .spotTraces, values: .preempted, tick: 60) ==
            "trace.json:3:11: error: \(Self.field).data[2]: expected 0 (available) or 1 (preempted), as values: preempted declares, found '2'")
        #expect(try F.message(json, .skynomad, values: .available, tick: 60) ==
            "trace.json:3:11: error: \(Self.field).data[2]: expected 0 (unavailable) or 1 (available), as values: available declares, found '2'")
    }

    /// A skynomad file read with its own convention (no `values:` declared) names the format,
    /// not a declaration the scenario did not make.
    @Test func wrongValueInSkynomadFile() throws {
        let json = "{\"metadata\": {\"gap_seconds\": 60},\n \"data\": [1, 1,\n          2, 0]}\n"
        #expect(try F.message(json, .skynomad, values: TraceFormat.skynomad.defaultValues, tick: 60) ==
            "trace.json:3:11: error: \(Self.field).data[2]: expected 0 (available) or 1 (preempted), as skynomad files are, found '2'")
    }

    /// Counts must be whole numbers from 0 to TraceReader.maximumCount: fractions, negatives,
    /// strings, null, booleans, objects and too large numbers are errors at the element.
    @Test func countsMustBeWholeNonNegative() throws {
        let expected = "expected a count of available instances, a whole number from 0 to 1000000"
        let cases: [(String, String)] = [
            ("1.5", "'1.5'"), ("-1", "'-1'"), ("\"1\"", "a string '1'"), ("null", "null"), ("true", "true"),
            ("{}", "an object"), ("[1]", "a list"), ("1000001", "'1000001'"), ("1e300", "'1e300'"),
            ("99999999999999999999", "'99999999999999999999'"), ("NaN", "'NaN'"), ("01", "'0'"),
        ]
        for (value, found) in cases {
            let message = try F.message(#"{"data": [1, "# + value + "]}", .spotTraces, tick: 60)
            if value == "01" {
                // `0` is a number; the `1` glued to it is where a comma was expected.
                #expect(message == "trace.json:1:15: error: \(Self.field).data: expected ',' or ']', found '1'")
            } else {
                #expect(message == "trace.json:1:14: error: \(Self.field).data[1]: \(expected), found \(found)", "\(value)")
            }
        }
    }

    // MARK: - Prices

    /// prices must be numbers of at least 0, one per tick; without them `prices` is nil.
    @Test func prices() throws {
        #expect(try F.read(#"{"data": [1, 0], "prices": [0.918, 1e-3]}"#, .spotTraces, tick: 32).prices == [0.918, 0.001])
        #expect(try F.read(#"{"prices": [2, 3], "data": [1, 0]}"#, .spotTraces, tick: 32).prices == [2, 3])
        #expect(try F.message(#"{"data": [1, 0], "prices": [0.918]}"#, .spotTraces, tick: 32) ==
            "trace.json:1:28: error: \(Self.field).prices: expected one price per tick, 2 as data has, found 1 prices")
        #expect(try F.message(#"{"data": [1, 0], "prices": [0.918, -0.5]}"#, .spotTraces, tick: 32) ==
            "trace.json:1:36: error: \(Self.field).prices[1]: expected a price per node-hour from 0 to 1000000 like 0.918, found '-0.5'")
        #expect(try F.message(#"{"data": [1, 0], "prices": [0.918, null]}"#, .spotTraces, tick: 32) ==
            "trace.json:1:36: error: \(Self.field).prices[1]: expected a price per node-hour from 0 to 1000000 like 0.918, found null")
        #expect(try F.message(#"{"data": [1, 0], "prices": 0.918}"#, .spotTraces, tick: 32) ==
            "trace.json:1:28: error: \(Self.field).prices: expected a list of one price per node-hour per tick like [0.918, 0.918], found '0.918'")
    }

    // MARK: - Skipping

    /// Unknown keys, at the top level and in metadata, are skipped whatever they hold: nested
    /// objects and lists, strings with escapes (quotes, backslashes, \u escapes and surrogate
    /// pairs), numbers like 1e-3 and -0.5, true, false and null; blanks anywhere; a byte-order
    /// mark and CRLF line ends.
    @Test func unknownKeysAreSkipped() throws {
        let json = "\u{FEFF}{\r\n \"metadata\": {\"gap_seconds\": 600, \"start_time\": \"2025-10-04T00:10:00+00:00\",\r\n"
            + #"  "price_info": {"price": 18.979008, "components": [{"label": "cpu", "q": 96.0, "x": [1e-3, -0.5, true, false, null, [], {}]}],"#
            + "\r\n"
            + #"    "odd \"key\" \\ \/ \u00e9 \ud83d\ude00": "é \n \t"}, "gap_filled": {"gap_start_index": 696}},"#
            + "\r\n \"extra\": [[[[]]], {\"a\": {\"b\": [\"]\", \"}\"]}}], \"data\" : [ 0 , 1 ] , \"prices\":[1,2] }\r\n"
        let trace = try F.read(json, .skynomad, tick: 600)
        #expect(trace.counts == [1, 0])
        #expect(trace.prices == [1, 2])
    }

    /// Nesting deeper than TraceReader.maximumJSONDepth in a skipped value is an error rather
    /// than unbounded work.
    @Test func deepNesting() throws {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(try F.message(#"{"x": "# + deep + #", "data": [1]}"#, .spotTraces, tick: 1) ==
            "trace.json:1:519: error: \(Self.field).x: expected JSON nested at most 512 levels deep, found a deeper nesting")
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(try F.read(#"{"x": "# + fine + #", "data": [1]}"#, .spotTraces, tick: 1).counts == [1])
    }

    // MARK: - Malformed files

    /// A file cut short is reported at its end, saying what was expected there.
    @Test func truncatedJSON() throws {
        #expect(try F.message(#"{"metadata": {"gap_seconds": 60}, "data": [1, 0, 1"#, .spotTraces, tick: 60) ==
            "trace.json:1:51: error: \(Self.field).data: expected ',' or ']', found the end of the file")
        #expect(try F.message("{\"metadata\": {\"gap_seconds\": 60}, \"data\": [1, 0,\n", .spotTraces, tick: 60) ==
            "trace.json:2:1: error: \(Self.field).data[2]: expected a count of available instances, a whole number from 0 to 1000000, found the end of the file")
        #expect(try F.message(#"{"metadata": {"gap_sec"#, .spotTraces, tick: 60) ==
            "trace.json:1:15: error: \(Self.field).metadata: expected a string closed by '\"', found the end of the file")
        #expect(try F.message(#"{"data": [1], "x": {"a": [1, 2"#, .spotTraces, tick: 60) ==
            "trace.json:1:31: error: \(Self.field).x: expected ',' or ']', found the end of the file")
        #expect(try F.message(#"{"data": [1]"#, .spotTraces, tick: 60) ==
            "trace.json:1:13: error: \(Self.field): expected ',' or '}', found the end of the file")
    }

    /// An empty file, a file that is not JSON, a top level that is not an object, a missing or
    /// empty data list, a repeated key and text after the object each give one clear message.
    @Test func malformedFiles() throws {
        let object = "a JSON object like {\"metadata\": {\"gap_seconds\": 600}, \"data\": [1, 1, 0]}"
        #expect(try F.message("", .spotTraces, tick: 60) == "trace.json:1:1: error: \(Self.field): expected \(object), found an empty file")
        #expect(try F.message(" \n\n", .skynomad, tick: 60) == "trace.json:1:1: error: \(Self.field): expected \(object), found an empty file")
        #expect(try F.message("0,add,node1\n", .spotTraces, tick: 60) == "trace.json:1:1: error: \(Self.field): expected \(object), found '0'")
        #expect(try F.message("hello world", .spotTraces, tick: 60) == "trace.json:1:1: error: \(Self.field): expected \(object), found 'hello'")
        #expect(try F.message("[1, 0]", .spotTraces, tick: 60) == "trace.json:1:1: error: \(Self.field): expected \(object), found a list")
        #expect(try F.message(#"{"metadata": {"gap_seconds": 60}}"#, .spotTraces, tick: 60) ==
            "trace.json:1:1: error: \(Self.field).data: expected a list of one value per tick like [1, 1, 0], found nothing (key is missing)")
        #expect(try F.message(#"{"data": []}"#, .spotTraces, tick: 60) ==
            "trace.json:1:10: error: \(Self.field).data: expected at least one tick, found an empty list")
        #expect(try F.message(#"{"data": {"0": 1}}"#, .spotTraces, tick: 60) ==
            "trace.json:1:10: error: \(Self.field).data: expected a list of one value per tick like [1, 1, 0], found an object")
        #expect(try F.message(#"{"data": [1], "data": [0]}"#, .spotTraces, tick: 60) ==
            "trace.json:1:15: error: \(Self.field).data: expected each key once, found a second 'data' key")
        #expect(try F.message(#"{"data": [1]} {"#, .spotTraces, tick: 60) ==
            "trace.json:1:15: error: \(Self.field): expected the end of the file after the top-level object, found an object")
        #expect(try F.message(#"{"data": [1, 0,]}"#, .spotTraces, tick: 60) ==
            "trace.json:1:16: error: \(Self.field).data[2]: expected a count of available instances, a whole number from 0 to 1000000, found ']'")
        #expect(try F.message(#"{"data" [1]}"#, .spotTraces, tick: 60) ==
            "trace.json:1:9: error: \(Self.field): expected ':' after the key, found a list")
        #expect(try F.message(#"{data: [1]}"#, .spotTraces, tick: 60) ==
            "trace.json:1:2: error: \(Self.field): expected a key in double quotes or '}', found 'data'")
        #expect(try F.message(#"{"metadata": [60], "data": [1]}"#, .spotTraces, tick: 60) ==
            "trace.json:1:14: error: \(Self.field).metadata: expected an object like {\"gap_seconds\": 600}, found a list")
        #expect(try F.message(#"{"x": "a\qb", "data": [1]}"#, .spotTraces, tick: 60) ==
            "trace.json:1:9: error: \(Self.field).x: expected an escape like \\n, \\\" or \\u00e9, found '\\qb'")
        #expect(try F.message("{\"x\": \"a\tb\", \"data\": [1]}", .spotTraces, tick: 60) ==
            "trace.json:1:9: error: \(Self.field).x: expected a string without raw control characters (write \\n, \\t), found the control character U+0009")
    }

    /// Columns count Unicode scalars, not bytes, and a byte-order mark is not a column.
    @Test func columnsCountScalars() throws {
        #expect(try F.message("\u{FEFF}{\"zoné\": \"日本\", \"data\": [x]}", .spotTraces, tick: 60) ==
            "trace.json:1:25: error: \(Self.field).data[0]: expected a count of available instances, a whole number from 0 to 1000000, found 'x'")
    }

    // MARK: - The file

    /// A missing file, a directory and bytes that are not UTF-8 are reported at line 1, column 1
    /// of the path, expecting a readable trace file.
    @Test func unreadableFiles() throws {
        try F.withDirectory { directory in
            let missing = directory + "/none.json"
            #expect(throws: ScenarioError(
                file: missing, line: 1, column: 1, field: Self.field,
                expected: "a readable trace file", found: "'\(missing)', no such file"
            )) {
                try TraceReader.read(path: missing, format: .spotTraces, values: .available, tick: 60, field: Self.field)
            }
            #expect(throws: ScenarioError(
                file: directory, line: 1, column: 1, field: Self.field,
                expected: "a readable trace file", found: "'\(directory)', a directory"
            )) {
                try TraceReader.read(path: directory, format: .bambooEvents, values: .available, tick: 60, field: Self.field)
            }
            let latin1 = directory + "/latin1.json"
            try Data([0x7B, 0x22, 0xE9, 0x22, 0x7D]).write(to: URL(fileURLWithPath: latin1))
            #expect(throws: ScenarioError(
                file: latin1, line: 1, column: 1, field: Self.field,
                expected: "a readable trace file", found: "'\(latin1)', bytes that are not UTF-8"
            )) {
                try TraceReader.read(path: latin1, format: .spotTraces, values: .available, tick: 60, field: Self.field)
            }
        }
    }
}
