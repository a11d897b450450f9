import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `spotsim check` end to end: the built executable against a baseline made by `spotsim run`.
@Suite struct CheckCommandTests {
    /// A temporary directory with `q.yaml` (the quickstart at 200 replications), `base.json`
    /// (its `spotsim run --format json` report) and `pricier.yaml` (the same scenario with the
    /// spot price raised from 34.3/h to 40/h: spot costs 16.6 % more).
    struct Setup: Sendable {
        var directory: URL
        var scenario: String { directory.appendingPathComponent("q.yaml").path }
        var pricier: String { directory.appendingPathComponent("pricier.yaml").path }
        var baseline: String { directory.appendingPathComponent("base.json").path }
    }

    static let setup: Result<Setup, CheckSetupError> = {
        do {
            let directory = try CommandLineTests.temporaryDirectory()
            let quickstart = try String(contentsOf: CommandLineTests.repository.appendingPathComponent("scenarios/quickstart.yaml"), encoding: .utf8)
            let small = quickstart.replacingOccurrences(of: "replications: 2000", with: "replications: 200")
            let pricier = small.replacingOccurrences(of: "price: 34.3/h", with: "price: 40/h")
            guard small != quickstart, pricier != small else { return .failure(CheckSetupError(reason: "quickstart.yaml changed shape")) }
            let setup = Setup(directory: directory)
            try small.write(toFile: setup.scenario, atomically: true, encoding: .utf8)
            try pricier.write(toFile: setup.pricier, atomically: true, encoding: .utf8)
            let run = try spotsim(["run", setup.scenario, "--format", "json", "--output", setup.baseline])
            guard run.status == 0 else { return .failure(CheckSetupError(reason: "spotsim run: \(run.standardError)")) }
            return .success(setup)
        } catch {
            return .failure(CheckSetupError(reason: "\(error)"))
        }
    }()

    struct CheckSetupError: Error {
        var reason: String
    }

