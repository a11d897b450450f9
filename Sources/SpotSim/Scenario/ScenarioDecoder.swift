import Foundation
import Yams

/// Reads a scenario file (YAML, see `docs/scenario-format.md`) into a validated ``Scenario``,
/// or reports the first problem as a ``ScenarioError`` with file, line, column and field.
///
/// ```swift
/// let scenario = try ScenarioDecoder.decode(contentsOf: "scenarios/quickstart.yaml")
/// let same = try ScenarioDecoder.decode(yaml: text, file: "quickstart.yaml")
/// ```
///
/// Both functions throw only ``ScenarioError`` (typed throws). Decoding reads the node tree
/// Yams composes (not `Codable`, whose errors carry no line numbers) and is bounded: files
/// over ``maximumFileSize`` bytes and documents of more than ``maximumNodeCount`` nodes after
/// alias expansion are refused before any work proportional to their expansion.
///
/// Checks run in a fixed order, so the error reported is predictable: the top-level keys in
/// the order `name`, `seed`, `replications`, `horizon`, `pools`, `storage`, `jobs`, `policies`, `baseline`,
/// `sweep` (whatever their order in the file); within a mapping, unknown keys first, then each key in the
/// order the format lists them. A sweep's points are decoded last, in grid order.
public enum ScenarioDecoder {
    /// The largest file decoded: 8 MiB.
    public static let maximumFileSize = YAMLLimits.maximumFileSize
    /// The most YAML nodes a file may have once aliases are expanded.
    public static let maximumNodeCount = YAMLLimits.maximumNodeCount

