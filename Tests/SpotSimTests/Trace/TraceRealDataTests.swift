import Foundation
import Testing
@testable import SpotSim

/// The reader on the measured traces in `../shared/data/traces` (or `$SPOTSIM_SHARED_DIR/data/traces`):
/// every format reads its real files, with figures checked against an independent Python
/// reading of the same files or against counts by hand.
@Suite struct TraceRealDataTests {
    static let field = TraceFixtures.field

    /// Reads `relativePath` (under `data/traces/`) as `format` with its default values.
    static func read(_ relativePath: String, _ format: TraceFormat, tick: Double) throws -> Trace {
        let path = try SharedData.path("data/traces/" + relativePath)
        return try TraceReader.read(path: path, format: format, values: format.defaultValues, tick: tick, field: field)
    }

    static func mean(_ counts: [Int]) -> Double {
        Double(counts.reduce(0, +)) / Double(counts.count)
    }

    /// spot-traces, 1 node: the 45-day p3.2xlarge file in us-west-2b has 20 158 ticks of 195 s,
    /// literal 0/1 counts (not binary), no prices, and mean 0.9049508879849192 as Python's
    /// `sum(data) / len(data)` gives; its up-runs cover every up tick, the first and last censored.
    @Test func spotTracesOneNode() throws {
        let trace = try Self.read("skypilot-spot-traces/availability/1-node/aws-02-15-2023/us-west-2b_v100_1.json", .spotTraces, tick: 195)
        #expect(trace.counts.count == 20_158)
        #expect(trace.tick == 195)
        #expect(Self.mean(trace.counts) == 0.9049508879849192)
        #expect(trace.counts.max() == 1)
        #expect(!trace.isBinary)
        #expect(trace.prices == nil)
        #expect(trace.source.hasSuffix("us-west-2b_v100_1.json"))
        let runs = trace.upRuns()
        #expect(runs.count == 95)
        #expect(runs.map(\.seconds).reduce(0, +) == 18_242 * 195)
        #expect(runs.first.map { $0.seconds == 71 * 195 && $0.censored } == true)
        #expect(runs[1].seconds == 17 * 195 && !runs[1].censored)
        #expect(runs.last.map { $0.seconds == 1435 * 195 && $0.censored } == true)
    }

    /// spot-traces, 16 nodes: counts are literal instance numbers up to 16 (2 038 ticks have 9
    /// or more), 4 736 ticks of 300 s summing to 32 672.
    @Test func spotTracesSixteenNodes() throws {
        let trace = try Self.read("skypilot-spot-traces/availability/16-node/aws-08-27-2023/us-west-2a_v100_1.json", .spotTraces, tick: 300)
        #expect(trace.counts.count == 4_736)
        #expect(trace.counts.reduce(0, +) == 32_672)
        #expect(trace.counts.max() == 16)
        #expect(trace.counts.filter { $0 >= 9 }.count == 2_038)
        #expect(!trace.isBinary)
        #expect(trace.upRuns().count == 99)
    }

    /// spot-traces preemption file with prices: 19 961 ticks of 32 s, one price per tick
    /// (0.918 $/h at the start), mean availability 0.7927959521066079.
    @Test func spotTracesPreemptionWithPrices() throws {
        let trace = try Self.read("skypilot-spot-traces/preemption/1-node/aws-04-22-2023/us-west-2b_v100_1.json", .spotTraces, tick: 32)
        #expect(trace.counts.count == 19_961)
        #expect(Self.mean(trace.counts) == 0.7927959521066079)
        let prices = try #require(trace.prices)
        #expect(prices.count == 19_961)
        #expect(prices[0] == 0.918)
        #expect(prices.allSatisfy { $0 > 0 })
        #expect(trace.counts[0] == 0 && trace.counts[1] == 1)
        #expect(trace.upRuns().count == 45)
    }

    /// skynomad: 2 114 ticks of 600 s, 1 meaning preempted, so the default convention flips them:
    /// mean availability = 1 − 0.042100283822138124 (Python's mean of the raw values); binary;
    /// prices per tick from "prices" (18.979008 $/h); the nested metadata is skipped.
    @Test func skynomadFlipsAndCarriesPrices() throws {
        let trace = try Self.read("skynomad/gcp-h100/us-central1-a_h100_16/full.json", .skynomad, tick: 600)
        #expect(trace.counts.count == 2_114)
        #expect(trace.isBinary)
        #expect(trace.counts.reduce(0, +) == 2_114 - 89)
        #expect(abs(Self.mean(trace.counts) - (1 - 0.042100283822138124)) < 1e-15)
        let prices = try #require(trace.prices)
        #expect(prices.count == 2_114)
        #expect(prices[0] == 18.979008)
        // The same file read as `available` gives the raw values: the complement.
        let path = try SharedData.path("data/traces/skynomad/gcp-h100/us-central1-a_h100_16/full.json")
        let raw = try TraceReader.read(path: path, format: .skynomad, values: .available, tick: 600, field: Self.field)
        #expect(zip(raw.counts, trace.counts).allSatisfy { $0 + $1 == 1 })
        #expect(raw.isBinary)
    }

    /// bamboo-events, p3 at 60 s ticks: 18 nodes are added at time 0 and node19 at 60 000 ms, so
    /// ticks 0 and 1 hold 18 and 19 (by hand from the file's first lines); the last event is at
    /// 40 920 000 ms, so floor(40 920 / 60) + 1 = 683 ticks, ending with the 10 nodes left;
    /// the peak is the 32-node cluster; the mean matches an independent Python resampling.
    @Test func bambooEventsP3() throws {
        let trace = try Self.read("bamboo/p3-trace.csv", .bambooEvents, tick: 60)
        #expect(trace.counts.count == 683)
        #expect(trace.counts[0] == 18)
        #expect(trace.counts[1] == 19)
        #expect(trace.counts.last == 10)
        #expect(trace.counts.max() == 32)
        #expect(!trace.isBinary)
        #expect(trace.prices == nil)
        #expect(Self.mean(trace.counts) == 24.00732064421669)
    }

