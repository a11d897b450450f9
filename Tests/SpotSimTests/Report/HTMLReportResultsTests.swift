import Foundation
@testable import SpotSim
import SpotSimTestSupport
import Stochastics
import Testing

/// The HTML report drawn from a JSON report (`spotsim report results.json`): its cells, its
/// CDFs from the per-replication rows, and what it shows without them.
@Suite struct HTMLReportResultsTests {
    /// A run and its JSON report, parsed back.
    struct Run {
        var scenario: Scenario
        var part: PartialResult
        var result: ExperimentResult
        var report: ParsedReport
    }

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Two jobs, one of them checkpointing at Young's interval, on the quickstart's pool.
    static let twoJobs = """
        name: two-jobs
        seed: 5
        replications: 30
        pools:
          - name: aws-h100
            provider: aws
            region: us-east-1
            instance: p5.48xlarge
            gpu: H100
            gpus_per_node: 8
            on_demand_price: 98/h
            spot:
              price: 34.3/h
              lifetime: { distribution: weibull, shape: 0.63, scale: 1.35h }
              notice: 2m
            provisioning: { distribution: exponential, mean: 3m }
        jobs:
          - name: finetune
            gpu: H100
            nodes: 1
            work: 12h
            checkpoint: { interval: [30m, daly], size: 160GB, write: 2GB/s, restore: 2GB/s }
            restart: 5m
          - name: pretrain
            gpu: H100
            nodes: 2
            work: 20h
            checkpoint: { interval: [1h, young], write: 2m, restore: 1m }
            restart: 5m
        policies: [on-demand, spot, spot-fallback]
        """

    /// ``ScenarioFixtures/smallSweep(_:sweep:extraJob:)``, named as the tests here call it.
    static func sweepScenario(_ name: String, _ sweep: String, extraJob: Bool = false) -> String {
        ScenarioFixtures.smallSweep(name, sweep: sweep, extraJob: extraJob)
    }

    /// The sweep fixtures, by name, with the grid points each charts (per job where they
    /// differ): the interval as the inner and as the outer parameter (3 intervals × 2
    /// lifetimes), no interval parameter, and one job's interval swept beside a job that
    /// keeps its own.
    static let sweeps: [String: (yaml: String, charted: [String: [Int]])] = [
        "sweep-inner": (sweepScenario("sweep-inner", """
              pools.aws-h100.spot.lifetime.scale: [1h, 3h]
              jobs.finetune.checkpoint.interval: [20m, 1h, daly]
            """), ["finetune": [0, 1, 2]]),
        "sweep-outer": (sweepScenario("sweep-outer", """
              jobs.finetune.checkpoint.interval: [20m, 1h, daly]
              pools.aws-h100.spot.lifetime.scale: [1h, 3h]
            """), ["finetune": [0, 2, 4]]),
        "sweep-no-interval": (sweepScenario("sweep-no-interval", """
              pools.aws-h100.spot.lifetime.scale: [1h, 3h]
              jobs.finetune.nodes: [1, 2]
            """), ["finetune": [0]]),
        "sweep-two-jobs": (sweepScenario("sweep-two-jobs", """
              pools.aws-h100.spot.lifetime.scale: [1h, 3h]
              jobs.finetune.checkpoint.interval: [20m, 1h]
            """, extraJob: true), ["finetune": [0, 1], "pretrain": [0]]),
    ]

    /// The fixture scenarios: the quickstart, a sweep, two jobs, deadline policies with
    /// `omniscient` on a replayed trace (shared reference data), and ``sweeps``.
    static func scenario(_ name: String) throws -> Scenario {
        if let sweep = sweeps[name] {
            return try ScenarioDecoder.decode(yaml: sweep.yaml, file: name + ".yaml")
        }
        switch name {
        case "quickstart":
            var scenario = try ScenarioDecoder.decode(yaml: ShippedScenarios.quickstart, file: "quickstart.yaml")
            scenario.replications = 40
            return scenario
        case "checkpoint-sweep":
            var scenario = try ScenarioDecoder.decode(contentsOf: repository.appendingPathComponent("scenarios/checkpoint-sweep.yaml").path)
            scenario.replications = 20
            return scenario
        case "two-jobs":
            return try ScenarioDecoder.decode(yaml: twoJobs, file: "two-jobs.yaml")
        default:
            _ = try SharedData.path("data/traces/skypilot-spot-traces/availability/1-node/aws-02-15-2023/us-west-2b_v100_1.json")
            return try ScenarioDecoder.decode(
                yaml: DeadlineScenarioTests.deadlineCheck, file: "deadline-check.yaml", dataDirectory: DeadlineScenarioTests.dataDirectory)
        }
    }

