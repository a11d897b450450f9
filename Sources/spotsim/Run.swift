import ArgumentParser
import Foundation
import SpotSim

/// `spotsim run`: runs a scenario and prints or writes its report.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario and report cost, lost work and completion time per policy and checkpoint interval.",
        discussion: """
            Without SCENARIO, runs the embedded quickstart scenario (scenarios/quickstart.yaml) \
            and says so on standard error. Results depend only on the scenario, the seed and \
            the spotsim version — never on --threads.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @Option(name: .customLong("data-dir"), help: dataDirectoryHelp)
    var dataDirectory: String?

    @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "scenario"))
    var scenarioPath: String?

    @Option(name: .long, help: ArgumentHelp("Replications per grid point (overrides the file's `replications`).", valueName: "n"))
    var replications: Int?

    @Option(name: .long, help: ArgumentHelp("Seed of the random streams (overrides the file's `seed`).", valueName: "s"))
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp("Worker threads (default: all cores).", valueName: "t"))
    var threads: Int?

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: Format = .table

    @Option(name: .long, help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if let replications, !(1...ScenarioDecoder.maximumReplications).contains(replications) {
            throw ValidationError("--replications must be between 1 and \(ScenarioDecoder.maximumReplications), found \(replications)")
        }
        if let threads, !(1...1024).contains(threads) {
            throw ValidationError("--threads must be between 1 and 1024, found \(threads)")
        }
    }

    func run() throws {
        var scenario: Scenario
        if let scenarioPath {
            scenario = try loadScenario(at: scenarioPath, dataDirectory: dataDirectory)
        } else {
            standardError("spotsim: no scenario given; running the embedded quickstart scenario (scenarios/quickstart.yaml)\n")
            scenario = try decode { try ScenarioDecoder.decode(yaml: ShippedScenarios.quickstart, file: "quickstart.yaml") }
        }
        if let replications { scenario.replications = replications }
        if let seed { scenario.seed = seed }

        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let progress = ExperimentProgress(total: scenario.replications)
        let meter = isatty(STDERR_FILENO) == 1 ? ProgressMeter(progress: progress) : nil
        meter?.start()
        let result: ExperimentResult
        do {
            result = try ExperimentRunner(threads: threadCount).run(scenario, progress: progress)
            meter?.finish()
        } catch {
            meter?.finish()
            standardError("spotsim: error: \(error)\n")
            throw ExitCode(64)
        }

        let text: String
        switch format {
        case .table: text = TableReport.render(result)
        case .json: text = JSONReport.render(result)
        case .csv: text = CSVReport.render(result)
        }
        if let output {
            do {
                try OutputFile.write(text, to: output)
            } catch {
                standardError("spotsim: error: \(error)\n")
                throw ExitCode(64)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
