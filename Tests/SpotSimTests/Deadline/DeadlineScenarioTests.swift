import Foundation
import Testing
@testable import SpotSim

/// Scenario files with deadlines, continuous progress and replayed traces.
@Suite struct DeadlineScenarioTests {
    /// The file the format must accept, exactly as written.
    static let deadlineCheck = """
        name: deadline-check
        seed: 42
        replications: 3
        pools:
          - name: us-west-2b
            provider: aws
            region: us-west-2
            instance: p3.2xlarge
            gpu: V100
            gpus_per_node: 1
            on_demand_price: 3.06/h
            spot:
              price: 0.9731/h
              availability:
                trace: skypilot-spot-traces/availability/1-node/aws-02-15-2023/us-west-2b_v100_1.json
                format: spot-traces
                tick: 195s
                windows: [19, 191, 531]
            provisioning: 0s
        jobs:
          - name: train
            gpu: V100
            nodes: 1
            work: 48h
            deadline: 52h
            progress: continuous
            restart: 0.2h
        policies: [greedy, uniform-progress, on-demand, omniscient]
        """

    static var dataDirectory: String { SharedData.directory.appendingPathComponent("data/traces").path }

    static func message(_ yaml: String, dataDirectory: String? = nil) -> String {
        do {
            _ = try ScenarioDecoder.decode(yaml: yaml, file: "bad.yaml", dataDirectory: dataDirectory ?? Self.dataDirectory)
            return "no error"
        } catch {
            return error.description
        }
    }

    /// Rule: the deadline-check file decodes with the data directory holding the traces: the
    /// trace, its tick, the listed windows, the deadline, continuous progress and the policies.
    @Test func acceptsTheDeadlineCheckFile() throws {
        _ = try SharedData.path("data/traces/skypilot-spot-traces/availability/1-node/aws-02-15-2023/us-west-2b_v100_1.json")
        let scenario = try ScenarioDecoder.decode(yaml: Self.deadlineCheck, file: "deadline-check.yaml", dataDirectory: Self.dataDirectory)
        let spot = try #require(scenario.pools[0].spot)
        guard case .trace(let replay) = spot.availability else {
            Issue.record("availability is not a trace")
            return
        }
        #expect(replay.trace.tick == 195)
        #expect(replay.trace.counts.count == 20_158)
        #expect(replay.windows == .listed([19, 191, 531]))
        #expect(replay.pastEnd == .refuse)
        #expect(spot.lifetime == nil)
        let job = scenario.jobs[0]
        #expect(try #require(job.deadline).isApproximatelyEqual(to: 52 * 3600, relativeTolerance: 1e-12))
        #expect(job.progress == .continuous)
        #expect(job.restart == 720)
        #expect(scenario.policies.map(\.kind) == [.greedy, .uniformProgress, .onDemand, .omniscient])
        #expect(scenario.metrics.contains(.deadlineMet) && scenario.metrics.contains(.slackHours))
        let cells = try scenario.cells()
        #expect(cells.allSatisfy { $0.plan.decisionInterval == 195 && $0.plan.progress == .continuous })
    }

    /// Rule: a relative trace path without a data directory is one clear error.
    @Test func noDataDirectory() {
        #expect(Self.message(Self.deadlineCheck, dataDirectory: "").hasPrefix(
            "bad.yaml:15:16: error: pools[0].spot.availability.trace: expected a trace file under the data directory (give --data-dir or set SPOTSIM_DATA), found 'skypilot-spot-traces/avail"))
    }

    /// Rule: deadline-aware policies need every job to have a deadline.
    @Test func greedyNeedsADeadline() throws {
        _ = try SharedData.path("data/traces/skypilot-spot-traces")
        let yaml = Self.deadlineCheck.replacingOccurrences(of: "    deadline: 52h\n", with: "")
        #expect(Self.message(yaml) == "bad.yaml:27:12: error: policies[0]: expected a policy that needs no deadline (greedy needs job 'train' to have a deadline), found 'greedy'")
    }

    /// Rule: the omniscient planner needs continuous progress.
    @Test func omniscientNeedsContinuousProgress() throws {
        _ = try SharedData.path("data/traces/skypilot-spot-traces")
        let yaml = Self.deadlineCheck.replacingOccurrences(
            of: "    progress: continuous\n", with: "    checkpoint: { interval: 1h, write: 1m }\n")
        #expect(Self.message(yaml).hasSuffix("policies[3]: expected a scenario the omniscient planner can see ahead in (job train needs progress: continuous), found 'omniscient'"))
    }

    /// Rule: continuous progress takes no checkpoint key.
    @Test func continuousRefusesCheckpoints() throws {
        _ = try SharedData.path("data/traces/skypilot-spot-traces")
        let yaml = Self.deadlineCheck.replacingOccurrences(
            of: "    restart: 0.2h\n", with: "    restart: 0.2h\n    checkpoint: { interval: 1h, write: 1m }\n")
        #expect(Self.message(yaml) == "bad.yaml:28:17: error: jobs[0].checkpoint: expected no checkpoint key (progress: continuous never loses progress), found one")
    }

    /// Rule: listed windows must cover every replication.
    @Test func windowsCoverReplications() throws {
        _ = try SharedData.path("data/traces/skypilot-spot-traces")
        let yaml = Self.deadlineCheck.replacingOccurrences(of: "replications: 3", with: "replications: 4")
        #expect(Self.message(yaml) == "bad.yaml:18:18: error: pools[0].spot.availability.windows: expected a start tick for each of the 4 replications, found 3")
    }
}
