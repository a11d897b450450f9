import Foundation
@testable import SpotSim

/// Small trace files written by the tests, and the one-line messages of reading them.
enum TraceFixtures {
    /// The field path the tests pass to the reader.
    static let field = "pools[0].spot.availability.trace"

    /// Runs `body` with the path of a fresh temporary directory, removed afterwards.
    static func withDirectory<T>(_ body: (String) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spotsim-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    /// Writes `contents` as `name` in a temporary directory and runs `body` with its path.
    static func withFile<T>(_ contents: String, name: String = "trace.json", _ body: (String) throws -> T) throws -> T {
        try withDirectory { directory in
            let path = directory + "/" + name
            try contents.write(toFile: path, atomically: true, encoding: .utf8)
            return try body(path)
        }
    }

    /// The trace read from `contents`, written to a temporary file.
    static func read(
        _ contents: String, _ format: TraceFormat, values: TraceValues? = nil, tick: Double
    ) throws -> Trace {
        try withFile(contents, name: name(for: format)) { path in
            try TraceReader.read(path: path, format: format, values: values ?? format.defaultValues, tick: tick, field: field)
        }
    }

    /// The error of reading `contents` with the file's path replaced by `trace.<ext>`, or nil
    /// when it reads.
    static func message(
        _ contents: String, _ format: TraceFormat, values: TraceValues? = nil, tick: Double
    ) throws -> String? {
        try withFile(contents, name: name(for: format)) { path in
            do {
                _ = try TraceReader.read(path: path, format: format, values: values ?? format.defaultValues, tick: tick, field: field)
                return nil
            } catch let error as ScenarioError {
                var shown = error
                shown.file = (path as NSString).lastPathComponent
                return shown.description
            } catch {
                return "unexpected error \(error)"
            }
        }
    }

    /// `trace.json` for the JSON formats, `trace.csv` for Bamboo events, `trace.txt` for counts.
    static func name(for format: TraceFormat) -> String {
        switch format {
        case .spotTraces, .skynomad: "trace.json"
        case .bambooEvents: "trace.csv"
        case .bambooCounts: "trace.txt"
        }
    }
}