    static func run(_ name: String) throws -> Run {
        let scenario = try scenario(name)
        let layout = try ResultLayout(scenario)
        let part = try ExperimentRunner(threads: 2).simulate(scenario, units: UnitSet(0..<layout.unitCount))
        let result = ExperimentResult(part)
        return Run(scenario: scenario, part: part, result: result, report: try ReportReader.parse(JSONReport.render(result), file: "results.json"))
    }

    /// `body` given the path of a temporary file named `name` holding `text`, removed after.
    static func withFile<T>(_ name: String, _ text: String, _ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spotsim-results-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return try body(url.path)
    }

    /// `run`'s per-replication rows as written by `--per-replication`, in `format`.
    static func rows(_ run: Run, _ format: PerReplicationReport.Format) throws -> String {
        try withFile("rows." + format.rawValue, "") { path in
            try PerReplicationReport.write(run.part, format: format, to: path)
            return try String(contentsOfFile: path, encoding: .utf8)
        }
    }

    /// Rule: the cells drawn from the JSON report equal, number for number (`==` on every
    /// double, no tolerance), the cells drawn from the run that wrote it — job, policy,
    /// interval, its hours and the work's, the baseline and omniscient flags, cost and
    /// completion means and intervals, the cost parts, the paired savings and extra hours and
    /// the quantiles — for the charted points of sweeps (across a swept interval, inner or
    /// outer; the first point without one), for two jobs, and for deadline policies with
    /// `omniscient`; only the samples are missing.
    @Test(arguments: ["quickstart", "checkpoint-sweep", "two-jobs", "deadline-check"] + sweeps.keys.sorted())
    func cellsFromJSONEqualTheRunsCells(_ name: String) throws {
        let run = try Self.run(name)
        let fromJSON = HTMLReport.cells(of: run.report)
        let fromRun = HTMLReport.cells(of: run.result)
        #expect(!fromJSON.isEmpty)
        #expect(fromJSON.count == fromRun.count)
        for (json, direct) in zip(fromJSON, fromRun) {
            #expect(json == direct, "\(json.job) / \(json.policy) / \(json.interval)")
            #expect(json.costSamples.isEmpty && json.costQuantiles != nil)
        }
        switch name {
        case "two-jobs": #expect(Set(fromJSON.map(\.job)) == ["finetune", "pretrain"])
        case "deadline-check": #expect(fromJSON.contains { $0.isOmniscient } && fromJSON.contains { $0.isBaseline })
        case "checkpoint-sweep":
            #expect(fromJSON.count == 10 && HTMLReport.chartedResults(of: run.report).count == 10)
            #expect(fromJSON.map(\.interval) == ["10m", "20m", "40m", "1h", "daly"].flatMap { [$0, $0] })
        case _ where Self.sweeps[name] != nil: break
        default: #expect(fromJSON.contains { $0.savingsFraction != nil && $0.extraCompletionHours != nil })
        }
    }

