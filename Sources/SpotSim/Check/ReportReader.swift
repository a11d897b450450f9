/// Reads spotsim JSON reports (`spotsim run --format json`, schema 1 and later) into
/// ``ParsedReport``s, keeping every number as written.
///
/// ```swift
/// do {
///     let report = try ReportReader.read(path: "baseline.json")
/// } catch {
///     print(error)
///     // baseline.json: error: schema_version: expected a spotsim JSON report (the output of
///     // spotsim run --format json), found nothing (key is missing)
/// }
/// ```
///
/// The first problem is one ``ReportReadError`` naming the file, the field (`results[3].metrics.cost_usd.ci95`),
/// what was expected and what was found.
public enum ReportReader {
    /// The largest report read: 256 MiB.
    public static let maximumFileSize = 256 * 1024 * 1024

    /// The newest schema this reader understands (see ``JSONReport/schemaVersion``); a sweep's
    /// results (schema 3) are read whatever the number.
    public static var newestSchema: Int { max(3, JSONReport.schemaVersion) }

    /// What a report is, in messages.
    static let aReport = "a spotsim JSON report (the output of spotsim run --format json)"

    /// Reads and parses the report at `path`.
    ///
    /// - Throws: ``ReportReadError``.
    /// - Complexity: O(n) in the file's size.
    public static func read(path: String) throws(ReportReadError) -> ParsedReport {
        switch InputFile.readText(path, maximumBytes: maximumFileSize) {
        case .success(let text):
            return try parse(text, file: path)
        case .failure(let problem):
            throw ReportReadError(file: path, field: "(file)", expected: "a readable file holding \(aReport)", found: problem.reason)
        }
    }

    /// Parses the report `text`; `file` names it in errors.
    ///
    /// - Throws: ``ReportReadError``.
    /// - Complexity: O(n) in the text's length, plus O(r log r) for r results.
    public static func parse(_ text: String, file: String) throws(ReportReadError) -> ParsedReport {
        let json: ReportJSON
        do {
            json = try ReportJSON.parse(text)
        } catch {
            let found = text.allSatisfy(\.isWhitespace) ? "an empty file" : "text that is not JSON (\(error.reason))"
            throw ReportReadError(file: file, field: "(file)", expected: aReport, found: found)
        }
        return try parse(json, file: file)
    }

    /// The report `json` holds (a document ``ReportJSON/parse(_:)`` read); `file` names it in
    /// errors.
    ///
    /// ```swift
    /// let json = try ReportJSON.parse(text)
    /// if ReportReader.looksLikeReport(json) { let report = try ReportReader.parse(json, file: "r.json") }
    /// ```
    ///
    /// - Throws: ``ReportReadError``.
    /// - Complexity: O(n) in the document's size, plus O(r log r) for r results.
    public static func parse(_ json: ReportJSON, file: String) throws(ReportReadError) -> ParsedReport {
        try Reader(file: file).report(json)
    }

    /// Whether `json` claims to be a spotsim JSON report: an object with `schema_version`
    /// (which no scenario file has), whether or not the rest of it is right.
    ///
    /// ```swift
    /// ReportReader.looksLikeReport(try ReportJSON.parse(#"{"schema_version": 2}"#))   // true
    /// ReportReader.looksLikeReport(try ReportJSON.parse(#"{"name": "quickstart"}"#))  // false
    /// ```
    ///
    /// - Complexity: O(1).
    public static func looksLikeReport(_ json: ReportJSON) -> Bool {
        guard case .object(let top) = json else { return false }
        return top["schema_version"] != nil
    }

    /// The parsing state: the file's name, for errors.
    private struct Reader {
        var file: String

        func error(_ field: String, _ expected: String, _ found: ReportJSON?) -> ReportReadError {
            ReportReadError(file: file, field: field, expected: expected, found: found?.kind ?? "nothing (key is missing)")
        }

