import Foundation

/// Replayed traces: `availability: { trace: …, format: …, tick: … }` under a pool's `spot:`.
///
/// ```yaml
/// spot:
///   price: 0.9731/h            # or `trace`: the trace's own per-tick prices
///   availability:
///     trace: skypilot-spot-traces/availability/1-node/aws-02-15-2023/us-west-2b_v100_1.json
///     format: spot-traces      # spot-traces, skynomad, bamboo-events, bamboo-counts
///     tick: 195s               # declared, never guessed; checked against the file when it says
///     windows: [19, 191, 531]  # each replication's start tick, or `random`
///     past_end: refuse         # or wrap
/// ```
///
/// Trace paths are relative to the data directory: `--data-dir`, else the `SPOTSIM_DATA`
/// environment variable. The trace files are other people's public data and are not shipped.
extension ScenarioDecoder {
    static let traceKeys = ["trace", "format", "values", "tick", "windows", "past_end", "window"]
    /// The environment variable naming the data directory when `--data-dir` is not given.
    public static let dataDirectoryVariable = "SPOTSIM_DATA"

    /// Decodes a scenario file whose traces are found under `dataDirectory` (`nil`: the
    /// `SPOTSIM_DATA` environment variable, else only absolute trace paths work).
    public static func decode(contentsOf path: String, dataDirectory: String?) throws(ScenarioError) -> Scenario {
        do {
            return try MarketFiles.$dataDirectory.withValue(dataDirectory) {
                try decode(contentsOf: path)
            }
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(file: path, line: 1, column: 1, field: "(file)", expected: "a scenario", found: "\(error)")
        }
    }

    /// Decodes scenario text whose traces are found under `dataDirectory`.
    public static func decode(yaml: String, file: String, dataDirectory: String?) throws(ScenarioError) -> Scenario {
        do {
            return try MarketFiles.$dataDirectory.withValue(dataDirectory) {
                try decode(yaml: yaml, file: file)
            }
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(file: file, line: 1, column: 1, field: "(file)", expected: "a scenario", found: "\(error)")
        }
    }

    /// Whether an availability field is a trace mapping (has a `trace` key).
    static func isTraceAvailability(_ field: YAMLField) -> Bool {
        guard field.isMapping, let mapping = try? field.mapping(expected: "", allowed: nil) else { return false }
        return mapping.optional("trace") != nil
    }

    /// `availability: { trace: …, format: …, tick: … }`.
    static func decodeTraceAvailability(_ field: YAMLField) throws(ScenarioError) -> TraceReplay {
        let mapping = try field.mapping(expected: "a trace mapping with trace, format and tick", allowed: traceKeys)
        let pathField = try mapping.required("trace", expected: "a trace file path relative to the data directory")
        let formatName = try mapping.required("format", .oneOf(TraceFormat.allCases.map(\.rawValue)))
        let format = TraceFormat(rawValue: formatName)!
        let values = try mapping.optional("values", .oneOf(TraceValues.allCases.map(\.rawValue)))
            .flatMap(TraceValues.init(rawValue:)) ?? format.defaultValues
        let tick = try mapping.required("tick", .positiveDuration)
        let path = try resolveTracePath(pathField)
        let trace = try readTraceOnce(  // once per decode, however many sweep points
            path: path, format: format, values: values, tick: tick, field: pathField.path
        )
        guard !trace.counts.isEmpty else {
            throw pathField.error(expected: "a trace with at least one tick", found: "an empty trace")
        }
        let pastEnd = try mapping.optional("past_end", .oneOf(TracePastEnd.allCases.map(\.rawValue)))
            .flatMap(TracePastEnd.init(rawValue:)) ?? .refuse
        var windows = TraceWindows.random
        if let windowsField = mapping.optional("windows") {
            let expected = "random, or a list of start ticks from 0 to \(trace.counts.count - 1) like [19, 191, 531]"
            if windowsField.isScalar {
                _ = try windowsField.read(.oneOf(["random"]))
            } else {
                let items = try windowsField.nonEmptyList(expected: expected)
                var starts: [Int] = []
                for item in items {
                    starts.append(try item.read(.integer(0...(trace.counts.count - 1))))
                }
                windows = .listed(starts)
            }
        }
        var windowTicks = 0
        if let window = try mapping.optional("window", .positiveDuration) {
            let ticks = (window / tick - 1e-9).rounded(.up)
            guard ticks <= Double(TraceReader.maximumTickCount) else {
                throw try mapping.required("window", expected: "").error(
                    expected: "a window of at most \(TraceReader.maximumTickCount) ticks (\(Units.formatDuration(Double(TraceReader.maximumTickCount) * tick)))"
                )
            }
            windowTicks = Int(ticks)
            if pastEnd == .refuse, windowTicks > trace.counts.count {
                throw try mapping.required("window", expected: "").error(
                    expected: "a window no longer than the trace (\(Units.formatDuration(Double(trace.counts.count) * tick)))",
                    found: Units.formatDuration(window)
                )
            }
        }
        return TraceReplay(trace: trace, windows: windows, pastEnd: pastEnd, windowTicks: windowTicks)
    }

    /// The trace file named at `field`: absolute as is, else under the data directory.
    static func resolveTracePath(_ field: YAMLField) throws(ScenarioError) -> String {
        let name = try field.read(.text("a trace file path relative to the data directory"))
        if name.hasPrefix("/") { return name }
        let directory = MarketFiles.dataDirectory ?? ProcessInfo.processInfo.environment[dataDirectoryVariable]
        guard let directory, !directory.isEmpty else {
            throw field.error(
                expected: "a trace file under the data directory (give --data-dir or set \(dataDirectoryVariable))",
                found: "\(YAMLField.quote(name)) with no data directory set"
            )
        }
        return URL(fileURLWithPath: directory).appendingPathComponent(name).path
    }
}