    /// Runs the built `spotsim` with `environment` added to this process's (without
    /// `GITHUB_ACTIONS`, unless given).
    static func spotsim(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandLineTests.Outcome {
        var changes: [String: String?] = ["GITHUB_ACTIONS": String?.none]
        for (name, value) in environment { changes[name] = value }
        return try CommandLineTests.spotsim(arguments: arguments, environment: changes)
    }

    /// `spotsim check SCENARIO --baseline base.json ARGUMENTS…`.
    static func check(_ scenario: KeyPath<Setup, String>, _ arguments: String..., environment: [String: String] = [:]) throws -> CommandLineTests.Outcome {
        let setup = try Self.setup.get()
        return try spotsim(["check", setup[keyPath: scenario], "--baseline", setup.baseline] + arguments, environment: environment)
    }

    /// The K of the summary line `… K regression(s) (mode: …)`.
    static func regressionCount(_ output: String) -> Int? {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("spotsim check: ") && $0.contains(" checked, ") }),
              let part = line.split(separator: ", ").last?.split(separator: " ").first else { return nil }
        return Int(part)
    }

    /// The unchanged scenario passes: in exact mode (auto: same version, seed and
    /// replications), in statistical mode, and with another seed, whose noise the widened
    /// intervals absorb (with probability 0.95 by construction; seed 2 is one of those).
    @Test func unchangedScenarioPasses() throws {
        let exact = try Self.check(\.scenario)
        #expect(exact.status == 0, "\(exact.standardOutput)\(exact.standardError)")
        #expect(exact.standardOutput.contains("mode: exact (auto: same spotsim version"))
        #expect(exact.standardOutput.hasSuffix("12 results, 192 metrics checked, 0 regressions (mode: exact)\n"))

        let statistical = try Self.check(\.scenario, "--mode", "statistical")
        #expect(statistical.status == 0, "\(statistical.standardOutput)")
        #expect(statistical.standardOutput.hasSuffix("12 results, 180 metrics checked, 0 regressions (mode: statistical)\n"))

        let otherSeed = try Self.check(\.scenario, "--seed", "2")
        #expect(otherSeed.status == 0, "\(otherSeed.standardOutput)")
        #expect(otherSeed.standardOutput.contains("mode: statistical (auto: the seed differs (baseline 1, this run 2))"))
        #expect(Self.regressionCount(otherSeed.standardOutput) == 0)
    }

    /// A dearer spot price fails in both modes and names the spot policy and cost_usd.
    @Test func regressionFailsInBothModes() throws {
        let exact = try Self.check(\.pricier)
        #expect(exact.status == 1)
        #expect(exact.standardOutput.contains("DIFFERS     finetune / spot / 15m  cost_usd: baseline "))
        #expect(!exact.standardOutput.contains("finetune / on-demand /"))

        let statistical = try Self.check(\.pricier, "--seed", "2")
        #expect(statistical.status == 1)
        #expect(statistical.standardOutput.contains("mode: statistical"))
        #expect(statistical.standardOutput.contains("REGRESSION  finetune / spot / 15m  cost_usd: baseline "))
        #expect(statistical.standardOutput.contains("REGRESSION  finetune / spot / daly  savings_usd: baseline "))
        #expect((Self.regressionCount(statistical.standardOutput) ?? 0) > 0)

        let onlyGoodput = try Self.check(\.pricier, "--mode", "statistical", "--metric", "goodput")
        #expect(onlyGoodput.status == 0, "\(onlyGoodput.standardOutput)")
        #expect(onlyGoodput.standardOutput.hasSuffix("12 results, 12 metrics checked, 0 regressions (mode: statistical)\n"))
    }

    /// `--junit` writes a JUnit file that XMLDocument parses, with one failure per
    /// regression, and leaves no temporary file behind.
    @Test func junitFileCountsFailures() throws {
        let directory = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let junit = directory.appendingPathComponent("check.xml")
        let outcome = try Self.check(\.pricier, "--mode", "statistical", "--tolerance", "5%", "--junit", junit.path)
        #expect(outcome.status == 1)
        let count = try #require(Self.regressionCount(outcome.standardOutput))
        let document = try XMLDocument(contentsOf: junit)
        #expect(try document.nodes(forXPath: "//failure").count == count)
        #expect(try document.nodes(forXPath: "//testcase").count == 180)
        let suite = try #require(try document.nodes(forXPath: "/testsuites/testsuite").first as? XMLElement)
        #expect(suite.attribute(forName: "failures")?.stringValue == "\(count)")
        #expect(suite.attribute(forName: "name")?.stringValue == "spotsim check: quickstart")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["check.xml"])
    }

    /// With GITHUB_ACTIONS=true, one `::error` line per regression and a `::notice`
    /// summary; without it, none.
    @Test func githubActionsAnnotations() throws {
        let annotated = try Self.check(\.pricier, "--mode", "statistical", "--tolerance", "5%", environment: ["GITHUB_ACTIONS": "true"])
        #expect(annotated.status == 1)
        let lines = annotated.standardOutput.split(separator: "\n")
        let errors = lines.filter { $0.hasPrefix("::error title=spotsim check%3A regression%2C ") }
        #expect(errors.count == Self.regressionCount(annotated.standardOutput))
        #expect(errors.contains { $0.contains("::finetune / spot / 15m  cost_usd: baseline ") })
        #expect(lines.last?.hasPrefix("::notice title=spotsim check::spotsim check: 12 results, 180 metrics checked, ") == true)

        let plain = try Self.check(\.pricier, "--mode", "statistical", "--tolerance", "5%")
        #expect(!plain.standardOutput.contains("::error"))
    }

    /// Usage errors exit 64 with one message: another scenario's baseline (naming both), an
    /// unreadable or non-report baseline, a bad tolerance or metric, tolerances in exact mode.
    @Test func usageErrorsExit64() throws {
        let setup = try Self.setup.get()
        let other = try Self.spotsim(["check", "scenarios/daly-check.yaml", "--baseline", setup.baseline])
        #expect(other.status == 64)
        #expect(other.standardError.contains("is of scenario 'quickstart', scenarios/daly-check.yaml is scenario 'daly-check'"))

        let missing = try Self.spotsim(["check", setup.scenario, "--baseline", setup.directory.appendingPathComponent("none.json").path])
        #expect(missing.status == 64)
        #expect(missing.standardError.hasPrefix("\(setup.directory.appendingPathComponent("none.json").path): error: (file): expected a readable file holding a spotsim JSON report"))

        let yaml = try Self.spotsim(["check", setup.scenario, "--baseline", setup.scenario])
        #expect(yaml.status == 64)
        #expect(yaml.standardError.contains("q.yaml: error: (file): expected a spotsim JSON report (the output of spotsim run --format json), found text that is not JSON"))

        for arguments in [["--tolerance", "lots"], ["--tolerance", "colour=1%"], ["--metric", "colour"], ["--metric", "deadline_met"], ["--mode", "exact", "--tolerance", "1%"], ["--mode", "fuzzy"]] {
            let outcome = try Self.spotsim(["check", setup.scenario, "--baseline", setup.baseline] + arguments)
            #expect(outcome.status == 64, "\(arguments)")
            #expect(outcome.standardOutput.isEmpty)
        }
    }

    /// `check --help` teaches: the modes, an example and the exit codes.
    @Test func helpTeaches() throws {
        let help = try Self.spotsim(["check", "--help"])
        #expect(help.status == 0)
        for phrase in ["--baseline", "  statistical  a metric regresses", "tolerance + noise", "--false-alarm-rate", "--tolerance cost_usd=2%   for one metric", "spotsim check my.yaml --baseline ci/my.json --seed 2", "Exit status: 0 no regression, 1 a regression"] {
            #expect(help.standardOutput.contains(phrase), "\(phrase)")
        }
    }
}