        func object(_ value: ReportJSON?, _ field: String, _ expected: String) throws(ReportReadError) -> [String: ReportJSON] {
            guard case .object(let object)? = value else { throw error(field, expected, value) }
            return object
        }

        func string(_ value: ReportJSON?, _ field: String) throws(ReportReadError) -> String {
            guard case .string(let text)? = value else { throw error(field, "a string", value) }
            return text
        }

        func integer(_ value: ReportJSON?, _ field: String, _ expected: String) throws(ReportReadError) -> String {
            guard case .number(let number)? = value, number.text.allSatisfy(\.isASCII),
                  number.text.allSatisfy(\.isNumber) else { throw error(field, expected, value) }
            return number.text
        }

        func report(_ json: ReportJSON) throws(ReportReadError) -> ParsedReport {
            let top = try object(json, "(top level)", "an object, \(ReportReader.aReport)")
            guard case .number(let schemaNumber)? = top["schema_version"] else {
                throw error("schema_version", ReportReader.aReport, top["schema_version"])
            }
            guard let schema = Int(schemaNumber.text), (1...ReportReader.newestSchema).contains(schema) else {
                throw ReportReadError(
                    file: file, field: "schema_version",
                    expected: "1 to \(ReportReader.newestSchema) (the report schemas this spotsim reads)", found: schemaNumber.text
                )
            }
            let version = try string(top["spotsim_version"], "spotsim_version")
            let scenario = try string(top["scenario"], "scenario")
            let seed = try integer(top["seed"], "seed", "an integer from 0")
            let replicationsText = try integer(top["replications"], "replications", "an integer from 1")
            guard let replications = Int(replicationsText), replications >= 1 else {
                throw error("replications", "an integer from 1", top["replications"])
            }
            var baseline: String? = nil
            switch top["baseline"] {
            case nil, .null?: break
            case .string(let name)?: baseline = name
            case let other: throw error("baseline", "a policy's name or null", other)
            }
            var sweep: [String] = []
            if let value = top["sweep"] {
                guard case .array(let paths) = value else { throw error("sweep", "a list of parameter paths", value) }
                for (index, path) in paths.enumerated() {
                    sweep.append(try string(path, "sweep[\(index)]"))
                }
            }
            var statistics = StatisticsMode.exact
            if let value = top["statistics"] {
                let object = try object(value, "statistics", "an object with the statistics mode")
                let modes = StatisticsMode.allCases.map(\.rawValue).joined(separator: " or ")
                guard case .string(let name)? = object["mode"], let mode = StatisticsMode(rawValue: name) else {
                    throw error("statistics.mode", modes, object["mode"])
                }
                statistics = mode
            }
            guard case .array(let entries)? = top["results"] else {
                throw error("results", "a list of results", top["results"])
            }
            var results: [ParsedResult] = []
            var seen: [ResultIdentity: Int] = [:]
            for (index, entry) in entries.enumerated() {
                let result = try self.result(entry, field: "results[\(index)]", sweepOrder: sweep)
                if let first = seen[result.identity] {
                    throw ReportReadError(
                        file: file, field: "results[\(index)]",
                        expected: "one result per job, policy, interval and sweep point",
                        found: "a second result for \(result.identity) (the first is results[\(first)])"
                    )
                }
                seen[result.identity] = index
                results.append(result)
            }
            var report = ParsedReport(
                file: file, schemaVersion: schema, spotsimVersion: version, scenario: scenario, seed: seed,
                replications: replications, baseline: baseline, sweepParameters: sweep, results: results
            )
            report.statistics = statistics
            return report
        }

