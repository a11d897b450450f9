import Foundation
import SpotSim
import SpotSimTestSupport
import Testing

/// `spotsim report RESULTS.json` end to end, and the results files of `spotsim report
/// SCENARIO`: the built executable's files, messages and exit statuses.
@Suite struct ReportResultsCommandTests {
    typealias CLI = CommandLineTests

    /// Runs spotsim and requires exit status 0.
    static func succeed(_ arguments: String...) throws -> CLI.Outcome {
        let outcome = try CLI.spotsim(arguments: arguments)
        #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
        return outcome
    }

    /// The files of `directory`, by name.
    static func files(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }

    /// The lines of index.html in `directory`.
    static func pageLines(_ directory: URL) throws -> [String] {
        try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Checks the rule of ``drawnFromResultsEqualsTheScenarioPage()``: `fromResults` holds
    /// the CSVs of `fromScenario` byte for byte, and index.html differs only in the command
    /// line and one added line naming `resultsName`.
    static func expectSamePage(_ fromScenario: URL, _ fromResults: URL, resultsName: String) throws {
        let scenarioFiles = try files(fromScenario)
        let resultsFiles = try files(fromResults)
        let charts = scenarioFiles.keys.filter { $0.hasSuffix(".csv") && !$0.hasPrefix("results.") }
        #expect(Set(resultsFiles.keys) == Set(charts + ["index.html"]))
        #expect(charts.contains { $0.hasSuffix("-cost-cdf.csv") } && charts.contains { $0.hasSuffix("-timeline.csv") })
        for name in charts {
            #expect(resultsFiles[name] == scenarioFiles[name], "\(name) differs")
        }
        let scenarioPage = try pageLines(fromScenario)
        let resultsPage = try pageLines(fromResults)
        let resultsLine = "<dt>Results</dt><dd>read from <code>\(resultsName)</code></dd>"
        #expect(resultsPage.filter { $0 == resultsLine }.count == 1)
        let isCommand = { (line: String) in line.hasPrefix("<dt>Command</dt><dd><code>spotsim report ") }
        #expect(scenarioPage.filter(isCommand).count == 1 && resultsPage.filter(isCommand).count == 1)
        #expect(scenarioPage.filter { !isCommand($0) } == resultsPage.filter { !isCommand($0) && $0 != resultsLine })
    }

    /// Rule: `report RESULTS.json --per-replication ROWS --scenario SCENARIO` writes the page
    /// `report SCENARIO` writes for the same run: the same chart CSVs byte for byte (CDFs and
    /// timeline included), and an index.html that differs only in the command line and the
    /// one line naming the JSON report.
    @Test func drawnFromResultsEqualsTheScenarioPage() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let results = directory.appendingPathComponent("results.json").path
        let rows = directory.appendingPathComponent("reps.csv").path
        _ = try Self.succeed("run", "scenarios/quickstart.yaml", "--replications", "40", "--format", "json", "--output", results, "--per-replication", rows)
        let fromScenario = directory.appendingPathComponent("scenario")
        _ = try Self.succeed("report", "scenarios/quickstart.yaml", "--replications", "40", "--policy", "spot-fallback", "--output", fromScenario.path)
        let fromResults = directory.appendingPathComponent("results")
        let outcome = try Self.succeed(
            "report", results, "--per-replication", rows, "--scenario", "scenarios/quickstart.yaml", "--replications", "40",
            "--policy", "spot-fallback", "--output", fromResults.path)
        #expect(outcome.standardError == "spotsim: wrote \(fromResults.path)/index.html and 7 CSV files behind its charts\n")
        try Self.expectSamePage(fromScenario, fromResults, resultsName: "results.json")
    }

