import Foundation
import SpotSimTestSupport
import Testing

/// `spotsim` on scenarios at the edges the decoder accepts, end to end: every output format of
/// every command is free of NaN and infinities, and a job that can never finish fails at once
/// with one message.
@Suite struct ExtremeCommandTests {
    typealias CLI = CommandLineTests

    /// A scenario: one or two pools, one job of `nodes` nodes, `policies`, and `more` lines.
    static func scenario(
        _ name: String, replications: Int, spotPrice: String = "0.97/h", lifetime: String = "3h",
        provisioning: String = "0s", secondPool: Bool = false, nodes: Int = 2, write: String = "2m",
        deadline: String? = nil, policies: String, more: String = ""
    ) -> String {
        var pools = ScenarioFixtures.spotPool(spotPrice: spotPrice, lifetimeMean: lifetime, provisioning: provisioning)
        if secondPool {
            pools += "\n" + ScenarioFixtures.spotPool(
                name: "spot-b", region: "us-west-2", spotPrice: spotPrice, lifetimeMean: lifetime, provisioning: provisioning)
        }
        return """
            name: \(name)
            seed: 5
            replications: \(replications)
            pools:
            \(pools)
            jobs:
              - name: train
                gpu: V100
                nodes: \(nodes)
                work: 8h
            \(deadline.map { "    deadline: \($0)" } ?? "")
                checkpoint:
                  interval: [30m, daly]
                  write: \(write)
                restart: 1m
            policies: \(policies)
            \(more)
            """
    }

    /// The extreme scenarios whose every output is scanned.
    static let scenarios: [(name: String, text: String)] = [
        ("free-spot-baseline", scenario("free-spot-baseline", replications: 8, spotPrice: "0/h", secondPool: true,
                                        policies: "[spot, on-demand, spot-fallback, failover, eager-next-region, cheapest-available]",
                                        more: "baseline: spot")),
        ("free-spot", scenario("free-spot", replications: 8, spotPrice: "0/h", secondPool: true,
                               policies: "[spot, on-demand, failover, cheapest-available]")),
        ("one-replication", scenario("one-replication", replications: 1, secondPool: true,
                                     policies: "[spot, on-demand, spot-fallback, eager-next-region]")),
        ("one-replication-free", scenario("one-replication-free", replications: 1, spotPrice: "0/h",
                                          policies: "[spot, on-demand]", more: "baseline: spot")),
        ("missed-deadline", scenario("missed-deadline", replications: 6, lifetime: "30m", provisioning: "10m",
                                     deadline: "8h", policies: "[spot, on-demand, greedy, uniform-progress, spot-fallback]")),
    ]

    /// The words NaN and the infinities print as.
    static func nonFinite(in text: String) -> [String] {
        let words = Set(text.components(separatedBy: CharacterSet.alphanumerics.inverted).map { $0.lowercased() })
        return ["nan", "inf", "infinity"].filter(words.contains)
    }

    /// Each extreme scenario (free spot capacity as the baseline and not, one replication,
    /// deadlines no policy can meet) through `run` in table, JSON and CSV, exact and
    /// streaming, `--per-replication` CSV and JSON Lines, `report` (HTML and its CSVs),
    /// `trace`, and `check` against its own JSON in exact and statistical mode: every command
    /// exits 0 and no file or output says NaN, nan, inf or Infinity.
    @Test(arguments: scenarios.map(\.name))
    func everyOutputIsFinite(name: String) throws {
        let text = try #require(Self.scenarios.first { $0.name == name }).text
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("\(name).yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        func path(_ leaf: String) -> String { directory.appendingPathComponent(leaf).path }

        var commands: [[String]] = []
        for format in ["table", "json", "csv"] {
            commands.append(["run", file, "--format", format, "--output", path("out.\(format)")])
            commands.append(["run", file, "--statistics", "streaming", "--format", format, "--output", path("stream.\(format)")])
        }
        commands.append(["run", file, "--per-replication", path("rows.csv"), "--output", path("rows-run.txt")])
        commands.append(["run", file, "--per-replication", path("rows.jsonl"), "--output", path("rows-run2.txt")])
        commands.append(["report", file, "--output", path("report")])
        var printed = ""
        for arguments in commands {
            let outcome = try CLI.spotsim(arguments: arguments)
            #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
            printed += outcome.standardOutput + outcome.standardError
        }
        for arguments in [["trace", file, "--replication", "0"],
                          ["check", file, "--baseline", path("out.json"), "--mode", "exact"],
                          ["check", file, "--baseline", path("out.json"), "--mode", "statistical"]] {
            let outcome = try CLI.spotsim(arguments: arguments)
            #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
            #expect(!outcome.standardOutput.isEmpty, "\(arguments)")
            printed += outcome.standardOutput + outcome.standardError
        }
        #expect(Self.nonFinite(in: printed).isEmpty)
        let files = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
        #expect(files.count >= 14)
        for leaf in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path(leaf), isDirectory: &isDirectory), !isDirectory.boolValue,
                  let contents = FileManager.default.contents(atPath: path(leaf)) else { continue }
            #expect(Self.nonFinite(in: String(decoding: contents, as: UTF8.self)).isEmpty, "\(leaf)")
        }
    }

    /// A job that can never finish (1-second lifetimes, 1-hour writes) on a gang of 1000
    /// nodes: `spotsim run` exits 64 with one line naming the budget spent (10⁸ node starts),
    /// and writes nothing — at once, not after simulating the 3650-day horizon.
    @Test func jobThatCannotFinishFailsWithOneMessage() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("never.yaml").path
        try Self.scenario("never", replications: 3, lifetime: "1s", nodes: 1000, write: "1h", policies: "[spot]")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("out.json").path
        let outcome = try CLI.spotsim(arguments: ["run", file, "--format", "json", "--output", output])
        #expect(outcome.status == 64)
        #expect(outcome.standardOutput.isEmpty)
        let lines = outcome.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(outcome.standardError)")
        #expect(outcome.standardError.hasPrefix(
            "spotsim: error: job train, policy spot, interval 30m: replication 0: the job did not finish within 100000 starts of its gang of 1000 nodes (100000000 node starts, the most one replication may take; at "))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// 10⁵ replications with `--statistics streaming` (a small scenario; 10⁶ work the same way,
    /// only longer): the run succeeds, reports the replication count, and its JSON is finite.
    @Test func manyReplicationsStream() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("small.yaml").path
        try Self.scenario("small", replications: 100_000, nodes: 1, policies: "[spot]")
            .replacingOccurrences(of: "interval: [30m, daly]", with: "interval: 1h")
            .replacingOccurrences(of: "work: 8h", with: "work: 2h")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let outcome = try CLI.spotsim(arguments: ["run", file, "--statistics", "streaming", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("\"replications\": 100000"))
        #expect(outcome.standardOutput.contains("\"mode\": \"streaming\""))
        #expect(Self.nonFinite(in: outcome.standardOutput).isEmpty)
    }
}