    /// Rule: with the rows `--per-replication` wrote (CSV or JSON Lines), the cells from the
    /// JSON report equal the run's cells with their samples, and the page — with the same
    /// timeline and scenario text — is the run's page byte for byte but for the line naming
    /// the JSON report: every CSV identical, the CDFs among them; for sweeps, with the cells of
    /// several points.
    @Test(arguments: ["quickstart", "checkpoint-sweep"] + sweeps.keys.sorted())
    func perReplicationRowsGiveTheRunsPage(_ name: String) throws {
        let run = try Self.run(name)
        let direct = HTMLReport.cells(of: run.result, part: run.part)
        for format in PerReplicationReport.Format.allCases {
            let cells = try Self.withFile("reps." + format.rawValue, try Self.rows(run, format)) { path in
                try HTMLReport.adding(samplesFrom: path, to: HTMLReport.cells(of: run.report), of: run.report)
            }
            #expect(cells == direct, "\(format)")

            let timeline = HTMLReport.Timeline(
                labels: TraceReport.Labels(job: "finetune", policy: "spot", interval: "30m", replication: 0, pools: ["aws-h100"]),
                records: [], why: "a test")
            let fromRun = HTMLReport(run.result, part: run.part, timeline: timeline, scenarioText: "name: x", commandLine: "c").render()
            let fromJSON = try HTMLReport(
                results: run.report, cells: cells, timeline: timeline, scenarioText: "name: x", commandLine: "c",
                resultsFile: "results.json").render()
            #expect(fromJSON.files == fromRun.files)
            #expect(fromJSON.files.contains { $0.name == "finetune-cost-cdf.csv" })
            let resultsLine = "<dt>Results</dt><dd>read from <code>results.json</code></dd>\n"
            #expect(fromJSON.html.contains(resultsLine))
            #expect(fromJSON.html.replacingOccurrences(of: resultsLine, with: "") == fromRun.html)
        }
    }

    /// `metric` of every replication of every cell of `part`, `[point][cell][replication]`,
    /// walked as ``PerReplicationReport/write(_:format:to:)`` walks the units (each holding
    /// its point's cells × metrics values).
    static func unitValues(_ part: PartialResult, _ metric: Metric) -> [[[Double]]] {
        let layout = part.layout
        var values = layout.points.map { Array(repeating: [Double](), count: $0.cells.count) }
        var offset = 0
        for unit in 0..<layout.unitCount {
            let pointIndex = unit / layout.replications
            let point = layout.points[pointIndex]
            let metricIndex = point.metrics.firstIndex(of: metric)!
            for cell in point.cells.indices {
                values[pointIndex][cell].append(part.values[offset + metricIndex])
                offset += point.metrics.count
            }
        }
        return values
    }

    /// Rule: with a sweep, the charted cells are, in grid order, every cell of the first grid
    /// point and, for a job whose checkpoint interval is swept, its cells at every point with
    /// the first point's values of the other parameters (the interval inner or outer; another
    /// job stays at the first point; no interval parameter: the first point only) — each with
    /// its point's sweep values, summaries and per-replication cost and completion time.
    @Test(arguments: sweeps.keys.sorted())
    func sweptIntervalsAreChartedAcrossPoints(_ name: String) throws {
        let run = try Self.run(name)
        let charted = try #require(Self.sweeps[name]).charted
        let layout = run.result.layout
        var expected: [(point: Int, cell: Int, result: Int)] = []
        var resultIndex = 0
        for (pointIndex, point) in layout.points.enumerated() {
            for (cellIndex, label) in point.cells.enumerated() {
                if charted[label.job]?.contains(pointIndex) == true { expected.append((pointIndex, cellIndex, resultIndex)) }
                resultIndex += 1
            }
        }
        let cells = HTMLReport.cells(of: run.result, part: run.part)
        #expect(cells.count == expected.count)
        #expect(HTMLReport.chartedCells(of: layout).map { [$0.point, $0.cell] } == expected.map { [$0.point, $0.cell] })
        let costs = Self.unitValues(run.part, .costUSD), completions = Self.unitValues(run.part, .completionHours)
        for (cell, place) in zip(cells, expected) {
            let point = layout.points[place.point], label = point.cells[place.cell]
            #expect([cell.job, cell.policy, cell.interval] == [label.job, label.policy, label.interval])
            #expect(cell.sweepValues == point.sweepValues)
            #expect(cell.cost.mean == run.result.cells[place.result].summary(.costUSD).mean)
            #expect(cell.costSamples == costs[place.point][place.cell], "\(place)")
            #expect(cell.completionSamples == completions[place.point][place.cell], "\(place)")
            #expect(cell.costSamples.count == 12)
        }
    }

