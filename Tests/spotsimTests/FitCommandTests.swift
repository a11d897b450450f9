import Foundation
import SpotSim
import Stochastics
import Testing

/// `spotsim fit` end to end: the built executable on CSV files and on the real SkyPilot traces.
@Suite struct FitCommandTests {
    /// 40 lifetimes at the (i − ½)/40 quantiles of a Weibull with scale 1 h and shape 0.5,
    /// rounded to seconds; the six beyond the 0.85 quantile (12957 s) are censored there.
    /// Deterministic, and clearly heavy-tailed: Weibull beats log-normal (ΔAIC ≈ 2.3) and
    /// exponential (ΔAIC ≈ 27).
    static let weibullCSV = """
        seconds,censored
        1,0
        5,0
        15,0
        30,0
        51,0
        79,0
        113,0
        155,0
        205,0
        265,0
        334,0
        414,0
        505,0
        610,0
        730,0
        865,0
        1018,0
        1192,0
        1388,0
        1609,0
        1858,0
        2141,0
        2460,0
        2823,0
        3236,0
        3707,0
        4247,0
        4871,0
        5594,0
        6440,0
        7440,0
        8636,0
        10088,0
        11886,0
        12957,1
        12957,1
        12957,1
        12957,1
        12957,1
        12957,1

        """

    /// The folder of the aws-04-22-2023 SkyPilot preemption traces: `SPOTSIM_SHARED_DIR`
    /// (the shared folder) or `../shared` beside the repository, then `data/traces/…`.
    static var awsTraceDirectory: URL {
        let shared = ProcessInfo.processInfo.environment["SPOTSIM_SHARED_DIR"].map { URL(fileURLWithPath: $0) }
            ?? CommandLineTests.repository.deletingLastPathComponent().appendingPathComponent("shared")
        return shared.appendingPathComponent("data/traces/skypilot-spot-traces/preemption/1-node/aws-04-22-2023")
    }

    static let awsZones = ["us-east-1c", "us-east-1f", "us-west-2b", "us-west-2c"]

    /// Runs the built `spotsim` with `arguments` in `directory` (default: the repository), with
    /// `environment` added to (and `removing` taken out of) this process's environment.
    static func spotsim(
        _ arguments: [String], in directory: URL = CommandLineTests.repository,
        environment: [String: String] = [:], removing: [String] = []
    ) throws -> CommandLineTests.Outcome {
        var changes: [String: String?] = environment
        for name in removing { changes[name] = .some(nil) }
        return try CommandLineTests.spotsim(arguments: arguments, in: directory, environment: changes)
    }

