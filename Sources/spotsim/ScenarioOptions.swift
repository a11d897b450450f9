import ArgumentParser
import Foundation
import SpotSim

/// The options every command that runs a scenario shares (`run`, `check`): the scenario file,
/// where its traces are, and the overrides of its size, seed and thread count.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "scenario"))
    var scenarioPath: String?

    @Option(name: .customLong("data-dir"), help: dataDirectoryHelp)
    var dataDirectory: String?

    @Option(name: .long, help: ArgumentHelp("Replications per grid point (overrides the file's `replications`).", valueName: "n"))
    var replications: Int?

    @Option(name: .long, help: ArgumentHelp("Seed of the random streams (overrides the file's `seed`).", valueName: "s"))
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp("Worker threads (default: all cores). Never changes results.", valueName: "t"))
    var threads: Int?

    func validate() throws {
        if let replications, !(1...ScenarioDecoder.maximumReplications).contains(replications) {
            throw ValidationError("--replications must be between 1 and \(ScenarioDecoder.maximumReplications), found \(replications)")
        }
        if let threads, !(1...1024).contains(threads) {
            throw ValidationError("--threads must be between 1 and 1024, found \(threads)")
        }
    }

    /// The worker threads to use: `--threads`, else every core.
    var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

    /// The fingerprint of the scenario's source: its file's bytes, or the embedded quickstart's.
    func fingerprint() throws -> String {
        guard let scenarioPath else { return ScenarioFingerprint.of(ShippedScenarios.quickstart.utf8) }
        guard let data = FileManager.default.contents(atPath: scenarioPath) else {
            throw usageError("cannot read \(scenarioPath)")
        }
        return ScenarioFingerprint.of(data)
    }

    /// The scenario with the command line's overrides applied; without a file, the embedded
    /// quickstart (said on standard error). A bad file prints its one message and exits 64.
    func scenario() throws -> Scenario {
        var scenario: Scenario
        if let scenarioPath {
            scenario = try loadScenario(at: scenarioPath, dataDirectory: dataDirectory)
        } else {
            standardError("spotsim: no scenario given; running the embedded quickstart scenario (scenarios/quickstart.yaml)\n")
            scenario = try decode { try ScenarioDecoder.decode(yaml: ShippedScenarios.quickstart, file: "quickstart.yaml") }
        }
        if let replications { scenario.replications = replications }
        if let seed { scenario.seed = seed }
        return scenario
    }
}