    /// Rule: the merge workflow of the help — shards, `merge --format json --per-replication
    /// ROWS.jsonl`, then `report` — gives the page `report SCENARIO` writes, for a sweep (its
    /// points across the swept intervals, the inner parameter) and JSON Lines rows, as
    /// ``drawnFromResultsEqualsTheScenarioPage()`` says.
    @Test func mergedShardsGiveTheScenarioPage() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var shards: [String] = []
        for index in 0..<3 {
            let shard = directory.appendingPathComponent("shard-\(index).spotsim-shard").path
            _ = try Self.succeed("run", "scenarios/checkpoint-sweep.yaml", "--replications", "20", "--shard", "\(index)/3", "--output", shard)
            shards.append(shard)
        }
        let results = directory.appendingPathComponent("r.json").path
        let rows = directory.appendingPathComponent("reps.jsonl").path
        _ = try Self.succeed(arguments: ["merge"] + shards + ["--format", "json", "--output", results, "--per-replication", rows])
        let fromScenario = directory.appendingPathComponent("scenario")
        _ = try Self.succeed("report", "scenarios/checkpoint-sweep.yaml", "--replications", "20", "--output", fromScenario.path)
        let fromResults = directory.appendingPathComponent("results")
        _ = try Self.succeed(
            "report", results, "--per-replication", rows, "--scenario", "scenarios/checkpoint-sweep.yaml", "--replications", "20",
            "--output", fromResults.path)
        try Self.expectSamePage(fromScenario, fromResults, resultsName: "r.json")
        let byInterval = try String(contentsOf: fromResults.appendingPathComponent("finetune-cost-by-interval.csv"), encoding: .utf8)
        #expect(byInterval.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] } == ["10m", "10m", "20m", "20m", "40m", "40m", "1h", "1h", "daly"])
    }

    /// A sweep with the checkpoint interval as the outer parameter: 3 intervals × 2 lifetime
    /// scales, so that the charted points are 0, 2 and 4 (`intervals` another list of them;
    /// `swapped`: the parameters the other way round; the same name and seed).
    static func outerIntervalSweep(intervals: String = "[20m, 1h, daly]", swapped: Bool = false) -> String {
        let sweep = ["  jobs.finetune.checkpoint.interval: " + intervals, "  pools.aws-h100.spot.lifetime.scale: [1h, 3h]"]
        return ScenarioFixtures.smallSweep("outer-interval", sweep: (swapped ? sweep.reversed() : sweep).joined(separator: "\n"))
    }

    /// The (kind, pool, start, end, value) of the timeline CSV's preemption and checkpoint rows.
    static func timelineEvents(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            .filter { ["preemption", "checkpoint"].contains($0[0]) }.map { Array($0.prefix(5)) }
    }

    /// The rows ``timelineEvents(_:)`` expects from `spotsim trace` JSON Lines: a preemption
    /// row per record with `preemptions_now`, a checkpoint row per `checkpoint_done`.
    static func traceEvents(_ jsonLines: String) throws -> [[String]] {
        var rows: [[String]] = []
        for line in jsonLines.split(separator: "\n") {
            guard case .object(let record) = try ReportJSON.parse(String(line)) else { continue }
            func text(_ key: String) -> String {
                switch record[key] {
                case .string(let value)?: return value
                case .number(let value)?: return value.text
                default: return ""
                }
            }
            let time = text("t_hours")
            if text("preemptions_now") != "0" {
                rows.append(["preemption", text("pool").isEmpty ? text("placement_pool") : text("pool"), time, time, text("preemptions_now")])
            }
            if text("event") == "checkpoint_done" {
                rows.append(["checkpoint", text("placement_pool"), time, time, text("committed_hours")])
            }
        }
        return rows
    }

    /// Rule: with the swept interval as the outer parameter, `report RESULTS.json
    /// --per-replication ROWS --scenario SCENARIO` still writes the page of `report SCENARIO`
    /// (charting points 0, 2 and 4); its timeline of a cell of a later point (--interval 1h:
    /// point 2) is that point's replication as `spotsim trace --point 2` prints it, not the
    /// next point's; and a --scenario whose charted cells differ (another interval at a later
    /// point) or whose sweep does (its parameters the other way round) is one clear error.
    @Test func laterPointsOfAnOuterIntervalSweep() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        try Self.outerIntervalSweep().write(toFile: path("sweep.yaml"), atomically: true, encoding: .utf8)
        try Self.outerIntervalSweep(swapped: true).write(toFile: path("swapped.yaml"), atomically: true, encoding: .utf8)
        try Self.outerIntervalSweep(intervals: "[20m, 2h, daly]").write(toFile: path("other.yaml"), atomically: true, encoding: .utf8)
        _ = try Self.succeed("run", path("sweep.yaml"), "--format", "json", "--output", path("r.json"), "--per-replication", path("reps.csv"))
        let timeline = ["--interval", "1h", "--replication", "1"]
        _ = try Self.succeed(arguments: ["report", path("sweep.yaml"), "--output", path("scenario")] + timeline)
        _ = try Self.succeed(arguments: [
            "report", path("r.json"), "--per-replication", path("reps.csv"), "--scenario", path("sweep.yaml"), "--output", path("results"),
        ] + timeline)
        try Self.expectSamePage(directory.appendingPathComponent("scenario"), directory.appendingPathComponent("results"), resultsName: "r.json")
        let page = try String(contentsOfFile: path("results/index.html"), encoding: .utf8)
        #expect(page.contains("the charts show the grid points with pools.aws-h100.spot.lifetime.scale = 1h, across the swept checkpoint intervals."))
        #expect(page.contains("Replication 1: spot at 1h"))

        let events = Self.timelineEvents(try String(contentsOfFile: path("results/finetune-timeline.csv"), encoding: .utf8))
        func traced(_ point: Int) throws -> [[String]] {
            let trace = try Self.succeed("trace", path("sweep.yaml"), "--point", "\(point)", "--policy", "spot", "--replication", "1")
            return try Self.traceEvents(trace.standardOutput)
        }
        #expect(events.contains { $0[0] == "checkpoint" } && events.contains { $0[0] == "preemption" })
        #expect(events == (try traced(2)))
        #expect(events != (try traced(3)))

        let sweep = "jobs.finetune.checkpoint.interval=%@, pools.aws-h100.spot.lifetime.scale=1h"
        for (file, message) in [
            ("other.yaml", "does not match \(path("r.json")): its cells differ from the results' (its first cell finetune / on-demand / 2h / "
                + sweep.replacingOccurrences(of: "%@", with: "2h") + ", the results' finetune / on-demand / 1h / "
                + sweep.replacingOccurrences(of: "%@", with: "1h") + ")"),
            ("swapped.yaml", "does not match \(path("r.json")): it sweeps pools.aws-h100.spot.lifetime.scale, jobs.finetune.checkpoint.interval, the results jobs.finetune.checkpoint.interval, pools.aws-h100.spot.lifetime.scale"),
        ] {
            let mismatch = try CLI.spotsim(arguments: ["report", path("r.json"), "--scenario", path(file), "--output", path("bad")])
            #expect(mismatch.status == 64)
            #expect(mismatch.standardError.contains(message), "\(mismatch.standardError)")
            #expect(mismatch.standardError.filter { $0 == "\n" }.count == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: path("bad")))
    }

    /// Runs spotsim with `arguments` and requires exit status 0.
    static func succeed(arguments: [String]) throws -> CLI.Outcome {
        let outcome = try CLI.spotsim(arguments: arguments)
        #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
        return outcome
    }

    /// Rule: `report SCENARIO` also writes results.txt, results.json and results.csv, each
    /// byte for byte what `spotsim run` prints with the same options in that format, and says
    /// so in its last line.
    @Test func scenarioModeWritesTheResultsFiles() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try Self.succeed("report", "scenarios/quickstart.yaml", "--replications", "30", "--seed", "9", "--output", directory.path)
        #expect(outcome.standardError == "spotsim: wrote \(directory.path)/index.html and 7 CSV files behind its charts, and the results as results.txt, results.json, results.csv\n")
        for (file, format) in [("results.txt", "table"), ("results.json", "json"), ("results.csv", "csv")] {
            let run = try Self.succeed("run", "scenarios/quickstart.yaml", "--replications", "30", "--seed", "9", "--format", format)
            #expect(try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) == run.standardOutput, "\(file)")
        }
    }

    /// Rule: a JSON report alone still gives every figure but the timeline, each with its CSV:
    /// two interval charts, the cost–completion scatter, both CDFs as their known quantiles
    /// and the breakdown; the page says how to add the timeline and the full CDFs; no results
    /// files are written.
    @Test func resultsAloneHaveEveryFigureAndItsCSV() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let results = directory.appendingPathComponent("results.json").path
        _ = try Self.succeed("run", "scenarios/quickstart.yaml", "--replications", "20", "--format", "json", "--output", results)
        let page = directory.appendingPathComponent("page")
        _ = try Self.succeed("report", results, "--output", page.path)
        let names = try FileManager.default.contentsOfDirectory(atPath: page.path).sorted()
        #expect(names == [
            "finetune-completion-by-interval.csv", "finetune-completion-cdf.csv", "finetune-cost-breakdown.csv",
            "finetune-cost-by-interval.csv", "finetune-cost-cdf.csv", "finetune-cost-vs-completion.csv", "index.html",
        ])
        let html = try String(contentsOf: page.appendingPathComponent("index.html"), encoding: .utf8)
        func count(_ needle: String) -> Int { html.components(separatedBy: needle).count - 1 }
        #expect(count("<figure>") == 6)
        for name in names where name.hasSuffix(".csv") {
            #expect(count("<a href=\"\(name)\">Data (CSV)</a>") == 1, "\(name)")
        }
        #expect(count("data-chart=\"timeline\"") == 0 && count("<strong>Known quantiles of") == 2)
        #expect(html.contains("--scenario FILE") && html.contains("--per-replication reps.csv"))
    }

    /// Rule: a scenario written as JSON (no `schema_version`), even named .json, is run as a
    /// scenario, not read as a report.
    @Test func aJSONScenarioIsRun() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = directory.appendingPathComponent("tiny.json")
        try #"""
            {"name": "tiny", "seed": 3, "replications": 5,
             "pools": [{"name": "a", "provider": "aws", "region": "us-east-1", "instance": "p3.2xlarge", "gpu": "V100",
                        "gpus_per_node": 1, "on_demand_price": "3.06/h",
                        "spot": {"price": "0.97/h", "lifetime": {"distribution": "exponential", "mean": "2h"}, "notice": "0s"},
                        "provisioning": "0s"}],
             "jobs": [{"name": "train", "gpu": "V100", "nodes": 1, "work": "10h",
                       "checkpoint": {"interval": ["30m", "daly"], "write": "3m", "restore": "0s"}, "restart": "6m"}],
             "policies": ["on-demand", "spot"]}
            """#.write(to: scenario, atomically: true, encoding: .utf8)
        let page = directory.appendingPathComponent("page")
        _ = try Self.succeed("report", scenario.path, "--output", page.path)
        #expect(FileManager.default.fileExists(atPath: page.appendingPathComponent("results.json").path))
    }

    /// Rule: each bad input is refused with exit status 64 and one line on standard error that
    /// names the problem, and nothing is written: a file that is not a JSON report, rows of
    /// another scenario, a missing row, --scenario with another seed or another scenario,
    /// options that apply to a scenario (--replications, --threads, a timeline option) without
    /// one to run, a report of another spotsim version with --scenario, and --per-replication
    /// with a scenario.
    @Test func badInputsAreOneClearError() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        _ = try Self.succeed("run", "scenarios/quickstart.yaml", "--replications", "10", "--format", "json", "--output", path("r.json"), "--per-replication", path("reps.csv"))
        _ = try Self.succeed("run", "scenarios/daly-check.yaml", "--replications", "10", "--per-replication", path("daly.csv"))
        try #"{"foo": 1}"#.write(toFile: path("other.json"), atomically: true, encoding: .utf8)
        var rows = try String(contentsOfFile: path("reps.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        rows.remove(at: 5)
        try (rows.joined(separator: "\n") + "\n").write(toFile: path("missing.csv"), atomically: true, encoding: .utf8)
        let old = try String(contentsOfFile: path("r.json"), encoding: .utf8)
            .replacingOccurrences(of: #""spotsim_version": ""#, with: #""spotsim_version": "0.0.1-"#)
        try old.write(toFile: path("old.json"), atomically: true, encoding: .utf8)

        let page = path("page")
        let cases: [(arguments: [String], message: String)] = [
            ([path("other.json")], "other.json: error: schema_version: expected a spotsim JSON report"),
            ([path("r.json"), "--per-replication", path("daly.csv")], "daly.csv:2: error: expected rows of scenario 'quickstart' (the results' scenario), found a row of scenario 'daly-check'"),
            ([path("r.json"), "--per-replication", path("missing.csv")], "missing.csv:17: error: expected replication 0 of finetune / spot / 15m"),
            ([path("r.json"), "--scenario", "scenarios/quickstart.yaml", "--replications", "10", "--seed", "2"], "its seed is 2, the results were run with seed 1"),
            ([path("r.json"), "--scenario", "scenarios/daly-check.yaml", "--replications", "10"], "it is scenario 'daly-check', the results are of scenario 'quickstart'"),
            ([path("r.json"), "--scenario", "scenarios/quickstart.yaml"], "it has 2000 replications, the results 10 (give --replications 10"),
            ([path("r.json"), "--replications", "10"], "spotsim: error: --replications applies to the scenario"),
            ([path("r.json"), "--threads", "2"], "spotsim: error: --threads applies to running a scenario"),
            ([path("r.json"), "--policy", "spot"], "spotsim: error: --policy applies to the scenario"),
            ([path("old.json"), "--scenario", "scenarios/quickstart.yaml", "--replications", "10"], "was written by spotsim 0.0.1-0.3"),
            (["scenarios/quickstart.yaml", "--per-replication", path("reps.csv")], "spotsim: error: --per-replication is for drawing a JSON report"),
        ]
        for (arguments, message) in cases {
            let outcome = try CLI.spotsim(arguments: ["report"] + arguments + ["--output", page])
            #expect(outcome.status == 64, "\(arguments)")
            #expect(outcome.standardError.contains(message), "\(arguments): \(outcome.standardError)")
            #expect(outcome.standardError.filter { $0 == "\n" }.count == 1, "\(arguments): \(outcome.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: page))
    }
}
