import ArgumentParser
import Foundation
import SpotSim

/// `spotsim validate`: checks a scenario file without running it.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario file without running it.",
        discussion: """
            Prints a one-line summary and exits 0 when the file is valid; otherwise prints one \
            message naming the file, line, column and field, what was expected and what was \
            found, and exits 64.
            """
    )

    @Option(name: .customLong("data-dir"), help: dataDirectoryHelp)
    var dataDirectory: String?

    @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "scenario"))
    var scenarioPath: String

    func run() throws {
        let scenario = try loadScenario(at: scenarioPath, dataDirectory: dataDirectory)
        let cells: Int
        do {
            cells = try scenario.cells().count
        } catch {
            standardError("spotsim: error: \(scenarioPath): \(error)\n")
            throw ExitCode(64)
        }
        print("\(scenarioPath): valid: scenario \(scenario.name), \(scenario.pools.count) pools, \(scenario.jobs.count) jobs, \(scenario.policies.count) policies, \(cells) grid points × \(scenario.replications) replications")
    }
}
