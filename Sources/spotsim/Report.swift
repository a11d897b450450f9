import ArgumentParser
import Foundation
import SpotSim

/// `spotsim report`: runs a scenario and writes a self-contained HTML report with the CSV
/// behind each chart. (Named `ReportCommand` so as not to clash with SpotSim's reports.)
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run a scenario and write an HTML report with charts, plus the CSV behind every chart.",
        discussion: """
            Runs the scenario as `spotsim run` does (the same replications, the same numbers) \
            and writes DIR/index.html and one CSV per chart to DIR (created if needed; each file \
            written atomically). The page is self-contained — inline SVG and CSS, no scripts, \
            no web fonts, no network — so it can be mailed, attached to a ticket or opened \
            offline, and the same scenario, seed and spotsim version give the same bytes.

            Per job it shows: mean cost and completion time against the checkpoint interval \
            (a line and 95% band per policy, the Young and Daly intervals marked); cost against \
            completion time per policy and interval (error bars, savings against the baseline \
            on hover); the distributions (CDFs) of completion time and cost, and the cost \
            breakdown (spot, on-demand, storage, egress), each policy at its cheapest interval; \
            then a timeline of one replication: nodes per pool, preemptions, checkpoints, \
            migrations and lost work; and the scenario itself with the seed, version and command.

            The timeline shows replication --replication (default 0) of the cheapest cell by \
            mean cost that is not the baseline's (nor omniscient's); --job, --policy and \
            --interval narrow the cells it picks the cheapest from, with names as `spotsim \
            trace` takes them. With a sweep, the charts show its first grid point only.

            Examples:
              spotsim report scenarios/quickstart.yaml --output report
              spotsim report cluster.yaml --output report --replications 500 --seed 7
              spotsim report cluster.yaml --output report --policy spot --replication 3

            Exit status: 0 success, 64 a usage or scenario error.
            """
    )

    @OptionGroup var options: ScenarioOptions

    @Option(name: .long, help: ArgumentHelp("The directory to write index.html and the CSV files to (created if needed).", valueName: "dir"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("The replication the timeline shows, from 0 (less than the scenario's replications).", valueName: "k"))
    var replication: Int = 0

    @Option(name: .long, help: ArgumentHelp("Timeline: only this job's cells (as the scenario names it).", valueName: "name"))
    var job: String?

    @Option(name: .long, help: ArgumentHelp("Timeline: only this policy, as the report writes it (`spot`, `spot-fallback`).", valueName: "name"))
    var policy: String?

    @Option(name: .long, help: ArgumentHelp("Timeline: only this checkpoint interval, as the scenario writes it (`30m`, `daly`).", valueName: "interval"))
    var interval: String?

    func validate() throws {
        if replication < 0 {
            throw ValidationError("--replication must be 0 or more, found \(replication)")
        }
    }

    func run() throws {
        let scenario = try options.scenario()
        guard replication < scenario.replications else {
            throw usageError("--replication must be less than the scenario's \(scenario.replications) replications (from 0), found \(replication)")
        }
        let scenarioText: String
        if let path = options.scenarioPath {
            guard let data = FileManager.default.contents(atPath: path) else { throw usageError("cannot read \(path)") }
            scenarioText = String(decoding: data, as: UTF8.self)
        } else {
            scenarioText = ShippedScenarios.quickstart
        }

        // The whole run, as `spotsim run` computes it.
        let layout = try experimentLayout(scenario)
        let part = try simulate(
            scenario, units: UnitSet(0..<layout.unitCount), threads: options.threadCount, fingerprint: try options.fingerprint()
        )
        let result = ExperimentResult(part)

        // The timeline's cell: the cheapest of the cells the filters keep.
        let cells = HTMLReport.cells(of: result)
        var chosen = Array(cells.indices)
        var filters: [String] = []
        for (option, name, key, noun) in [
            ("--job", job, \HTMLReport.CellData.job, ("job", "jobs")),
            ("--policy", policy, \.policy, ("policy", "policies")),
            ("--interval", interval, \.interval, ("checkpoint interval", "checkpoint intervals")),
        ] {
            chosen = try select(chosen, option: option, name, noun) { cells[$0][keyPath: key] }
            if let name { filters.append("\(option) \(name)") }
        }
        let subset = chosen.map { cells[$0] }
        let cellIndex = chosen[HTMLReport.cheapest(subset)!]
        let why = filters.isEmpty
            ? "by default the cheapest cell by mean cost other than the baseline’s"
            : "the cheapest by mean cost of the cells with " + filters.joined(separator: ", ")

        let point = scenario.gridPoints[0]
        let cell: Cell
        do {
            cell = try point.scenario.cells()[cellIndex]
        } catch {
            throw usageError("\(error)")
        }
        var records: [TraceRecord] = []
        var replicator = Replicator(pools: point.scenario.pools)
        do {
            _ = try replicator.trace(cell.plan, seed: scenario.seed, replication: replication) { records.append($0) }
        } catch {
            throw usageError("job \(cell.job.name), policy \(cell.policySpec), interval \(cell.interval): \(error)")
        }
        let timeline = HTMLReport.Timeline(
            labels: TraceReport.Labels(cell: cell, point: scenario.sweep == nil ? nil : 0, of: scenario, replication: replication),
            records: records, why: why)

        let report = HTMLReport(
            result, part: part, timeline: timeline, scenarioText: scenarioText, commandLine: Self.commandLine())
        let rendered = report.render()
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw usageError("cannot create \(output): \(error.localizedDescription)")
        }
        let directory = URL(fileURLWithPath: output)
        for file in rendered.files {
            try write(Data(file.text.utf8), to: directory.appendingPathComponent(file.name).path)
        }
        try write(Data(rendered.html.utf8), to: directory.appendingPathComponent("index.html").path)
        standardError("spotsim: wrote \(directory.appendingPathComponent("index.html").path) and \(rendered.files.count) CSV files\n")
    }

    /// `spotsim` and the arguments as given, quoted for a POSIX shell where needed.
    static func commandLine() -> String {
        (["spotsim"] + CommandLine.arguments.dropFirst()).map { argument in
            let plain = !argument.isEmpty && argument.unicodeScalars.allSatisfy {
                CharacterSet.alphanumerics.contains($0) || "-_./=:,@%+".unicodeScalars.contains($0)
            }
            return plain ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}
