import ArgumentParser
import Foundation
import SpotSim

/// `spotsim report`: an HTML report with the CSV behind each chart, from a scenario it runs or
/// from the JSON report of an earlier run. (Named `ReportCommand` so as not to clash with
/// SpotSim's reports.)
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report with charts, plus the CSV behind every chart, from a scenario or from a run's JSON report.",
        discussion: """
            Writes DIR/index.html and one CSV per chart to DIR (created if needed; each file \
            written atomically). The page is self-contained — inline SVG and CSS, no scripts, \
            no web fonts, no network — so it can be mailed, attached to a ticket or opened \
            offline, and the same inputs give the same bytes.

            Per job it shows: mean cost and completion time against the checkpoint interval \
            (a line and 95% band per policy, the Young and Daly intervals marked; only for jobs \
            with more than one interval); cost against \
            completion time per policy and interval (error bars, savings against the baseline \
            on hover); the distributions (CDFs) of completion time and cost, and the cost \
            breakdown (spot, on-demand, storage, egress), each policy at its cheapest interval; \
            then a timeline of one replication: nodes per pool, preemptions, checkpoints, \
            migrations and lost work; and the scenario itself with the seed, version and command. \
            With a sweep, the charts show its first grid point; when the sweep varies a job's \
            checkpoint interval (jobs.NAME.checkpoint.interval), they show that job's cells at \
            every grid point with the first point's other values, as if the job listed those \
            intervals.

            From a scenario (SCENARIO.yaml, or none for the embedded quickstart): runs it as \
            `spotsim run` does, with the same options and numbers, and also writes the full \
            results next to the page: DIR/results.txt, DIR/results.json and DIR/results.csv, \
            byte for byte what `spotsim run --format table|json|csv` prints.

            From a JSON report (RESULTS.json, written by `spotsim run` or `spotsim merge` with \
            --format json; recognised by its content): draws the same page without running \
            anything, and writes only the page and its CSVs. The report holds summaries, so \
            two parts need more: --per-replication FILE (the .csv or .jsonl `run` or `merge` \
            wrote with --per-replication) gives every replication's values for the full CDFs \
            — without it they show only the median, p90 and p99; --scenario FILE (with \
            --data-dir for its traces, and the --seed and --replications `run` was given) \
            re-simulates the timeline's replication and shows the scenario's text — without \
            it the page has no timeline. The scenario must have the report's name, seed, \
            replications and cells, and the report must come from this spotsim version. With \
            both, the page and CSVs are those `spotsim report SCENARIO` writes, but for the \
            command line and the line naming the JSON report.

            The timeline shows replication --replication (default 0) of the cheapest cell by \
            mean cost that is not the baseline's (nor omniscient's), at that cell's grid \
            point; --job, --policy and --interval narrow the cells it picks the cheapest from, \
            with names as `spotsim trace` takes them. With a JSON report, these options need --scenario.

            Examples:
              spotsim report scenarios/quickstart.yaml --output report
              spotsim report cluster.yaml --output report --replications 500 --seed 7
              spotsim report cluster.yaml --output report --policy spot --replication 3

              # A big run once, then the page from its results (as often as needed):
              spotsim run big.yaml --format json --output big.json \\
                  --per-replication reps.csv
              spotsim report big.json --per-replication reps.csv \\
                  --scenario big.yaml --output report
              spotsim report big.json --output summary   # no CDF curves, no timeline

              # Shards of a cluster run (I = 0…7), merged, then the page:
              spotsim run big.yaml --shard I/8 --output shards/shard-I.spotsim-shard
              spotsim merge shards/*.spotsim-shard --format json --output r.json \\
                  --per-replication reps.csv
              spotsim report r.json --per-replication reps.csv --scenario big.yaml \\
                  --output report

            Exit status: 0 success, 64 a usage or scenario error (a file that is neither a \
            scenario nor a JSON report, a per-replication file or scenario that does not match \
            the report).
            """
    )

    @Argument(help: ArgumentHelp(
        "The scenario file (YAML; default: the embedded quickstart), or a JSON report of `spotsim run` or `spotsim merge` (--format json) to draw the page from.",
        valueName: "scenario-or-results"
    ))
    var input: String?

    @OptionGroup(title: "Scenario options")
    var overrides: ScenarioOverrides

    @OptionGroup(title: "JSON report options")
    var results: ResultsInputOptions

    @OptionGroup(title: "Timeline options")
    var timelineOptions: TimelineOptions

    @Option(name: .long, help: ArgumentHelp(
        "The directory to write index.html and the CSV files to (created if needed); from a scenario, also results.txt, results.json and results.csv.",
        valueName: "dir"
    ))
    var output: String

    func run() throws {
        if let input, let report = try Self.resultsReport(at: input) {
            try drawResults(report, file: input)
        } else {
            try runScenario()
        }
    }

    /// Scenario mode: runs the scenario and writes the page, its CSVs and the results files.
    func runScenario() throws {
        let given = [(results.scenario, "--scenario"), (results.perReplication, "--per-replication")].filter { $0.0 != nil }
        if let first = given.first {
            throw usageError("\(first.1) is for drawing a JSON report (spotsim report RESULTS.json); \(input ?? "the embedded quickstart") is a scenario, which is run")
        }
        let scenario = try overrides.scenario(at: input)
        try timelineOptions.check(replications: scenario.replications)
        let scenarioText: String
        if let input {
            guard let data = FileManager.default.contents(atPath: input) else { throw usageError("cannot read \(input)") }
            scenarioText = String(decoding: data, as: UTF8.self)
        } else {
            scenarioText = ShippedScenarios.quickstart
        }

        // The whole run, as `spotsim run` computes it.
        let layout = try experimentLayout(scenario)
        let part = try simulate(
            scenario, units: UnitSet(0..<layout.unitCount), threads: overrides.threadCount,
            fingerprint: try overrides.fingerprint(of: input)
        )
        let result = ExperimentResult(part, threads: overrides.threadCount)
        let timeline = try timelineOptions.timeline(of: scenario, cells: HTMLReport.cells(of: result))
        let report = HTMLReport(
            result, part: part, timeline: timeline, scenarioText: scenarioText, commandLine: Self.commandLine())
        let files = Self.resultsFiles.map { (name: $0.name, text: rendered(result, format: $0.format)) }
        try writePage(report.render(), plus: files)
    }

    /// The results files written beside the page in scenario mode, as `spotsim run` prints them.
    static let resultsFiles: [(name: String, format: Run.Format)] = [
        ("results.txt", .table), ("results.json", .json), ("results.csv", .csv),
    ]

    /// Writes the page's CSVs and `extra` files to the output directory, then index.html, and
    /// says what it wrote on standard error.
    func writePage(_ rendered: HTMLReport.Output, plus extra: [(name: String, text: String)]) throws {
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw usageError("cannot create \(output): \(error.localizedDescription)")
        }
        let directory = URL(fileURLWithPath: output)
        for file in rendered.files {
            try write(Data(file.text.utf8), to: directory.appendingPathComponent(file.name).path)
        }
        for file in extra {
            try write(Data(file.text.utf8), to: directory.appendingPathComponent(file.name).path)
        }
        let page = directory.appendingPathComponent("index.html").path
        try write(Data(rendered.html.utf8), to: page)
        var line = "spotsim: wrote \(page) and \(rendered.files.count) CSV files behind its charts"
        if !extra.isEmpty {
            line += ", and the results as " + extra.map(\.name).joined(separator: ", ")
        }
        standardError(line + "\n")
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

/// `--scenario` and `--per-replication`: what `spotsim report RESULTS.json` needs beyond the
/// JSON report for the timeline and the full CDFs.
struct ResultsInputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The scenario the report was run from: re-simulates the timeline's replication and shows the scenario's text (same name, seed, replications and spotsim version).",
        valueName: "file"
    ))
    var scenario: String?

    @Option(name: .customLong("per-replication"), help: ArgumentHelp(
        "Every replication's values, as `spotsim run` or `spotsim merge --per-replication` wrote them for this report (.csv or .jsonl): the full CDFs.",
        valueName: "file"
    ))
    var perReplication: String?

    func validate() throws {
        if let perReplication, PerReplicationReport.Format(fileName: perReplication) == nil {
            throw ValidationError("--per-replication: expected a file name ending in .csv, .jsonl or .ndjson, found '\(perReplication)'")
        }
    }
}