        func result(_ json: ReportJSON, field: String, sweepOrder: [String]) throws(ReportReadError) -> ParsedResult {
            let entry = try object(json, field, "a result (an object with job, policy, settings and metrics)")
            let job = try string(entry["job"], "\(field).job")
            let policy = try string(entry["policy"], "\(field).policy")
            let settings = try object(entry["settings"], "\(field).settings", "an object of settings")
            let interval = try string(settings["interval"], "\(field).settings.interval")

            var sweep: [(path: String, value: String)] = []
            if let value = entry["sweep"] {
                let values = try object(value, "\(field).sweep", "an object of parameter path → value")
                let paths = sweepOrder.filter { values[$0] != nil } + values.keys.filter { !sweepOrder.contains($0) }.sorted()
                for path in paths {
                    sweep.append((path, try string(values[path], "\(field).sweep.\(path)")))
                }
            }

            var found: [String: MetricSummary?] = [:]
            let metrics = try object(entry["metrics"], "\(field).metrics", "an object of metric name → summary")
            for (name, value) in metrics {
                found[name] = try summary(value, "\(field).metrics.\(name)", nullable: false)
            }
            if let value = entry["versus"] {
                let versus = try object(value, "\(field).versus", "an object with baseline and the comparisons")
                for (name, value) in versus where name != "baseline" {
                    guard found[name] == nil else {
                        throw error("\(field).versus.\(name)", "a comparison whose name no metric has", value)
                    }
                    found[name] = try summary(value, "\(field).versus.\(name)", nullable: true)
                }
            }
            if let value = entry[MetricDirection.overOptimum] {
                found[MetricDirection.overOptimum] = try summary(value, "\(field).\(MetricDirection.overOptimum)", nullable: true)
            }
            let known = MetricDirection.knownMetrics
            let order = known.filter { found[$0] != nil } + found.keys.filter { !known.contains($0) }.sorted()
            return ParsedResult(
                identity: ResultIdentity(job: job, policy: policy, interval: interval, sweep: sweep),
                settings: settings,
                metrics: order.map { MetricEntry(name: $0, summary: found[$0]!) }
            )
        }

        func summary(_ json: ReportJSON, _ field: String, nullable: Bool) throws(ReportReadError) -> MetricSummary? {
            if nullable, json == .null { return nil }
            let expected = "a summary {mean, sd, ci95, p50, p90, p99}\(nullable ? " or null" : "")"
            let object = try object(json, field, expected)
            func number(_ key: String) throws(ReportReadError) -> ReportNumber? {
                switch object[key] {
                case .number(let number)?: return number
                case .null?: return nil
                case let other: throw error("\(field).\(key)", "a number or null", other)
                }
            }
            var interval: MetricSummary.Interval? = nil
            switch object["ci95"] {
            case .null?: break
            case .array(let bounds)? where bounds.count == 2:
                guard case .number(let lower) = bounds[0], case .number(let upper) = bounds[1] else {
                    throw error("\(field).ci95", "null or [lower, upper]", object["ci95"])
                }
                interval = MetricSummary.Interval(lower: lower, upper: upper)
            case let other:
                throw error("\(field).ci95", "null or [lower, upper]", other)
            }
            return MetricSummary(
                mean: try number("mean"), sd: try number("sd"), ci95: interval,
                p50: try number("p50"), p90: try number("p90"), p99: try number("p99")
            )
        }
    }
}

/// A file that is not a spotsim JSON report, or not one this spotsim reads: the file, the
/// field, what was expected and what was found.
///
/// ```text
/// old.json: error: results[3].metrics.cost_usd.ci95: expected null or [lower, upper], found a string "wide"
/// ```
public struct ReportReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// The JSON path of the field: `results[3].metrics.cost_usd.ci95`; `(file)` for an
    /// unreadable file or one that is not JSON, `(top level)` for the document itself.
    public var field: String
    public var expected: String
    public var found: String

    public init(file: String, field: String, expected: String, found: String) {
        self.file = file
        self.field = field
        self.expected = expected
        self.found = found
    }

    /// `<file>: error: <field>: expected <expected>, found <found>`.
    public var description: String {
        "\(file): error: \(field): expected \(expected), found \(found)"
    }
}
