import Foundation
import Testing

/// `spotsim trace` end to end: the built executable's JSON Lines, filters and exit statuses.
@Suite struct TraceCommandTests {
    typealias CLI = CommandLineTests

    /// Each line of `text` parsed as a JSON object.
    static func records(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not an object: \(line)")
        }
    }

    /// Rule: a filtered trace prints one JSON object per line, from `start` to `done`, every
    /// record labelled with its job, policy, interval and replication, in non-decreasing time;
    /// the `done` record's totals are that replication's row in `run --per-replication`.
    @Test func printsJSONLinesMatchingTheRun() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try CLI.spotsim(
            "trace", "scenarios/quickstart.yaml", "--replications", "5", "--replication", "3",
            "--policy", "spot", "--interval", "30m")
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.hasSuffix("}\n"))
        let records = try Self.records(outcome.standardOutput)
        #expect(records.count > 20)
        #expect(records.first?["event"] as? String == "start")
        #expect(records.last?["event"] as? String == "done")
        let times = records.map { $0["t_hours"] as! Double }
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        for record in records {
            #expect(record["job"] as? String == "finetune")
            #expect(record["policy"] as? String == "spot")
            #expect(record["interval"] as? String == "30m")
            #expect(record["replication"] as? Int == 3)
            #expect(record["point"] == nil && record["sweep"] == nil)
            #expect((record["nodes"] as? [String: Int]).map { Array($0.keys) } == ["aws-h100"])
        }
        #expect(records.contains { $0["event"] as? String == "preempted" })

        let rows = directory.appendingPathComponent("rows.jsonl")
        let run = try CLI.spotsim("run", "scenarios/quickstart.yaml", "--replications", "5", "--per-replication", rows.path)
        #expect(run.status == 0, "\(run.standardError)")
        let row = try #require(try Self.records(String(contentsOf: rows, encoding: .utf8)).first {
            $0["policy"] as? String == "spot" && $0["interval"] as? String == "30m" && $0["replication"] as? Int == 3
        })
        let done = try #require(records.last)
        for (traced, ran) in [("cost_usd", "cost_usd"), ("lost_gpu_hours", "lost_gpu_hours"), ("preemptions", "preemptions"),
                              ("migrations", "migrations"), ("t_hours", "completion_hours")] {
            #expect((done[traced] as? Double) == (row[ran] as? Double), "\(traced): trace \(done[traced] ?? "nil"), run \(row[ran] ?? "nil")")
        }
    }

    /// Rule: without filters every cell is traced in grid order (the quickstart's 3 policies ×
    /// 4 intervals); `--policy` and `--job`/`--interval` keep the matching cells.
    @Test func filtersSelectCells() throws {
        func cells(_ arguments: String...) throws -> [String] {
            let outcome = try CLI.spotsim(arguments: ["trace", "scenarios/quickstart.yaml", "--replications", "3", "--replication", "1"] + arguments)
            #expect(outcome.status == 0, "\(outcome.standardError)")
            return try Self.records(outcome.standardOutput).filter { $0["event"] as? String == "start" }
                .map { "\($0["policy"]!) \($0["interval"]!)" }
        }
        #expect(try cells() == ["on-demand", "spot", "spot-fallback"].flatMap { policy in
            ["15m", "30m", "1h", "daly"].map { "\(policy) \($0)" }
        })
        #expect(try cells("--policy", "spot-fallback") == ["15m", "30m", "1h", "daly"].map { "spot-fallback \($0)" })
        #expect(try cells("--job", "finetune", "--interval", "daly") == ["on-demand daly", "spot daly", "spot-fallback daly"])
    }

    /// Rule: in a sweep, `--point` keeps one grid point and each record carries the point's
    /// index and its sweep values.
    @Test func sweepPointsAreLabelled() throws {
        let outcome = try CLI.spotsim(
            "trace", "scenarios/checkpoint-sweep.yaml", "--replications", "2", "--replication", "1", "--point", "2", "--policy", "spot")
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let records = try Self.records(outcome.standardOutput)
        #expect(records.filter { $0["event"] as? String == "start" }.count == 1)
        for record in records {
            #expect(record["point"] as? Int == 2)
            let sweep = try #require(record["sweep"] as? [String: String])
            #expect(sweep.count == 2)
        }
    }

    /// Rule: an unknown job, policy or interval is a usage error (exit 64) that lists the valid
    /// names; so are a replication or point out of range.
    @Test func badSelectionsExit64() throws {
        let base = ["trace", "scenarios/quickstart.yaml", "--replications", "5"]
        let cases: [([String], String)] = [
            (["--replication", "0", "--policy", "spotty"], "the policies are: on-demand, spot, spot-fallback"),
            (["--replication", "0", "--interval", "2h"], "the checkpoint intervals are: 15m, 30m, 1h, daly"),
            (["--replication", "0", "--job", "pretrain"], "the jobs are: finetune"),
            (["--replication", "5"], "less than the scenario's 5 replications"),
            (["--replication", "0", "--point", "1"], "no sweep"),
        ]
        for (arguments, message) in cases {
            let outcome = try CLI.spotsim(arguments: base + arguments)
            #expect(outcome.status == 64, "\(arguments)")
            #expect(outcome.standardError.contains(message), "\(arguments): \(outcome.standardError)")
            #expect(outcome.standardOutput.isEmpty, "\(arguments)")
        }
        let missing = try CLI.spotsim("trace", "scenarios/quickstart.yaml")
        #expect(missing.status == 64)
        #expect(missing.standardError.contains("--replication"))
    }

    /// Rule: `--output` writes the same lines to the file (nothing to standard output), leaving
    /// no temporary file behind.
    @Test func outputFileGetsTheSameLines() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("trace.jsonl")
        let arguments = ["trace", "scenarios/quickstart.yaml", "--replications", "2", "--replication", "1", "--interval", "1h"]
        let printed = try CLI.spotsim(arguments: arguments)
        let written = try CLI.spotsim(arguments: arguments + ["--output", file.path])
        #expect(written.status == 0, "\(written.standardError)")
        #expect(written.standardOutput.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8) == printed.standardOutput)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["trace.jsonl"])
    }

    /// Rule: `spotsim trace --help` teaches: what a record holds, where the format is
    /// documented, and an example; `spotsim --help` lists the command.
    @Test func helpTeaches() throws {
        let help = try CLI.spotsim("trace", "--help")
        #expect(help.status == 0)
        for text in ["--replication", "--policy", "--point", "docs/trace-format.md",
                     "spotsim trace scenarios/quickstart.yaml --replication 3"] {
            #expect(help.standardOutput.contains(text), "\(text)")
        }
        #expect(try CLI.spotsim("--help").standardOutput.contains("trace"))
    }
}
