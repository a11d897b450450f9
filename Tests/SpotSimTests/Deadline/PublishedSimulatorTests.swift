import Foundation
import Testing
@testable import SpotSim
import SpotSimTestSupport

/// The engine with `progress: continuous` against the published simulator's tick loop
/// (``TickReference``), replication by replication, on the real trace windows and on made-up
/// traces.
@Suite struct PublishedSimulatorTests {
    static let tracePath = "data/traces/skypilot-spot-traces/availability/1-node/aws-02-15-2023/us-west-2b_v100_1.json"

    /// A scenario in the paper's setting whose bills are whole ticks, like the published simulator's.
    static func scenario(
        trace: String, format: String = "spot-traces", windows: [Int], deadline: String, restart: String,
        policies: String = "[greedy, uniform-progress, on-demand]"
    ) -> String {
        """
        name: published
        seed: 42
        replications: \(windows.count)
        pools:
          - name: us-west-2b
            provider: aws
            region: us-west-2
            instance: p3.2xlarge
            gpu: V100
            on_demand_price: 3.06/h
            spot:
              price: 0.9731/h
              availability: { trace: \(trace), format: \(format), tick: 195s, windows: \(windows) }
            billing: { granularity: 195s, minimum: 0s, free_if_interrupted_within: 0s }
        jobs:
          - { name: train, gpu: V100, work: 48h, deadline: \(deadline), progress: continuous, restart: \(restart) }
        policies: \(policies)
        """
    }

    /// Runs every cell of `yaml` and the reference on the same windows; returns the number of
    /// (cell, replication) pairs compared.
    static func compare(_ yaml: String, counts: [Int], windows: [Int]) throws -> Int {
        let scenario = try ScenarioDecoder.decode(yaml: yaml, file: "published.yaml")
        var compared = 0
        var replicator = Replicator(pools: scenario.pools)
        for cell in try scenario.cells() {
            let job = cell.job
            for (replication, start) in windows.enumerated() {
                let ledger = try replicator.run(cell.plan, seed: scenario.seed, replication: replication)
                let available = counts[start...].map { $0 > 0 }
                let decide: (DeadlineState) -> ClusterChoice
                switch cell.policySpec.kind {
                case .greedy: decide = GreedyPolicy(spotPool: 0, onDemandPool: 0).decide
                case .uniformProgress: decide = UniformProgressPolicy(spotPool: 0, onDemandPool: 0).decide
                default: decide = { $0.remainingWork > 0 ? .onDemand : .idle }
                }
                let reference = TickReference.run(
                    available: Array(available), tick: 195, work: 48 * 3600, deadline: job.deadline!,
                    overhead: job.restart, spotPricePerHour: 0.9731, onDemandPricePerHour: 3.06, decide: decide
                )
                #expect(ledger.totalUSD.isApproximatelyEqual(to: reference.cost, relativeTolerance: 1e-9),
                        "\(cell.policySpec) window \(start): engine \(ledger.totalUSD) USD, published \(reference.cost) USD")
                #expect(ledger.completionSeconds.isApproximatelyEqual(to: reference.completion, relativeTolerance: 1e-9),
                        "\(cell.policySpec) window \(start): engine \(ledger.completionSeconds) s, published \(reference.completion) s")
                compared += 1
            }
        }
        return compared
    }

    /// Rule: on the real AWS V100 trace, windows 19, 191 and 531, the engine's cost and
    /// completion equal the published simulator's for greedy, uniform-progress and on-demand,
    /// for both deadlines and both overheads of the paper.
    @Test(arguments: ["52h", "70h"], ["0.2h", "0.05h"])
    func realTraceWindows(deadline: String, restart: String) throws {
        let path = try SharedData.path(Self.tracePath)
        let trace = try TraceReader.read(path: path, format: .spotTraces, values: .available, tick: 195, field: "trace")
        let windows = [19, 191, 531]
        let yaml = Self.scenario(trace: path, windows: windows, deadline: deadline, restart: restart)
        #expect(try Self.compare(yaml, counts: trace.counts, windows: windows) == 9)
    }

    /// Rule: the same holds on made-up traces with short and long outages, random windows
    /// among them, including overheads longer than a tick and tight deadlines.
    @Test(arguments: [1, 2, 3, 4])
    func madeUpTraces(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var counts: [Int] = []
        while counts.count < 3000 {
            let up = Int(random.next() % 60) + 1
            let down = Int(random.next() % 25) + 1
            counts += Array(repeating: 1, count: up) + Array(repeating: 0, count: down)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spotsim-published-\(seed)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("trace.json")
        try "{\"metadata\": {\"gap_seconds\": 195}, \"data\": \(counts)}".write(to: file, atomically: true, encoding: .utf8)
        let windows = (0..<5).map { _ in Int(random.next() % 1500) }
        for (deadline, restart) in [("50h", "0.3h"), ("70h", "0.05h")] {
            let yaml = Self.scenario(trace: file.path, windows: windows, deadline: deadline, restart: restart)
            #expect(try Self.compare(yaml, counts: counts, windows: windows) == 15)
        }
    }
}
