import Foundation
import Testing
@testable import SpotSim

/// Replayed traces in the engine: windows, counts, drops, prices and the end of the trace.
@Suite struct TraceReplayEngineTests {
    /// Writes a spot-traces JSON file of `counts` (and `prices`) with ticks of `tick` seconds.
    static func traceFile(_ counts: [Int], prices: [Double]? = nil, tick: Int = 600) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spotsim-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("trace.json")
        var text = "{\"metadata\": {\"gap_seconds\": \(tick)}, \"data\": \(counts)"
        if let prices { text += ", \"prices\": \(prices)" }
        try (text + "}").write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    static func scenario(
        trace: String, windows: String, nodes: Int = 1, work: String = "2h", extra: String = "",
        price: String = "1/h", replications: Int = 1, checkpoint: String = "checkpoint: { interval: 1h, write: 0s }"
    ) throws -> Scenario {
        try ScenarioDecoder.decode(yaml: """
            name: replay
            replications: \(replications)
            pools:
              - name: a
                provider: gcp
                region: r
                instance: i
                gpu: V100
                on_demand_price: 4/h
                spot:
                  price: \(price)
                  availability: { trace: \(trace), format: spot-traces, tick: 10m, windows: \(windows)\(extra) }
            jobs:
              - { name: train, gpu: V100, nodes: \(nodes), work: \(work), restart: 0s, \(checkpoint) }
            policies: [spot]
            """, file: "replay.yaml")
    }

    static func ledger(_ scenario: Scenario, replication: Int = 0) throws -> Ledger {
        var replicator = Replicator(pools: scenario.pools)
        return try replicator.run(try scenario.cells()[0].plan, seed: scenario.seed, replication: replication)
    }

    /// Rule: replication r replays the window starting at tick windows[r]: a job waiting for
    /// capacity starts when its window's first up tick comes.
    @Test func listedWindowsStartWhereTheySay() throws {
        let trace = try Self.traceFile([0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
        let scenario = try Self.scenario(trace: trace, windows: "[0, 2, 3]", replications: 3)
        // Spot retries every 60 s; capacity appears at tick 3 (1800 s) from window 0.
        #expect(try Self.ledger(scenario, replication: 0).completionSeconds == 1800 + 7200)
        #expect(try Self.ledger(scenario, replication: 1).completionSeconds == 600 + 7200)
        #expect(try Self.ledger(scenario, replication: 2).completionSeconds == 7200)
    }

    /// Rule: a drop in a counting trace from c to c' reclaims min(c − c', running) of the job's
    /// spot nodes; a gang then waits until enough capacity is back.
    @Test func dropsReclaimThatManyNodes() throws {
        // Counts by 10-minute tick: 6 6 5 5 2 2 4 …; 4 nodes, 30 min of work, 10-min checkpoints.
        // At 20 min the drop 6 → 5 reclaims one node (20 min committed); the missing node
        // relaunches at once (3 running < 5) and the gang finishes at 30 min, before the drop to 2.
        let trace = try Self.traceFile([6, 6, 5, 5, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4])
        let scenario = try Self.scenario(trace: trace, windows: "[0]", nodes: 4, work: "30m", checkpoint: "checkpoint: { interval: 10m, write: 0s }")
        let ledger = try Self.ledger(scenario)
        #expect(ledger.preemptions == 1)
        #expect(ledger.completionSeconds == 1800)
    }

    /// Rule: past the end of a trace, `refuse` fails the replication naming the trace, and
    /// `wrap` continues from tick 0.
    @Test func pastTheEnd() throws {
        let trace = try Self.traceFile([1, 1, 0, 0])
        let refusing = try Self.scenario(trace: trace, windows: "[0]", work: "1h")
        #expect(throws: ReplicationFailure.self) { try Self.ledger(refusing) }
        do {
            _ = try Self.ledger(refusing)
        } catch let error as ReplicationFailure {
            #expect(error.reason.contains("ended 40m into the replication"))
            #expect(error.reason.contains(trace))
        }
        // Up 0–20 min (20 min committed), down 20–40 min, then the trace starts over: up again,
        // and the last 10 minutes finish at 50 min.
        let wrapping = try Self.scenario(
            trace: trace, windows: "[0]", work: "30m", extra: ", past_end: wrap",
            checkpoint: "checkpoint: { interval: 10m, write: 0s }")
        #expect(try Self.ledger(wrapping).completionSeconds == 3000)
    }

    /// Rule: `price: trace` bills each tick at the trace's price of that tick of the window.
    @Test func tracePrices() throws {
        let trace = try Self.traceFile([1, 1, 1, 1, 1, 1], prices: [1, 2, 3, 4, 5, 6])
        let scenario = try Self.scenario(trace: trace, windows: "[1]", work: "30m", extra: ", past_end: refuse", price: "trace")
        // Window from tick 1: 10 min at 2, 3 and 4 USD/h.
        let ledger = try Self.ledger(scenario)
        #expect(ledger.spotUSD.isApproximatelyEqual(to: (2 + 3 + 4) / 6.0, relativeTolerance: 1e-12))
    }

    /// Rule: a run asking for more replications than listed windows is refused with a message
    /// naming the pool.
    @Test func tooFewWindows() throws {
        let trace = try Self.traceFile([1, 1, 1, 1])
        var scenario = try Self.scenario(trace: trace, windows: "[0, 1]", replications: 2)
        scenario.replications = 3
        #expect(throws: ExperimentError.self) { try ExperimentRunner(threads: 1).run(scenario) }
        #expect(throws: ScenarioError.self) { try Self.scenario(trace: trace, windows: "[0, 1]", replications: 3) }
    }
}
