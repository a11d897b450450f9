import Foundation
import SpotSim
import Testing

private typealias CLI = CommandLineTests

/// `spotsim run --statistics streaming` and `spotsim check` of a streaming baseline, end to
/// end with the built tool.
@Suite struct StreamingCommandTests {
    static let quick = ["run", "scenarios/daly-check.yaml", "--replications", "300"]

    /// Rule: the options that need per-replication values are refused with streaming
    /// statistics — each with one message naming it, exit 64, and no report.
    @Test func refusedCombinationsExit64() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out").path
        let cases: [([String], String)] = [
            (["--per-replication", directory.appendingPathComponent("rows.csv").path],
             "--per-replication needs every replication's values, which --statistics streaming does not keep"),
            (["--shard", "0/2", "--output", output],
             "--shard writes every replication's values for `spotsim merge`, which --statistics streaming does not keep"),
            (["--progress-file", directory.appendingPathComponent("p").path],
             "--progress-file: a --statistics streaming run keeps no per-replication values"),
        ]
        for (extra, message) in cases {
            let outcome = try CLI.spotsim(arguments: Self.quick + ["--statistics", "streaming"] + extra)
            #expect(outcome.status == 64, "\(extra)")
            #expect(outcome.standardError.contains(message), "\(extra): \(outcome.standardError)")
            #expect(outcome.standardOutput.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: output))
        let bad = try CLI.spotsim(arguments: Self.quick + ["--statistics", "approximate"])
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("exact") && bad.standardError.contains("streaming"))
    }

    /// Rule: streaming output is the same bytes with `--threads 1` and `--threads 2`; JSON
    /// says `statistics.mode` streaming with the bound, the table ends with the footnote, CSV
    /// has a `quantile_relative_error` column; exact JSON has no `statistics` key.
    @Test func streamingOutputs() throws {
        let json1 = try CLI.spotsim(arguments: Self.quick + ["--statistics", "streaming", "--format", "json", "--threads", "1"])
        let json2 = try CLI.spotsim(arguments: Self.quick + ["--statistics", "streaming", "--format", "json", "--threads", "2"])
        #expect(json1.status == 0 && json2.status == 0)
        #expect(json1.standardOutput == json2.standardOutput)
        let top = try JSONSerialization.jsonObject(with: Data(json1.standardOutput.utf8)) as! [String: Any]
        let statistics = try #require(top["statistics"] as? [String: Any])
        #expect(statistics["mode"] as? String == "streaming")
        #expect(statistics["quantile_relative_error"] as? Double == 1e-4)
        #expect(top["schema_version"] as? Int == 2)

        let exact = try CLI.spotsim(arguments: Self.quick + ["--format", "json"])
        let exactTop = try JSONSerialization.jsonObject(with: Data(exact.standardOutput.utf8)) as! [String: Any]
        #expect(exactTop["statistics"] == nil)

        let table = try CLI.spotsim(arguments: Self.quick + ["--statistics", "streaming"])
        #expect(table.standardOutput.hasSuffix("quantiles (--format json or csv) within relative error 0.0001 of the exact ones\n"))
        let csv = try CLI.spotsim(arguments: Self.quick + ["--statistics", "streaming", "--format", "csv"])
        let lines = csv.standardOutput.split(separator: "\n")
        #expect(lines[0].hasSuffix(",replications,quantile_relative_error"))
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",300,0.0001") })
    }

    /// Rule: `spotsim check` reads the mode from a streaming baseline, says so, reruns with
    /// streaming statistics and passes in exact mode (same seed, replications and version).
    @Test func checkRerunsAStreamingBaselineInStreamingMode() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let baseline = directory.appendingPathComponent("baseline.json").path
        let made = try CLI.spotsim(arguments: Self.quick + ["--statistics", "streaming", "--format", "json", "--output", baseline])
        #expect(made.status == 0)
        let check = try CLI.spotsim("check", "scenarios/daly-check.yaml", "--replications", "300", "--baseline", baseline)
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardError.contains("was made with --statistics streaming; rerunning with streaming statistics"))
        #expect(check.standardOutput.contains("mode: exact (auto: same spotsim version"))
        #expect(check.standardOutput.contains("streaming statistics as the baseline"))
    }

    /// Rule: SIGTERM stops a streaming run with exit 143 and one line saying it keeps no
    /// values and cannot be resumed; no report and no progress file are written.
    @Test func interruptedStreamingRunSavesNothing() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("results.json").path
        // Minutes of work on one thread: the signal, after 0.8 s, lands mid-run.
        let (reason, status, message) = try CLI.terminated(
            ["run", "scenarios/quickstart.yaml", "--replications", "1000000", "--threads", "1",
             "--statistics", "streaming", "--format", "json", "--output", output],
            after: 0.8
        )
        #expect(reason == .exit)
        #expect(status == 143, "\(message)")
        #expect(message.contains("a --statistics streaming run keeps no per-replication values and cannot be resumed"))
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(!FileManager.default.fileExists(atPath: output + ".progress"))
    }
}
