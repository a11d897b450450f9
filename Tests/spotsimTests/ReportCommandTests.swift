import Foundation
import Testing

/// `spotsim report` end to end: the built executable's files and exit statuses.
@Suite struct ReportCommandTests {
    typealias CLI = CommandLineTests

    /// Rule: `report SCENARIO --output DIR` exits 0 and writes DIR/index.html (with every chart),
    /// the CSV files it links to and the results files (results.txt, .json, .csv), creating
    /// DIR; a second run writes the same bytes.
    @Test func writesThePageAndItsCSVs() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("report")
        let outcome = try CLI.spotsim("report", "scenarios/quickstart.yaml", "--replications", "50", "--output", output.path)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let html = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        for kind in ["line", "scatter", "step", "stacked-bar", "timeline"] {
            #expect(html.contains("data-chart=\"\(kind)\""), "no \(kind) chart")
        }
        #expect(html.contains("spotsim report scenarios/quickstart.yaml --replications 50 --output"))
        let files = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        let csvs = files.filter { $0.hasSuffix(".csv") && !$0.hasPrefix("results.") }
        #expect(files.filter { !csvs.contains($0) } == ["index.html", "results.csv", "results.json", "results.txt"])
        #expect(csvs == [
            "finetune-completion-by-interval.csv", "finetune-completion-cdf.csv", "finetune-cost-breakdown.csv",
            "finetune-cost-by-interval.csv", "finetune-cost-cdf.csv", "finetune-cost-vs-completion.csv",
            "finetune-timeline.csv",
        ])
        for csv in csvs {
            #expect(html.contains("href=\"\(csv)\""))
        }

        let again = try CLI.spotsim("report", "scenarios/quickstart.yaml", "--replications", "50", "--output", output.path)
        #expect(again.status == 0)
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == html)
    }

    /// Rule: `--policy` and `--interval` pick the timeline's cell, and the page says which.
    @Test func filtersPickTheTimeline() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try CLI.spotsim(
            "report", "scenarios/quickstart.yaml", "--replications", "5", "--policy", "spot-fallback",
            "--interval", "30m", "--replication", "2", "--output", directory.path)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let html = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("Replication 2: spot-fallback at 30m"))
        #expect(html.contains("--policy spot-fallback, --interval 30m"))
    }

    /// Rule: a bad option, a missing --output, an unknown policy or a replication out of range
    /// exits 64 with a message.
    @Test func badOptionsExit64() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = try CLI.spotsim("report", "scenarios/quickstart.yaml", "--output", directory.path, "--no-such-option")
        #expect(bad.status == 64)
        let missing = try CLI.spotsim("report", "scenarios/quickstart.yaml")
        #expect(missing.status == 64)
        let policy = try CLI.spotsim("report", "scenarios/quickstart.yaml", "--replications", "3", "--policy", "nope", "--output", directory.path)
        #expect(policy.status == 64)
        #expect(policy.standardError.contains("on-demand, spot, spot-fallback"))
        let replication = try CLI.spotsim("report", "scenarios/quickstart.yaml", "--replications", "3", "--replication", "3", "--output", directory.path)
        #expect(replication.status == 64)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("index.html").path))
    }

    /// Rule: `report --help` explains the page, which sweep points it charts, the timeline's
    /// choice and gives examples.
    @Test func helpTeaches() throws {
        let help = try CLI.spotsim("report", "--help")
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("--output"))
        #expect(help.standardOutput.contains("Examples:"))
        #expect(help.standardOutput.contains("cheapest"))
        #expect(help.standardOutput.contains("--per-replication reps.csv"))
        #expect(help.standardOutput.contains("spotsim merge shards/*.spotsim-shard --format json"))
        #expect(help.standardOutput.contains("results.txt, results.json and results.csv"))
        #expect(help.standardOutput.contains("(jobs.NAME.checkpoint.interval)"))
    }
}
