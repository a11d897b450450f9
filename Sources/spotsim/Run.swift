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

    @OptionGroup var options: ScenarioOptions

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: Format = .table

    @Option(name: .long, help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let scenario = try options.scenario()
        let result = try runExperiment(scenario, threads: options.threadCount)

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
