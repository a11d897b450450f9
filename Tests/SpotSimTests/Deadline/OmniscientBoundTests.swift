import Foundation
import Testing
@testable import SpotSim
import SpotSimTestSupport

/// `omniscient` against every other policy on the same replications of made-up traces.
@Suite struct OmniscientBoundTests {
    /// Rule: in every replication, `omniscient` costs no more than any other policy that meets
    /// the deadline, and meets the deadline whenever any policy does — under the paper's
    /// per-tick bills and under AWS's real rules (one-minute minimum, first hour free when
    /// interrupted), with short and long overheads. Every ledger balances.
    @Test(arguments: [
        ("{ granularity: 195s, minimum: 0s, free_if_interrupted_within: 0s }", "0.2h", "52h"),
        ("{ minimum: 0s, free_if_interrupted_within: 0s }", "0.05h", "56h"),
        ("{ minimum: 1m, free_if_interrupted_within: 1h }", "0.2h", "52h"),
        ("{ minimum: 1m, free_if_interrupted_within: 1h }", "0.05h", "70h"),
    ])
    func omniscientIsALowerBound(billing: String, restart: String, deadline: String) throws {
        var random = SplitMix64(seed: 99)
        var counts: [Int] = []
        while counts.count < 4000 {
            counts += Array(repeating: 1, count: Int(random.next() % 40) + 1)
            counts += Array(repeating: 0, count: Int(random.next() % 30) + 1)
        }
        let file = try TraceReplayEngineTests.traceFile(counts, tick: 195)
        let yaml = """
            name: bound
            seed: 5
            replications: 24
            pools:
              - name: zone
                provider: aws
                region: us-west-2
                instance: p3.2xlarge
                gpu: V100
                on_demand_price: 3.06/h
                spot:
                  price: 0.9731/h
                  availability: { trace: \(file), format: spot-traces, tick: 195s, windows: random }
                billing: \(billing)
            jobs:
              - { name: train, gpu: V100, work: 48h, deadline: \(deadline), progress: continuous, restart: \(restart) }
            policies: [greedy, uniform-progress, on-demand, spot, omniscient]
            """
        let scenario = try ScenarioDecoder.decode(yaml: yaml, file: "bound.yaml")
        let cells = try scenario.cells()
        let optimal = try #require(cells.firstIndex { $0.policySpec.kind == .omniscient })
        var replicator = Replicator(pools: scenario.pools)
        var beaten = 0
        for replication in 0..<scenario.replications {
            let ledgers = try cells.map { try replicator.run($0.plan, seed: scenario.seed, replication: replication) }
            let bound = ledgers[optimal]
            for (index, ledger) in ledgers.enumerated() {
                let problems = ledger.violations(workSeconds: cells[index].plan.workSeconds, gangGPUs: cells[index].plan.gangGPUs)
                #expect(problems.isEmpty, "replication \(replication), \(cells[index].policySpec): \(problems)")
            }
            for (index, ledger) in ledgers.enumerated() where index != optimal {
                if ledger.deadlineMet == 1 {
                    #expect(bound.deadlineMet == 1, "replication \(replication): \(cells[index].policySpec) met the deadline, omniscient did not")
                    #expect(bound.totalUSD <= ledger.totalUSD + 1e-9,
                            "replication \(replication): omniscient \(bound.totalUSD) USD > \(cells[index].policySpec) \(ledger.totalUSD) USD")
                    if bound.totalUSD < ledger.totalUSD - 1e-6 { beaten += 1 }
                }
            }
        }
        // The bound is not vacuous: it is strictly cheaper than some policy most of the time.
        #expect(beaten >= scenario.replications)
    }

    /// Rule: each policy is measured against the omniscient plan of its own pool: with two
    /// zones of different availability, `over_optimum_usd` of greedy in zone b is its paired
    /// excess over omniscient in zone b, not in zone a.
    @Test func eachPoolHasItsOwnBound() throws {
        let result = try ExperimentRunner(threads: 2).run(try Self.twoZones(replications: 12))
        let mean = result.cells.map { $0.summary(.costUSD).mean }
        #expect(result.cells[1].overOptimum == nil && result.cells[3].overOptimum == nil)
        let good0 = try #require(result.cells[0].overOptimum).mean
        let poor2 = try #require(result.cells[2].overOptimum).mean
        #expect(good0.isApproximatelyEqual(to: mean[0] - mean[1], relativeTolerance: 1e-9))
        #expect(poor2.isApproximatelyEqual(to: mean[2] - mean[3], relativeTolerance: 1e-9))
        #expect(abs(mean[1] - mean[3]) > 1)  // the two bounds differ, so the pairing matters
    }

    /// Two zones of made-up spot-traces availability, one good and one poor, a 48-hour job
    /// with a 52-hour deadline, and `greedy` and `omniscient` in each zone (cells 0–3 in that
    /// order: greedy good, omniscient good, greedy poor, omniscient poor).
    static func twoZones(replications: Int) throws -> Scenario {
        var random = SplitMix64(seed: 3)
        func trace(upTo: UInt64) throws -> String {
            var counts: [Int] = []
            while counts.count < 2000 {
                counts += Array(repeating: 1, count: Int(random.next() % upTo) + 1)
                counts += Array(repeating: 0, count: Int(random.next() % 20) + 1)
            }
            return try TraceReplayEngineTests.traceFile(counts, tick: 195)
        }
        let good = try trace(upTo: 80)
        let poor = try trace(upTo: 8)
        func pool(_ name: String, _ file: String) -> String {
            """
              - name: \(name)
                provider: aws
                region: us-west-2
                instance: p3.2xlarge
                gpu: V100
                on_demand_price: 3.06/h
                spot:
                  price: 0.9731/h
                  availability: { trace: \(file), format: spot-traces, tick: 195s, windows: random }
                billing: { minimum: 0s, free_if_interrupted_within: 0s }
            """
        }
        let yaml = """
            name: zones
            seed: 8
            replications: \(replications)
            pools:
            \(pool("good", good))
            \(pool("poor", poor))
            jobs:
              - { name: train, gpu: V100, work: 48h, deadline: 52h, progress: continuous, restart: 0.2h }
            policies:
              - { name: greedy, pool: good }
              - { name: omniscient, pool: good }
              - { name: greedy, pool: poor }
              - { name: omniscient, pool: poor }
            """
        return try ScenarioDecoder.decode(yaml: yaml, file: "zones.yaml")
    }
}