    /// bamboo-events, g4dn at 60 s ticks: nothing before 480 000 ms (ticks 0–7 are 0), node1 at
    /// tick 8, node2 at 9, node3–node21 at 600 000 ms (tick 10: 21), two more at 720 000 (tick
    /// 12: 23), node24 at 900 000 (tick 15: 24), five removed at 1 440 000 (tick 24: 19), four at
    /// 1 560 000 (tick 26: 15), one at 1 680 000 (tick 28: 14) — all counted by hand from the
    /// file's first 40 lines; 647 ticks in all.
    @Test func bambooEventsG4dn() throws {
        let trace = try Self.read("bamboo/g4dn-trace.csv", .bambooEvents, tick: 60)
        #expect(trace.counts.count == 647)
        #expect(trace.counts[0..<8].allSatisfy { $0 == 0 })
        let byHand = [8: 1, 9: 2, 10: 21, 11: 21, 12: 23, 14: 23, 15: 24, 23: 24, 24: 19, 26: 15, 28: 14, 29: 15, 30: 17]
        for (tick, count) in byHand {
            #expect(trace.counts[tick] == count, "tick \(tick)")
        }
        #expect(Self.mean(trace.counts) == 12.590417310664606)
    }

    /// bamboo-counts, a100x1: 55 instances from 11:11:30, 54 from 11:15:50 (260 s: tick 5 at
    /// 60 s ticks), by hand; 27.02 h to the last line, 1 622 ticks; mean as Python's resampling.
    @Test func bambooCountsA100() throws {
        let trace = try Self.read("bamboo/a100x1-east1b.txt", .bambooCounts, tick: 60)
        #expect(trace.counts.count == 1_622)
        #expect(Array(trace.counts[0..<6]) == [55, 55, 55, 55, 55, 54])
        #expect(trace.counts.last == 64)
        #expect(Self.mean(trace.counts) == 57.315659679408135)
    }

    /// bamboo-counts, v100x1: each observation is logged on about three lines and the next one's
    /// first line can be earlier than the previous group's last (13:08:45 after 13:09:45); the
    /// change-point rule accepts the file: 80 at 0 s, 70 at 60 s, 60 at 120 s, 58 at 193 s, 48
    /// at 363 s (by hand), 1 451 ticks, mean as Python's resampling.
    @Test func bambooCountsV100() throws {
        let trace = try Self.read("bamboo/v100x1-east1c.txt", .bambooCounts, tick: 60)
        #expect(trace.counts.count == 1_451)
        #expect(Array(trace.counts[0..<8]) == [80, 70, 60, 60, 58, 58, 58, 48])
        #expect(Self.mean(trace.counts) == 76.32667126119917)
    }

    /// Every JSON trace in the shared folder reads with its documented tick and the format's
    /// default convention, and gives non-negative counts (and prices as long as the counts).
    @Test func everyJSONTraceReads() throws {
        let ticks: [(folder: String, format: TraceFormat, tick: Double)] = [
            ("skypilot-spot-traces/availability/1-node/aws-02-15-2023", .spotTraces, 195),
            ("skypilot-spot-traces/availability/1-node/aws-10-26-2022", .spotTraces, 600),
            ("skypilot-spot-traces/availability/16-node/aws-08-27-2023", .spotTraces, 300),
            ("skypilot-spot-traces/preemption/1-node/aws-04-19-2023", .spotTraces, 34),
            ("skypilot-spot-traces/preemption/1-node/aws-04-22-2023", .spotTraces, 32),
            ("skypilot-spot-traces/preemption/1-node/gcp-04-30-2023", .spotTraces, 30),
            ("skypilot-spot-traces/preemption/4-node/aws-08-03-2023", .spotTraces, 300),
        ]
        var read = 0
        for (folder, format, tick) in ticks {
            let directory = try SharedData.path("data/traces/" + folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() where name.hasSuffix(".json") {
                let trace = try TraceReader.read(path: directory + "/" + name, format: format, values: .available, tick: tick, field: Self.field)
                #expect(trace.counts.allSatisfy { $0 >= 0 })
                #expect(trace.prices.map { $0.count == trace.counts.count } ?? true)
                read += 1
            }
        }
        let gcp = try SharedData.path("data/traces/skynomad/gcp-h100")
        for zone in try FileManager.default.contentsOfDirectory(atPath: gcp).sorted() where zone.hasSuffix("_h100_16") {
            let trace = try TraceReader.read(path: "\(gcp)/\(zone)/full.json", format: .skynomad, values: .preempted, tick: 600, field: Self.field)
            #expect(trace.counts.count == 2_114)
            #expect(trace.prices?.count == 2_114)
            read += 1
        }
        #expect(read == 34 + 13)
    }

    /// A real file read with the wrong tick is refused at its gap_seconds: the tick is declared,
    /// never guessed.
    @Test func realFileWithWrongTick() throws {
        let path = try SharedData.path("data/traces/skypilot-spot-traces/availability/1-node/aws-02-15-2023/us-west-2b_v100_1.json")
        #expect(throws: ScenarioError(
            file: path, line: 1, column: 30, field: Self.field + ".metadata.gap_seconds",
            expected: "the scenario's tick of 600 seconds", found: "gap_seconds 195"
        )) {
            try TraceReader.read(path: path, format: .spotTraces, values: .available, tick: 600, field: Self.field)
        }
    }
}