    /// Rule: the page says which grid points it charts: across the swept checkpoint intervals
    /// at the other parameters' first values (with interval charts), or the first point only,
    /// naming its values (one interval: no interval chart).
    @Test func pageSaysWhichPointsItCharts() throws {
        let cases = [
            ("checkpoint-sweep", "The scenario sweeps parameters; the charts show the grid points with pools.aws-h100.spot.lifetime.scale = 0.5h, across the swept checkpoint intervals."),
            ("sweep-outer", "The scenario sweeps parameters; the charts show the grid points with pools.aws-h100.spot.lifetime.scale = 1h, across the swept checkpoint intervals."),
            ("sweep-no-interval", "The scenario sweeps parameters; the charts show its first grid point only (pools.aws-h100.spot.lifetime.scale = 1h, jobs.finetune.nodes = 1)."),
        ]
        for (name, sentence) in cases {
            let run = try Self.run(name)
            let output = HTMLReport(run.result, part: run.part, timeline: nil, scenarioText: "name: x", commandLine: "c").render()
            #expect(output.html.contains("<p>" + sentence + "</p>"), "\(name)")
            #expect(output.files.contains { $0.name == "finetune-cost-by-interval.csv" } == (name != "sweep-no-interval"), "\(name)")
        }
    }

    /// Rule: the job of a sweep parameter is the one whose checkpoint interval it names by the
    /// job's name; other paths, by index or into an interval list, have none.
    @Test func intervalParametersAreNamedByJob() {
        #expect(HTMLReport.intervalJob("jobs.finetune.checkpoint.interval") == "finetune")
        #expect(HTMLReport.intervalJob("jobs.a-b_c.checkpoint.interval") == "a-b_c")
        for path in ["jobs[0].checkpoint.interval", "jobs.finetune.checkpoint.interval[1]", "jobs.finetune.checkpoint.write",
                     "jobs..checkpoint.interval", "pools.aws-h100.spot.lifetime.scale", "jobs.checkpoint.interval"] {
            #expect(HTMLReport.intervalJob(path) == nil, "\(path)")
        }
    }

    /// Rule: without per-replication values, each CDF figure is still there, with its CSV
    /// under the same name: the median, p90 and p99 of each policy at its cheapest interval as
    /// markers at 50 %, 90 % and 99 % (the summaries' quantiles exactly), no step line, a
    /// caption saying only these are known and how to draw the full curves; no "No data".
    @Test func withoutSamplesTheCDFsMarkTheQuantiles() throws {
        let run = try Self.run("quickstart")
        let output = try HTMLReport(
            results: run.report, cells: HTMLReport.cells(of: run.report), timeline: nil, scenarioText: nil,
            commandLine: "spotsim report results.json --output r", resultsFile: "results.json").render()
        func count(_ needle: String) -> Int { output.html.components(separatedBy: needle).count - 1 }
        #expect(count("data-chart=\"line\"") == 2)
        #expect(count("data-chart=\"scatter\"") == 3)
        #expect(count("data-chart=\"stacked-bar\"") == 1)
        #expect(count("data-chart=\"step\"") == 0 && count("data-chart=\"timeline\"") == 0)
        #expect(count("<figure>") == 6 && output.files.count == 6)
        #expect(count("<strong>Known quantiles of") == 2)
        #expect(count("give the file to <code>spotsim report</code> with <code>--per-replication reps.csv</code>") == 2)
        #expect(!output.html.contains("No data"))
        for file in output.files {
            #expect(output.html.contains("<a href=\"\(file.name)\">"))
        }
        for (name, metric) in [("finetune-cost-cdf.csv", Metric.costUSD), ("finetune-completion-cdf.csv", .completionHours)] {
            let csv = try #require(output.files.first { $0.name == name })
            let rows = csv.text.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
            #expect(rows[0] == ["policy", "interval", "quantile", metric.rawValue])
            #expect(rows.count == 1 + 3 * 3)
            for row in rows.dropFirst() {
                let cell = try #require(run.result.cells.first { $0.cell.policy == row[0] && $0.cell.interval == row[1] })
                let summary = cell.summary(metric)
                let expected = ["0.5": summary.p50, "0.9": summary.p90, "0.99": summary.p99][row[2]]
                #expect(row[3] == expected.map(JSONWriter.number), "\(row)")
            }
        }
    }