    /// Decodes the scenario in `yaml`; `file` is the name errors show.
    ///
    /// ```swift
    /// do {
    ///     let scenario = try ScenarioDecoder.decode(yaml: "name: x\n", file: "x.yaml")
    /// } catch {
    ///     print(error)  // x.yaml:1:1: error: pools: expected a non-empty list of pools, found nothing (key is missing)
    /// }
    /// ```
    public static func decode(yaml: String, file: String) throws(ScenarioError) -> Scenario {
        try YAMLLimits.checkSize(byteCount: yaml.utf8.count, file: file)
        try YAMLLimits.checkKeys(yaml, file: file)
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error, yaml: yaml, file: file)
        } catch {
            throw ScenarioError(file: file, line: 1, column: 1, field: "(yaml)", expected: "valid YAML", found: "\(error)")
        }
        guard let root else {
            throw ScenarioError(
                file: file, line: 1, column: 1, field: "(top level)",
                expected: "a mapping with name, pools, jobs and policies", found: "an empty document"
            )
        }
        try YAMLLimits.checkNodeCount(root, file: file, aliases: YAMLLimits.usesAliases(Array(yaml.utf8)))
        return try decodeScenario(YAMLField(node: root, path: "", file: file))
    }

    /// Reads and decodes the scenario file at `path`; errors name the file as `path`.
    ///
    /// A file that cannot be read, is larger than ``maximumFileSize`` or is not UTF-8 is a
    /// ``ScenarioError`` at line 1, column 1, with field `(file)`.
    ///
    /// ```swift
    /// let scenario = try ScenarioDecoder.decode(contentsOf: "scenarios/quickstart.yaml")
    /// ```
    public static func decode(contentsOf path: String) throws(ScenarioError) -> Scenario {
        func fileError(_ expected: String, _ found: String) -> ScenarioError {
            ScenarioError(file: path, line: 1, column: 1, field: "(file)", expected: expected, found: found)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw fileError("a readable scenario file", "no such file")
        }
        guard !isDirectory.boolValue else { throw fileError("a readable scenario file", "a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw fileError("a readable scenario file", "a file that cannot be opened")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            // Read one byte past the limit (never the whole of a huge or endless file).
            data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
        } catch {
            throw fileError("a readable scenario file", "a read error (\(error.localizedDescription))")
        }
        try YAMLLimits.checkSize(byteCount: data.count > maximumFileSize ? max(data.count, fileSize(path) ?? 0) : data.count, file: path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw fileError("UTF-8 text", "bytes that are not UTF-8")
        }
        return try decode(yaml: text, file: path)
    }

    /// The size of the file at `path`, when the file system knows it.
    private static func fileSize(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }

    /// A Yams error as a `(yaml)` ``ScenarioError`` at the position libyaml reports.
    static func syntaxError(_ error: YamlError, yaml: String, file: String) -> ScenarioError {
        func make(_ mark: Mark?, _ found: String, expected: String = "valid YAML") -> ScenarioError {
            at((mark?.line ?? 1, mark?.column ?? 1), found, expected: expected)
        }
        func at(_ position: (line: Int, column: Int), _ found: String, expected: String = "valid YAML") -> ScenarioError {
            ScenarioError(
                file: file, line: position.line, column: position.column, field: "(yaml)",
                expected: expected, found: found
            )
        }
        func syntax(_ context: YamlError.Context?, _ problem: String, _ mark: Mark) -> ScenarioError {
            if problem.hasPrefix("Maximum nesting level reached") {
                // libyaml's own words name its API; say what the limit is instead.
                return make(mark, "deeper nesting", expected: "at most \(YAMLLimits.maximumNesting) levels of nested lists and mappings")
            }
            var found = "a syntax error: \(problem)"
            if let context {
                found += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return make(mark, found)
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            return syntax(context, problem, mark)
        case let .composer(context, problem, mark, _):
            if let context, context.text == "expected a single document in the stream" {
                return make(mark, "a second document", expected: "a single YAML document")
            }
            return syntax(context, problem, mark)
        case let .reader(problem, offset, _, yaml):
            let position = offset.flatMap { lineAndColumn(ofCharacterOffset: $0, in: yaml) } ?? (1, 1)
            return at(position, "unreadable text: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first.map { "duplicate key \(YAMLField.quote($0))" } ?? "a duplicate key"
            return make(context.mark, key, expected: "each key once per mapping")
        case .memory:
            return make(nil, "more than the parser could allocate")
        default:
            return make(nil, "an error: \(error)")
        }
    }

    /// Line and column (from 1, columns in Unicode scalars) of the `offset`-th character.
    private static func lineAndColumn(ofCharacterOffset offset: Int, in text: String) -> (Int, Int)? {
        guard offset >= 0, let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) else {
            return nil
        }
        let before = text[..<index]
        let line = before.reduce(into: 1) { count, character in if character == "\n" { count += 1 } }
        let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
        let column = before[lineStart...].unicodeScalars.count + 1
        return (line, column)
    }

    // MARK: - The document

    static let topLevelKeys = ["name", "seed", "replications", "horizon", "pools", "storage", "jobs", "policies", "baseline", "sweep"]

    /// The default of `seed`.
    public static let defaultSeed: UInt64 = 1
    /// The default of `replications`.
    public static let defaultReplications = 1000
    /// The most `replications` a scenario may ask for.
    public static let maximumReplications = 10_000_000

    /// The scenario of the document `root`, with its sweep (when it has one) decoded last:
    /// each point is decoded by ``decodeScenarioPoint(_:)`` from the tree with the point's
    /// values written in. Trace files are read once per call (``ScenarioFileCache``).
    static func decodeScenario(_ root: YAMLField) throws(ScenarioError) -> Scenario {
        try withFileCache(file: root.file) { () throws(ScenarioError) -> Scenario in
            var scenario = try decodeScenarioPoint(root)
            if let sweepField = try root.mapping(expected: "", allowed: nil).optional("sweep") {
                scenario.sweep = try decodeSweep(sweepField, root: root)
            }
            return scenario
        }
    }

    /// The scenario of the document `root`, its `sweep` key (if any) ignored.
    static func decodeScenarioPoint(_ root: YAMLField) throws(ScenarioError) -> Scenario {
        let top = try root.mapping(expected: "a mapping with name, pools, jobs and policies", allowed: topLevelKeys)
        let name = try top.required("name", .text("a scenario name"))
        let seed = try top.optional("seed", .seed) ?? defaultSeed
        let replications = try top.optional("replications", .integer(1...maximumReplications)) ?? defaultReplications
        let horizon = try top.optional("horizon", .positiveDuration) ?? Scenario.defaultHorizon
        let pools = try decodePools(top.required("pools", expected: "a non-empty list of pools"))
        var storage = StoragePlan.noStorage
        if let storageField = top.optional("storage") { storage = try decodeStorage(storageField) }
        let jobs = try decodeJobs(top.required("jobs", expected: "a non-empty list of jobs"), pools: pools, storage: storage)
        let policies = try decodePolicies(
            top.required("policies", expected: "a non-empty list of policies"), pools: pools, jobs: jobs
        )
        var scenario = Scenario(
            name: name, seed: seed, replications: replications, horizon: horizon,
            pools: pools, jobs: jobs, policies: policies, storage: storage
        )
        if let baselineField = top.optional("baseline") {
            scenario.baseline = try decodeBaseline(baselineField, policies: policies, pools: pools)
        }
        try checkDeadlines(&scenario, top: top)
        return scenario
    }
}
