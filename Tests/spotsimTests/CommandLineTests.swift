import Foundation
import SpotSim
import Testing

/// The `spotsim` tool end to end: the built executable, its output and its exit status.
@Suite struct CommandLineTests {
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs the `spotsim` built beside this test bundle, in the repository directory.
    static func spotsim(_ arguments: String...) throws -> Outcome {
        try spotsim(arguments: arguments)
    }

    /// Runs the `spotsim` built beside this test bundle in `directory` (default: the
    /// repository), with this process's environment changed by `environment` (a `nil` value
    /// removes the variable).
    static func spotsim(
        arguments: [String], in directory: URL = repository, environment: [String: String?] = [:]
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = Bundle.main.bundleURL.appendingPathComponent("spotsim")
        process.arguments = arguments
        if !environment.isEmpty {
            var changed = ProcessInfo.processInfo.environment
            for (name, value) in environment { changed[name] = value }
            process.environment = changed
        }
        process.currentDirectoryURL = directory
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self)
        )
    }

    /// Starts the `spotsim` built beside this test bundle in the repository, sends it `signal`
    /// (SIGTERM unless told) after `delay` seconds, and returns how it exited and its standard
    /// error.
    static func terminated(
        _ arguments: [String], after delay: TimeInterval, signal: Int32 = SIGTERM
    ) throws -> (reason: Process.TerminationReason, status: Int32, standardError: String) {
        let process = Process()
        process.executableURL = Bundle.main.bundleURL.appendingPathComponent("spotsim")
        process.arguments = arguments
        process.currentDirectoryURL = repository
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let error = Pipe()
        process.standardError = error
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        if signal == SIGTERM {
            process.terminate()
        } else {
            kill(process.processIdentifier, signal)
        }
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus, message)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spotsim-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `--help` teaches: it names both subcommands and an example, and exits 0.
    @Test func helpListsSubcommands() throws {
        let outcome = try Self.spotsim("--help")
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("run"))
        #expect(outcome.standardOutput.contains("validate"))
        #expect(outcome.standardOutput.contains("spotsim run scenarios/daly-check.yaml"))
    }

    /// `spotsim run` without a file runs the embedded quickstart, says so on standard error,
    /// and prints the documented JSON shape.
    @Test func runWithoutAFileUsesTheQuickstart() throws {
        let outcome = try Self.spotsim("run", "--replications", "40", "--format", "json")
        #expect(outcome.status == 0)
        #expect(outcome.standardError.contains("running the embedded quickstart scenario"))
        let json = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as! [String: Any]
        #expect(json["schema_version"] as? Int == 2)
        #expect(json["baseline"] as? String == "on-demand")
        #expect(json["scenario"] as? String == "quickstart")
        #expect(json["seed"] as? Int == 1)
        #expect(json["replications"] as? Int == 40)
        let results = json["results"] as! [[String: Any]]
        #expect(results.count == 12)  // 3 policies × 4 intervals
        let metrics = results[0]["metrics"] as! [String: [String: Any]]
        for name in ["cost_usd", "completion_hours", "lost_gpu_hours", "checkpoint_hours", "restart_hours",
                     "wait_hours", "preemptions", "goodput"] {
            let metric = try #require(metrics[name], "metric \(name)")
            #expect(Set(metric.keys) == ["mean", "sd", "ci95", "p50", "p90", "p99"])
            #expect((metric["ci95"] as? [Double])?.count == 2)
        }
        #expect(results[0]["settings"] is [String: Any])
        // Every result but the baseline's own is compared with it.
        let compared = results.filter { $0["versus"] != nil }
        #expect(compared.count == 8)
        let versus = try #require(compared.first?["versus"] as? [String: Any])
        #expect(versus["baseline"] as? String == "on-demand")
        for name in ["savings_usd", "savings_fraction", "extra_completion_hours"] {
            #expect(versus[name] is [String: Any], "versus.\(name)")
        }
    }

    /// `--threads 1` and `--threads 2` give byte-identical JSON, as do two runs with one seed.
    @Test func threadsDoNotChangeTheBytes() throws {
        let path = "scenarios/daly-check.yaml"
        let one = try Self.spotsim("run", path, "--replications", "300", "--threads", "1", "--format", "json")
        let two = try Self.spotsim("run", path, "--replications", "300", "--threads", "2", "--format", "json")
        let again = try Self.spotsim("run", path, "--replications", "300", "--threads", "2", "--format", "json")
        #expect(one.status == 0)
        #expect(!one.standardOutput.isEmpty)
        #expect(one.standardOutput == two.standardOutput)
        #expect(two.standardOutput == again.standardOutput)
        let otherSeed = try Self.spotsim("run", path, "--replications", "300", "--seed", "8", "--format", "json")
        #expect(otherSeed.standardOutput != one.standardOutput)
    }

    /// `--output` writes the report there (and nothing to standard output), leaving no
    /// temporary file behind.
    @Test func outputFileIsWrittenWhole() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("daly.csv")
        let outcome = try Self.spotsim("run", "scenarios/daly-check.yaml", "--replications", "50", "--format", "csv", "--output", file.path)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.isEmpty)
        let csv = try String(contentsOf: file, encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == Substring(CSVReport.header.joined(separator: ",")))
        #expect(lines.count == 1 + 4 * Metric.reported(withDeadlines: false).count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["daly.csv"])
    }

    /// A malformed scenario gets one message with file, line, column and field, and exit 64,
    /// from `validate` and from `run` alike.
    @Test func badScenarioExits64WithOneMessage() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try String(contentsOf: Self.repository.appendingPathComponent("scenarios/daly-check.yaml"), encoding: .utf8)
        let broken = original.replacingOccurrences(of: "write: 3m", with: "write: fast")
        let file = directory.appendingPathComponent("broken.yaml")
        try broken.write(to: file, atomically: true, encoding: .utf8)
        let line = broken.components(separatedBy: "\n").firstIndex { $0.contains("write: fast") }! + 1
        for command in ["validate", "run"] {
            let outcome = try Self.spotsim(command, file.path)
            #expect(outcome.status == 64)
            #expect(outcome.standardOutput.isEmpty)
            let lines = outcome.standardError.split(separator: "\n")
            #expect(lines.count == 1)
            #expect(outcome.standardError.hasPrefix("\(file.path):\(line):14: error: jobs[0].checkpoint.write: expected "))
            #expect(outcome.standardError.contains("found 'fast'"))
        }
    }

    /// A missing file and out-of-range options are usage errors: exit 64, no report.
    @Test func usageErrorsExit64() throws {
        let missing = try Self.spotsim("validate", "no-such-file.yaml")
        #expect(missing.status == 64)
        #expect(missing.standardError.contains("no-such-file.yaml"))
        let zero = try Self.spotsim("run", "scenarios/daly-check.yaml", "--replications", "0")
        #expect(zero.status == 64)
        #expect(zero.standardError.contains("--replications must be between 1 and"))
        let format = try Self.spotsim("run", "--format", "xml")
        #expect(format.status == 64)
        #expect(format.standardOutput.isEmpty)
    }

    /// The shipped scenarios: every `.yaml` file in `scenarios/`.
    static var shippedScenarios: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("scenarios").path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "scenarios/" + $0 }
    }

    /// The real traces the shipped trace scenarios replay: `SPOTSIM_SHARED_DIR/data/traces`,
    /// else `../shared/data/traces` beside the repository.
    static var traceDirectory: String {
        let shared = ProcessInfo.processInfo.environment["SPOTSIM_SHARED_DIR"]
            ?? repository.deletingLastPathComponent().appendingPathComponent("shared").path
        return shared + "/data/traces"
    }

    /// The list of shipped scenarios is found (so the test below cannot pass on no cases).
    @Test func shippedScenariosAreFound() {
        #expect(Self.shippedScenarios.contains("scenarios/quickstart.yaml"))
        #expect(Self.shippedScenarios.count >= 6)
    }

    /// Every shipped scenario validates (those replaying traces, against the shared traces).
    @Test(arguments: shippedScenarios)
    func shippedScenariosValidate(path: String) throws {
        let outcome = try Self.spotsim("validate", path, "--data-dir", Self.traceDirectory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.hasPrefix("\(path): valid: "))
    }

    /// The quickstart embedded in the tool is, byte for byte, `scenarios/quickstart.yaml`.
    @Test func embeddedQuickstartMatchesTheFile() throws {
        let file = try String(contentsOf: Self.repository.appendingPathComponent("scenarios/quickstart.yaml"), encoding: .utf8)
        #expect(ShippedScenarios.quickstart == file)
    }
}