    /// Rule: a page from a JSON report alone names the file, says in one sentence how to add
    /// the timeline (--scenario), shows no scenario text but says why, and carries the
    /// report's seed, replications and spotsim version.
    @Test func withoutTheScenarioThePageSaysWhereItCameFrom() throws {
        let run = try Self.run("quickstart")
        var report = run.report
        report.spotsimVersion = "0.2.9"
        let html = try HTMLReport(
            results: report, cells: HTMLReport.cells(of: report), timeline: nil, scenarioText: nil,
            commandLine: "spotsim report results.json --output r", resultsFile: "results.json").render().html
        #expect(html.contains("Drawn from the results in <code>results.json</code> without the scenario; to add the timeline of one replication, give the scenario file with <code>--scenario FILE</code>."))
        #expect(html.contains("<dt>Results</dt><dd>read from <code>results.json</code></dd>"))
        #expect(html.contains("No scenario text is available"))
        #expect(!html.contains("<pre class=\"scenario\">") && !html.contains("One replication"))
        #expect(html.contains("40 replications, seed 1, spotsim 0.2.9"))
    }

    /// The message reading `text` as the per-replication file `name` for the quickstart run
    /// gives, or `no error`.
    static func message(_ run: Run, _ name: String, _ text: String) throws -> String {
        try withFile(name, text) { path in
            do {
                _ = try HTMLReport.adding(samplesFrom: path, to: HTMLReport.cells(of: run.report), of: run.report)
                return "no error"
            } catch {
                return "\(error)".replacingOccurrences(of: path, with: name)
            }
        }
    }