    /// Writes `text` to `name` in a fresh temporary directory; returns the file.
    static func write(_ text: String, named name: String) throws -> URL {
        let directory = try CommandLineTests.temporaryDirectory()
        let file = directory.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The JSON report as a dictionary.
    static func json(_ outcome: CommandLineTests.Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
    }

    /// The `models` of a JSON report, by model name: (parameters by name: (value, SE), delta_aic).
    static func models(_ json: [String: Any]) throws -> [String: (parameters: [String: (value: Double, error: Double)], deltaAIC: Double)] {
        var result: [String: (parameters: [String: (value: Double, error: Double)], deltaAIC: Double)] = [:]
        for model in try #require(json["models"] as? [[String: Any]]) {
            var parameters: [String: (value: Double, error: Double)] = [:]
            for parameter in try #require(model["parameters"] as? [[String: Any]]) {
                parameters[try #require(parameter["name"] as? String)] =
                    (try #require(parameter["value"] as? Double), try #require(parameter["standard_error"] as? Double))
            }
            result[try #require(model["model"] as? String)] = (parameters, try #require(model["delta_aic"] as? Double))
        }
        return result
    }

    /// The `spot:` block printed after `# best fit by AIC`, put into a minimal one-pool
    /// scenario (with a spot price added), decoded by `ScenarioDecoder`.
    static func decodePoolBlock(of table: String) throws -> Distribution {
        let lines = table.components(separatedBy: "\n")
        let comment = try #require(lines.firstIndex { $0.hasPrefix("# best fit by AIC") }, "no pool block in:\n\(table)")
        #expect(lines[comment + 1] == "spot:")
        let lifetime = lines[comment + 2]
        #expect(lifetime.hasPrefix("  lifetime: { distribution: "))
        let yaml = """
            name: fitted
            pools:
              - name: fitted-pool
                provider: aws
                region: us-west-2
                instance: p3.2xlarge
                gpu: V100
                on_demand_price: 3.06/h
                spot:
                  price: 0.97/h
            \("    " + lifetime)
            jobs:
              - name: train
                gpu: V100
                nodes: 1
                work: 10h
                checkpoint: { interval: 1h, write: 1m }
                restart: 5m
            policies: [spot]

            """
        let scenario = try ScenarioDecoder.decode(yaml: yaml, file: "fitted.yaml")
        return try #require(scenario.pools[0].spot?.lifetime)
    }

    /// `spotsim fit --help` teaches: what the fit does (maximum likelihood, right-censoring,
    /// AIC, Kolmogorov–Smirnov), the CSV format, the path rule, an example for a CSV and for a
    /// trace; `spotsim --help` lists `fit`.
    @Test func helpTeachesTheFitCommand() throws {
        let help = try Self.spotsim(["fit", "--help"])
        #expect(help.status == 0)
        for phrase in [
            "maximum likelihood", "right-censored", "AIC", "Kolmogorov–Smirnov", "seconds,censored",
            "1/true", "0/false", "$SPOTSIM_DATA", "--data-dir", "spotsim fit --lifetimes lifetimes.csv",
            "--trace-format spot-traces --tick 32s", "schema_version", "Exit status",
        ] {
            #expect(help.standardOutput.contains(phrase), "fit --help lacks '\(phrase)'")
        }
        let top = try Self.spotsim(["--help"])
        #expect(top.standardOutput.contains("fit"))
    }

    /// On the small Weibull CSV the table ranks weibull, lognormal, exponential (AIC order,
    /// ΔAIC 0.00 first), counts 40 samples (34 reclaimed, 6 censored), and the JSON agrees:
    /// the same order, best = weibull, delta_aic ascending from 0, a Weibull shape below 1.
    @Test func tableAndJSONRankTheModelsByAIC() throws {
        let csv = try Self.write(Self.weibullCSV, named: "weibull.csv")
        defer { try? FileManager.default.removeItem(at: csv.deletingLastPathComponent()) }
        let table = try Self.spotsim(["fit", "--lifetimes", csv.path])
        #expect(table.status == 0)
        #expect(table.standardError.isEmpty)
        let lines = table.standardOutput.components(separatedBy: "\n")
        #expect(lines.contains("lifetimes: 40 (34 reclaimed, 6 censored)"))
        let modelRows = lines.filter { line in LifetimeModel.allCases.contains { line.hasPrefix($0.rawValue + " ") } }
        #expect(modelRows.map { String($0.prefix { $0 != " " }) } == ["weibull", "lognormal", "exponential"])
        #expect(modelRows.first?.contains(" 0.00 ") == true)
        #expect(table.standardOutput.contains("# best fit by AIC: weibull (n = 40, 34 events, 6 censored)"))

        let json = try Self.json(try Self.spotsim(["fit", "--lifetimes", csv.path, "--format", "json"]))
        #expect(json["schema_version"] as? Int == 1)
        #expect(json["best"] as? String == "weibull")
        #expect(json["samples"] as? Int == 40)
        #expect(json["events"] as? Int == 34)
        #expect(json["censored"] as? Int == 6)
        let order = try #require(json["models"] as? [[String: Any]]).compactMap { $0["model"] as? String }
        #expect(order == ["weibull", "lognormal", "exponential"])
        let deltas = try #require(json["models"] as? [[String: Any]]).compactMap { $0["delta_aic"] as? Double }
        #expect(deltas.first == 0)
        #expect(deltas == deltas.sorted())
        let models = try Self.models(json)
        let shape = try #require(models["weibull"]?.parameters["shape"])
        #expect(shape.value < 1)
        #expect(try #require(models["exponential"]?.deltaAIC) > 10)
        // The table shows the JSON's numbers: the shape to 4 significant digits.
        #expect(table.standardOutput.contains(String(format: "shape      %.4f", shape.value)))
    }

    /// The printed pool block decodes: embedded in a minimal scenario, `ScenarioDecoder` reads
    /// a Weibull whose scale and shape equal the JSON's estimates to the 6 significant digits
    /// printed (relative 10⁻⁵).
    @Test func poolBlockDecodesInAScenario() throws {
        let csv = try Self.write(Self.weibullCSV, named: "weibull.csv")
        defer { try? FileManager.default.removeItem(at: csv.deletingLastPathComponent()) }
        let table = try Self.spotsim(["fit", "--lifetimes", csv.path, "--pool-name", "zone-a"])
        #expect(table.standardOutput.contains("# best fit by AIC for pool zone-a: weibull"))
        let decoded = try Self.decodePoolBlock(of: table.standardOutput)
        let parameters = try #require(try Self.models(try Self.json(try Self.spotsim(["fit", "--lifetimes", csv.path, "--format", "json"])))["weibull"]?.parameters)
        guard case .weibull(let scale, let shape) = decoded else {
            Issue.record("decoded \(decoded), expected a weibull")
            return
        }
        #expect(abs(scale / parameters["scale"]!.value - 1) < 1e-5)
        #expect(abs(shape / parameters["shape"]!.value - 1) < 1e-5)
    }

    /// A malformed CSV line gets one message, `file:line:column: error: field: expected …,
    /// found …`, exit 64, nothing on standard output and no --output file (not even a
    /// temporary one). Likewise a negative duration and an all-censored file.
    @Test func badCSVExits64WithOneMessage() throws {
        let cases: [(csv: String, message: String)] = [
            ("seconds,censored\n3600,0\n7200, 1\n5400,maybe\n",
             ":4:6: error: censored: expected 0, 1, true or false, found 'maybe'"),
            ("seconds,censored\n3600,0\n-7200,1\n",
             ":3:1: error: seconds: expected a duration in seconds greater than 0, a plain number like 5400 or 37.5, found '-7200'"),
            ("seconds,censored\n3600,0\n2h,0\n",
             ":3:1: error: seconds: expected a duration in seconds greater than 0, a plain number like 5400 or 37.5, found '2h'"),
            ("seconds,censored\n3600,1\n7200,true\n",
             ":2:6: error: censored: expected at least one uncensored lifetime (censored 0 or false: a reclamation), found 2 rows, all censored"),
            ("seconds,censored\n", ":1:1: error: lifetimes: expected at least one row after the header, found no rows"),
            ("", ":1:1: error: header: expected a header line seconds,censored, found an empty file"),
            ("time,price\n0,1\n", ":1:1: error: header: expected a header line seconds,censored, found 'time,price'"),
            ("seconds,censored\n100,0,7\n", ":2:7: error: lifetimes: expected rows of two values, seconds,censored, found a third value '7'"),
        ]
        for (text, message) in cases {
            let csv = try Self.write(text, named: "bad.csv")
            let directory = csv.deletingLastPathComponent()
            defer { try? FileManager.default.removeItem(at: directory) }
            let report = directory.appendingPathComponent("fit.json")
            let outcome = try Self.spotsim(["fit", "--lifetimes", csv.path, "--output", report.path])
            #expect(outcome.status == 64)
            #expect(outcome.standardOutput.isEmpty)
            #expect(outcome.standardError == csv.path + message + "\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["bad.csv"])
        }
    }

    /// Usage errors exit 64 with a message naming the option: no input, both inputs, a trace
    /// without --trace-format, an unknown format, a bad tick, trace options with --lifetimes,
    /// and a missing trace file (reported at file:1:1).
    @Test func usageErrorsExit64() throws {
        let cases: [([String], String)] = [
            (["fit"], "give --lifetimes FILE.csv or --trace FILE"),
            (["fit", "--lifetimes", "a.csv", "--trace", "b.json"], "give either --lifetimes or --trace, not both"),
            (["fit", "--trace", "b.json", "--tick", "32s"], "--trace needs --trace-format"),
            (["fit", "--trace", "b.json", "--trace-format", "csv", "--tick", "32s"], "--trace-format: expected one of spot-traces, skynomad, bamboo-events, bamboo-counts, found 'csv'"),
            (["fit", "--trace", "b.json", "--trace-format", "spot-traces", "--tick", "soon"], "--tick: expected a duration greater than 0"),
            (["fit", "--trace", "b.json", "--trace-format", "spot-traces", "--tick", "32s", "--values", "up"], "--values: expected available or preempted, found 'up'"),
            (["fit", "--lifetimes", "a.csv", "--tick", "32s"], "--tick applies to --trace, not to --lifetimes"),
            (["fit", "--trace", "/nonexistent/b.json", "--trace-format", "spot-traces", "--tick", "32s"],
             "/nonexistent/b.json:1:1: error: --trace: expected a readable trace file, found '/nonexistent/b.json', no such file"),
        ]
        for (arguments, message) in cases {
            let outcome = try Self.spotsim(arguments)
            #expect(outcome.status == 64, "\(arguments)")
            #expect(outcome.standardOutput.isEmpty)
            #expect(outcome.standardError.contains(message), "\(arguments): \(outcome.standardError)")
        }
    }

    /// A model the data cannot support is reported, not hidden and not fatal: with every
    /// reclamation at 600 s and nothing observed longer, Weibull and log-normal have no maximum;
    /// the exponential is still fitted (exit 0), the table and JSON list the other two as not
    /// fitted with the reason, and standard error warns once per model.
    @Test func modelsWithoutAMaximumAreListedAsNotFitted() throws {
        let csv = try Self.write("seconds,censored\n600,0\n600,0\n600,0\n300,1\n", named: "flat.csv")
        defer { try? FileManager.default.removeItem(at: csv.deletingLastPathComponent()) }
        let table = try Self.spotsim(["fit", "--lifetimes", csv.path])
        #expect(table.status == 0)
        #expect(table.standardOutput.contains("# best fit by AIC: exponential (n = 4, 3 events, 1 censored)"))
        #expect(table.standardOutput.contains("  lifetime: { distribution: exponential, mean: 0.194444h }"))
        #expect(table.standardOutput.contains("weibull: not fitted: weibull fit: expected reclamations of different lengths"))
        #expect(table.standardError.components(separatedBy: "\n").filter { $0.hasPrefix("spotsim: warning: ") }.count == 2)
        let json = try Self.json(try Self.spotsim(["fit", "--lifetimes", csv.path, "--format", "json"]))
        #expect(try #require(json["models"] as? [[String: Any]]).count == 1)
        let notFitted = try #require(json["not_fitted"] as? [[String: Any]])
        #expect(notFitted.compactMap { $0["model"] as? String } == ["weibull", "lognormal"])
    }

    /// --output writes the whole report there atomically: standard output stays empty, the
    /// file is the JSON report, and no temporary file is left behind.
    @Test func outputFileIsWrittenWhole() throws {
        let csv = try Self.write(Self.weibullCSV, named: "weibull.csv")
        let directory = csv.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = directory.appendingPathComponent("fit.json")
        let outcome = try Self.spotsim(["fit", "--lifetimes", csv.path, "--format", "json", "--output", report.path])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.isEmpty)
        let written = try String(contentsOf: report, encoding: .utf8)
        let direct = try Self.spotsim(["fit", "--lifetimes", csv.path, "--format", "json"])
        #expect(written == direct.standardOutput)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["fit.json", "weibull.csv"])
    }

    /// The real SkyPilot preemption traces of 2023-04-22 (p3.2xlarge, 1 node, four AWS zones,
    /// 32 s ticks): each zone alone, and the four pooled, give a Weibull shape below 1 — a
    /// decreasing hazard, the heavy tail the exponential misses (it has the worst AIC, by more
    /// than 10). Pooled, the shape is below 1 by more than 3 standard errors; the counts of
    /// up-runs are those of the files (204, 2 of them censored). The pool block of the pooled
    /// fit decodes.
    @Test func realAWSTracesHaveAHeavyTailedWeibullFit() throws {
        let directory = Self.awsTraceDirectory
        guard FileManager.default.fileExists(atPath: directory.path) else {
            Issue.record("shared trace data not found at \(directory.path); set SPOTSIM_SHARED_DIR to the shared folder")
            return
        }
        let files = Self.awsZones.map { "\($0)_v100_1.json" }
        let options = ["--trace-format", "spot-traces", "--tick", "32s", "--data-dir", directory.path]
        for file in files {
            let outcome = try Self.spotsim(["fit", "--trace", file, "--format", "json"] + options)
            #expect(outcome.status == 0, "\(file): \(outcome.standardError)")
            let models = try Self.models(try Self.json(outcome))
            let shape = try #require(models["weibull"]?.parameters["shape"])
            #expect(shape.value < 1, "\(file): shape \(shape.value)")
            #expect(try #require(models["exponential"]?.deltaAIC) > 10, "\(file)")
        }
        let pooledArguments = ["fit"] + files.flatMap { ["--trace", $0] } + options
        let pooled = try Self.json(try Self.spotsim(pooledArguments + ["--format", "json"]))
        #expect(pooled["samples"] as? Int == 204)
        #expect(pooled["censored"] as? Int == 2)
        #expect((pooled["source"] as? [String: Any])?["files"] as? [String] == files.map { directory.appendingPathComponent($0).path })
        let shape = try #require(try Self.models(pooled)["weibull"]?.parameters["shape"])
        #expect(shape.value + 3 * shape.error < 1, "pooled shape \(shape.value) ± \(shape.error)")

        let table = try Self.spotsim(pooledArguments)
        #expect(table.status == 0)
        let decoded = try Self.decodePoolBlock(of: table.standardOutput)
        let best = try #require(pooled["best"] as? String)
        #expect(decoded.name == best)
    }

    /// A relative trace path is resolved against --data-dir, else $SPOTSIM_DATA, else the
    /// current directory: all three find the same file and print the same fit; --data-dir wins
    /// over a wrong $SPOTSIM_DATA.
    @Test func relativeTracePathsFollowDataDirThenEnvironmentThenCurrentDirectory() throws {
        let directory = Self.awsTraceDirectory
        guard FileManager.default.fileExists(atPath: directory.path) else {
            Issue.record("shared trace data not found at \(directory.path); set SPOTSIM_SHARED_DIR to the shared folder")
            return
        }
        let arguments = ["fit", "--trace", "us-west-2b_v100_1.json", "--trace-format", "spot-traces", "--tick", "32", "--format", "json"]
        let viaOption = try Self.spotsim(arguments + ["--data-dir", directory.path], environment: ["SPOTSIM_DATA": "/nonexistent"])
        let viaEnvironment = try Self.spotsim(arguments, environment: ["SPOTSIM_DATA": directory.path])
        let viaCurrentDirectory = try Self.spotsim(arguments, in: directory, removing: ["SPOTSIM_DATA"])
        for outcome in [viaOption, viaEnvironment, viaCurrentDirectory] {
            #expect(outcome.status == 0, "\(outcome.standardError)")
        }
        func models(_ outcome: CommandLineTests.Outcome) throws -> Any? { try Self.json(outcome)["models"] }
        let reference = try #require(try models(viaOption) as? [[String: Any]])
        #expect(NSArray(array: reference).isEqual(try models(viaEnvironment)))
        #expect(NSArray(array: reference).isEqual(try models(viaCurrentDirectory)))
    }
}
