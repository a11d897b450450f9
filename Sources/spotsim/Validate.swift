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
        var cells = 0
        for point in scenario.gridPoints {
            do {
                cells += try point.scenario.cells().count
            } catch {
                let values = zip(scenario.sweep?.parameters ?? [], point.values).map { "\($0.path) = \($1)" }
                let at = values.isEmpty ? "" : "sweep point \(values.joined(separator: ", ")): "
                throw usageError("\(scenarioPath): \(at)\(error)")
            }
        }
        var sweep = ""
        if let parameters = scenario.sweep?.parameters, let points = scenario.sweep?.points.count {
            let sizes = parameters.map { "\($0.values.count) \($0.path)" }.joined(separator: " × ")
            sweep = ", \(points) sweep point\(points == 1 ? "" : "s") (\(sizes))"
        }
        print("\(scenarioPath): valid: scenario \(scenario.name), \(scenario.pools.count) pools, \(scenario.jobs.count) jobs, \(scenario.policies.count) policies\(sweep), \(cells) grid points × \(scenario.replications) replications")
    }
}