    /// Rule: rows that are not the report's are one error naming the file, the line, what was
    /// expected and what was found: another scenario, another sweep, a missing column, a
    /// missing, repeated or surplus replication, a file that ends early, a value that is not a
    /// number, a line that is not JSON, a missing file.
    @Test func rowsThatDoNotMatchAreOneClearError() throws {
        let run = try Self.run("quickstart")
        let csv = try Self.rows(run, .csv)
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()   // the final newline
        func joined(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

        #expect(try Self.message(run, "a.csv", csv.replacingOccurrences(of: "\nquickstart,", with: "\nother,"))
            == "a.csv:2: error: expected rows of scenario 'quickstart' (the results' scenario), found a row of scenario 'other'")
        var missing = lines
        missing.remove(at: 20)
        #expect(try Self.message(run, "b.csv", joined(missing)).hasPrefix(
            "b.csv:32: error: expected replication 1 of finetune / spot / daly (each cell's rows in replication order, from 0), found replication 2: replication 1 is missing"))
        var repeated = lines
        repeated.insert(lines[3], at: 4)
        #expect(try Self.message(run, "c.csv", joined(repeated))
            == "c.csv:5: error: expected replication 1 of finetune / on-demand / 1h (each cell's rows in replication order, from 0), found replication 0 again")
        #expect(try Self.message(run, "d.csv", joined(Array(lines.prefix(100))))
            == "d.csv:100: error: expected 40 rows of finetune / on-demand / 15m (replications 0 to 39), found 9 before the end of the file: replications 9 to 39 are missing")
        #expect(try Self.message(run, "e.csv", csv.replacingOccurrences(of: "cost_usd", with: "price")).hasPrefix(
            "e.csv:1: error: expected the columns of spotsim run --per-replication"))
        var surplus = lines
        surplus.append(lines[1].replacingOccurrences(of: ",0,", with: ",40,"))
        #expect(try Self.message(run, "f.csv", joined(surplus)).hasPrefix("f.csv:482: error: expected at most 40 rows of finetune / on-demand / 15m"))
        var notANumber = lines
        let fields = notANumber[7].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        notANumber[7] = (fields.prefix(6) + ["lots"] + fields.dropFirst(7)).joined(separator: ",")
        #expect(try Self.message(run, "g.csv", joined(notANumber)) == "g.csv:8: error: expected cost_usd: a number, found 'lots'")

        let sweep = try Self.run("checkpoint-sweep")
        #expect(try Self.message(run, "h.csv", try Self.rows(sweep, .csv))
            == "h.csv:1: error: expected the sweep parameters of the results as columns (none), found pools.aws-h100.spot.lifetime.scale, jobs.finetune.checkpoint.interval")

        var jsonLines = try Self.rows(run, .jsonLines).split(separator: "\n").map(String.init)
        jsonLines[2] = "{\"scenario\": \"quickstart\", oops}"
        #expect(try Self.message(run, "i.jsonl", joined(jsonLines)).hasPrefix(
            "i.jsonl:3: error: expected a JSON object on each line (a row of spotsim run --per-replication FILE.jsonl), found text that is not JSON"))
        #expect(try Self.message(run, "j.csv", "") == "j.csv: error: expected a header line (scenario,…,job,policy,interval,pool,replication,cost_usd,…), found an empty file")

        do {
            _ = try HTMLReport.adding(samplesFrom: "/nonexistent/reps.csv", to: [], of: run.report)
            Issue.record("no error")
        } catch {
            #expect(error.description == "/nonexistent/reps.csv: error: expected a readable file of spotsim run --per-replication (.csv or .jsonl), found no such file")
        }
    }

    /// Rule: rows of several charted points are checked point by point: a missing replication
    /// of a later point is one error at its line; a point's cell short of rows is one error at
    /// the first row of the next point; rows after the last charted point are not read.
    @Test func rowsOfSeveralPointsAreCheckedPointByPoint() throws {
        let run = try Self.run("sweep-inner")   // 6 points of 24 rows: replication by replication, on-demand then spot
        let csv = try Self.rows(run, .csv)
        var lines = csv.split(separator: "\n").map(String.init)
        func joined(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }
        func row(_ point: Int, _ replication: Int, _ cell: Int) -> Int { 1 + 24 * point + 2 * replication + cell }
        let sweep = "pools.aws-h100.spot.lifetime.scale=1h, jobs.finetune.checkpoint.interval="

        var missing = lines
        missing.remove(at: row(1, 5, 1))
        #expect(try Self.message(run, "a.csv", joined(missing)) == "a.csv:\(row(1, 6, 1)): error: expected replication 5 of finetune / spot / 1h / \(sweep)1h (each cell's rows in replication order, from 0), found replication 6: replication 5 is missing")
        var short = lines
        short.remove(at: row(2, 11, 1))
        #expect(try Self.message(run, "b.csv", joined(short)) == "b.csv:\(row(3, 0, 0)): error: expected 12 rows of finetune / spot / daly / \(sweep)daly (replications 0 to 11), found 11 before the rows of the next sweep point: replication 11 is missing")
        lines[row(4, 0, 0)] = lines[row(4, 0, 0)].replacingOccurrences(of: "sweep-inner,", with: "other,")
        #expect(try Self.message(run, "c.csv", joined(lines)) == "no error")
    }

    /// Rule: the CSV reader takes RFC 4180 fields (quotes, commas and quotes inside them) and
    /// the JSON Lines fast path unescapes strings, keeps numbers as written and `null`, and
    /// declines anything else (nesting, `true`, trailing text), leaving it to the full parser.
    @Test func fieldsAreReadAsWritten() {
        #expect(PerReplicationReader.csvFields(Array("a,\"b,c\",\"say \"\"hi\"\"\",".utf8)[...]) == ["a", "b,c", "say \"hi\"", ""])
        #expect(PerReplicationReader.csvFields(Array("a,\"b".utf8)[...]) == nil)
        #expect(PerReplicationReader.flatObject(Array(#"{"job": "a\"b\\c", "cost_usd":1.5e-3 ,"x":null}"#.utf8)[...])
            == ["job": "a\"b\\c", "cost_usd": "1.5e-3", "x": "null"])
        #expect(PerReplicationReader.flatObject(Array(#"{"a": {"b": 1}}"#.utf8)[...]) == nil)
        #expect(PerReplicationReader.flatObject(Array(#"{"a": true}"#.utf8)[...]) == nil)
        #expect(PerReplicationReader.flatObject(Array(#"{"a": 01}"#.utf8)[...]) == nil)
        #expect(PerReplicationReader.flatObject(Array(#"{"a": 1} x"#.utf8)[...]) == nil)
    }
}
