import ArgumentParser
import Foundation
import SpotSim

/// The options every command that runs a scenario shares (`run`, `check`, `trace`): the
/// scenario file, then ``ScenarioOverrides`` (where its traces are, and the overrides of its
/// size, seed and thread count).
struct ScenarioOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "scenario"))
    var scenarioPath: String?

    @OptionGroup var overrides: ScenarioOverrides

    var dataDirectory: String? { overrides.dataDirectory }
    var replications: Int? { overrides.replications }
    var seed: UInt64? { overrides.seed }
    var threads: Int? { overrides.threads }

    /// The worker threads to use: `--threads`, else every core.
    var threadCount: Int { overrides.threadCount }

    /// The fingerprint of the scenario's source: its file's bytes, or the embedded quickstart's.
    func fingerprint() throws -> String {
        try overrides.fingerprint(of: scenarioPath)
    }

    /// The scenario with the command line's overrides applied; without a file, the embedded
    /// quickstart (said on standard error). A bad file prints its one message and exits 64.
    func scenario() throws -> Scenario {
        try overrides.scenario(at: scenarioPath)
    }
}

/// `--data-dir`, `--replications`, `--seed` and `--threads`: what a command that runs a
/// scenario takes besides the file, for commands that name the file their own way
/// (`spotsim report` takes a scenario or a JSON report).
///
/// ```swift
/// @OptionGroup var overrides: ScenarioOverrides
/// let scenario = try overrides.scenario(at: "cluster.yaml")   // --seed, --replications applied
/// ```
struct ScenarioOverrides: ParsableArguments {
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

    /// The fingerprint of the scenario's source: the bytes of the file at `path`, or the
    /// embedded quickstart's when `path` is `nil`.
    ///
    /// - Complexity: O(n) in the file's size.
    func fingerprint(of path: String?) throws -> String {
        guard let path else { return ScenarioFingerprint.of(ShippedScenarios.quickstart.utf8) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw usageError("cannot read \(path)")
        }
        return ScenarioFingerprint.of(data)
    }

    /// The scenario at `path` with the overrides applied; `nil`: the embedded quickstart (said
    /// on standard error). A bad file prints its one message and exits 64.
    ///
    /// - Complexity: O(n) in the file's size, plus the traces it reads.
    func scenario(at path: String?) throws -> Scenario {
        var scenario: Scenario
        if let path {
            scenario = try loadScenario(at: path, dataDirectory: dataDirectory)
        } else {
            standardError("spotsim: no scenario given; running the embedded quickstart scenario (scenarios/quickstart.yaml)\n")
            scenario = try decode { try ScenarioDecoder.decode(yaml: ShippedScenarios.quickstart, file: "quickstart.yaml") }
        }
        if let replications { scenario.replications = replications }
        if let seed { scenario.seed = seed }
        return scenario
    }
}
