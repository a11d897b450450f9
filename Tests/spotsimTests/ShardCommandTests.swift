import Foundation
import Testing

/// `spotsim run --shard`, `spotsim merge` and interrupted runs, end to end with the built tool.
@Suite struct ShardCommandTests {
    typealias CLI = CommandLineTests

    /// Rule: `merge` of the shard files written by `run --shard I/N` prints what `run` prints,
    /// byte for byte, in every format and for several N.
    @Test(arguments: [1, 3, 5])
    func mergedShardsEqualOneRun(count: Int) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let common = ["scenarios/quickstart.yaml", "--replications", "37", "--seed", "11"]
        var shards: [String] = []
        for index in 0..<count {
            let file = directory.appendingPathComponent("shard-\(index).spotsim-shard").path
            let outcome = try CLI.spotsim(arguments: ["run"] + common + ["--shard", "\(index)/\(count)", "--output", file])
            #expect(outcome.status == 0, "\(outcome.standardError)")
            shards.append(file)
        }
        for format in ["json", "csv", "table"] {
            let single = try CLI.spotsim(arguments: ["run"] + common + ["--format", format])
            let merged = try CLI.spotsim(arguments: ["merge"] + shards.reversed() + ["--format", format])
            #expect(single.status == 0 && merged.status == 0, "\(merged.standardError)")
            #expect(merged.standardOutput == single.standardOutput)
        }
    }

    /// Rule: `--shard auto/N` takes I from SLURM_ARRAY_TASK_ID, else JOB_COMPLETION_INDEX, and
    /// is an error when neither is set.
    @Test func shardIndexFromTheEnvironment() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let common = ["run", "scenarios/quickstart.yaml", "--replications", "20", "--shard", "auto/2"]
        let slurm = directory.appendingPathComponent("slurm.spotsim-shard").path
        let kubernetes = directory.appendingPathComponent("k8s.spotsim-shard").path
        #expect(try CLI.spotsim(arguments: common + ["--output", slurm], environment: ["SLURM_ARRAY_TASK_ID": "0"]).status == 0)
        #expect(try CLI.spotsim(arguments: common + ["--output", kubernetes], environment: ["JOB_COMPLETION_INDEX": "1"]).status == 0)
        let merged = try CLI.spotsim("merge", slurm, kubernetes, "--format", "csv")
        let single = try CLI.spotsim("run", "scenarios/quickstart.yaml", "--replications", "20", "--format", "csv")
        #expect(merged.status == 0)
        #expect(merged.standardOutput == single.standardOutput)

        let missing = try CLI.spotsim(
            arguments: common + ["--output", slurm], environment: ["SLURM_ARRAY_TASK_ID": nil, "JOB_COMPLETION_INDEX": nil]
        )
        #expect(missing.status == 64)
        #expect(missing.standardError.contains("neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set"))
    }

    /// Rule: merge names the missing shard and exits 64 without writing a report; `--shard`
    /// without `--output`, or out of range, is a usage error.
    @Test func refusalsExit64() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let shard = directory.appendingPathComponent("s0").path
        #expect(try CLI.spotsim("run", "scenarios/quickstart.yaml", "--replications", "10", "--shard", "0/2", "--output", shard).status == 0)
        let report = directory.appendingPathComponent("report.json").path
        let merged = try CLI.spotsim("merge", shard, "--format", "json", "--output", report)
        #expect(merged.status == 64)
        #expect(merged.standardError.contains("1 of 2 shards missing: 1/2"))
        #expect(!FileManager.default.fileExists(atPath: report))
        let notShard = try CLI.spotsim("merge", "scenarios/quickstart.yaml")
        #expect(notShard.status == 64)
        #expect(notShard.standardError.contains("scenarios/quickstart.yaml: not a spotsim shard file"))
        #expect(try CLI.spotsim("run", "scenarios/quickstart.yaml", "--shard", "0/2").status == 64)
        let outOfRange = try CLI.spotsim("run", "scenarios/quickstart.yaml", "--shard", "2/2", "--output", shard)
        #expect(outOfRange.status == 64)
        #expect(outOfRange.standardError.contains("expected I/N with 0 ≤ I < N"))
    }

    /// Rule: a run stopped by SIGTERM exits 143, leaves no report (only its progress file),
    /// and the same command run again finishes with the bytes of an uninterrupted run.
    @Test func interruptedRunsResumeToTheSameBytes() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("results.json").path
        let reference = directory.appendingPathComponent("reference.json").path
        // Long enough (about 5 s on one core here) that the signal, after 0.8 s, lands mid-run.
        let arguments = ["run", "scenarios/quickstart.yaml", "--replications", "30000", "--threads", "1", "--format", "json"]

        let (reason, status, message) = try CLI.terminated(arguments + ["--output", output], after: 0.8)
        #expect(reason == .exit)
        #expect(status == 143, "\(message)")
        #expect(message.contains("progress saved to \(output).progress"))
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(FileManager.default.fileExists(atPath: output + ".progress"))

        let resumed = try CLI.spotsim(arguments: arguments + ["--output", output])
        #expect(resumed.status == 0)
        #expect(resumed.standardError.contains("continuing from \(output).progress"))
        #expect(!FileManager.default.fileExists(atPath: output + ".progress"))
        #expect(try CLI.spotsim(arguments: arguments + ["--threads", "2", "--output", reference]).status == 0)
        #expect(FileManager.default.contents(atPath: output) == FileManager.default.contents(atPath: reference))
    }

    /// Rule: progress saved by another run (here another seed) is not silently reused: the
    /// run stops with exit 64 and says what to do.
    @Test func progressOfAnotherRunIsRefused() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let progress = directory.appendingPathComponent("p.progress").path
        let shard = directory.appendingPathComponent("s").path
        #expect(try CLI.spotsim("run", "scenarios/quickstart.yaml", "--replications", "10", "--shard", "0/1", "--output", shard).status == 0)
        try FileManager.default.copyItem(atPath: shard, toPath: progress)
        let outcome = try CLI.spotsim("run", "scenarios/quickstart.yaml", "--replications", "10", "--seed", "2", "--progress-file", progress)
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("holds the progress of another run"))
    }
}
