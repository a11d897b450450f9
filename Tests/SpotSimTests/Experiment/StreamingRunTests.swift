import Foundation
import SpotSimTestSupport
import Stochastics
import Testing
@testable import SpotSim

/// `ExperimentRunner.runStreaming`: no per-replication values kept, the same bytes with any
/// thread count, and summaries that agree with the exact run's — count exactly, mean and sd
/// up to the rounding of a one-pass algorithm, quantiles within the sketch's bound.
@Suite struct StreamingRunTests {
    /// Two sweep points × two jobs (three intervals) × on-demand and spot: 12 cells, paired
    /// against on-demand, 150 replications (five chunks of 32 or many chunks of 5).
    static func sweep() throws -> Scenario {
        let yaml = ScenarioFixtures.smallSweep("streaming", sweep: """
              pools.aws-h100.spot.lifetime.scale: [1h, 3h]
            """, extraJob: true)
        var scenario = try ScenarioDecoder.decode(yaml: yaml, file: "streaming.yaml")
        scenario.replications = 150
        return scenario
    }

    /// Rule: a streaming run gives identical JSON, CSV and table bytes with 1, 2 and 7
    /// threads and any chunk size — the fold is in replication order, never completion order.
    @Test func sameBytesWithAnyThreadCount() throws {
        let scenario = try Self.sweep()
        let reference = try #require(try ExperimentRunner(threads: 1).runStreaming(scenario))
        for (threads, chunk) in [(2, 32), (7, 5), (7, 1), (2, 3)] {
            let other = try #require(try ExperimentRunner(threads: threads, chunkSize: chunk).runStreaming(scenario))
            #expect(JSONReport.render(other) == JSONReport.render(reference), "threads \(threads), chunk \(chunk)")
            #expect(CSVReport.render(other) == CSVReport.render(reference), "threads \(threads), chunk \(chunk)")
            #expect(TableReport.render(other) == TableReport.render(reference), "threads \(threads), chunk \(chunk)")
        }
        #expect(reference.statistics == .streaming)
        #expect(reference.quantileRelativeError == 1e-4)
    }

    /// Rule: against the exact run of the same scenario, every metric, every paired
    /// comparison and every over-optimum summary agrees: see ``expectAgreement(_:_:_:_:)``.
    @Test func agreesWithTheExactRun() throws {
        try Self.expectStreamingMatchesExact(try Self.sweep())
    }

    /// Rule: `over_optimum_usd` (cost − the omniscient cell's cost, per replication) is
    /// folded like the other paired quantities, on two zones of made-up traces.
    @Test func overOptimumAgreesWithTheExactRun() throws {
        let scenario = try OmniscientBoundTests.twoZones(replications: 40)
        let streaming = try #require(try ExperimentRunner(threads: 2).runStreaming(scenario))
        #expect(streaming.cells[0].overOptimum != nil && streaming.cells[2].overOptimum != nil)
        #expect(streaming.cells[1].overOptimum == nil && streaming.cells[3].overOptimum == nil)
        try Self.expectStreamingMatchesExact(scenario)
    }

    /// Rule: `savings_fraction` stays undefined (nil) when some baseline cost is 0, as in the
    /// exact run; the other comparisons are still there.
    @Test func savingsFractionUndefinedForAFreeBaseline() throws {
        let free = Build.pool(name: "free", onDemandPrice: 0, spotPrice: nil)
        let paid = Build.pool(name: "paid", onDemandPrice: 2, spotPrice: nil)
        let baseline = PolicySpec(kind: .onDemand, pool: "free")
        let scenario = Scenario(
            name: "free", seed: 1, replications: 20, pools: [free, paid],
            jobs: [Build.job(workHours: 10, intervals: [.daly], write: 180, restart: 0)],
            policies: [baseline, PolicySpec(kind: .onDemand, pool: "paid")], baseline: baseline
        )
        let streaming = try #require(try ExperimentRunner(threads: 2).runStreaming(scenario))
        let comparison = try #require(streaming.cells[1].comparison)
        #expect(comparison.summary(.savingsFraction) == nil)
        #expect(comparison.summary(.savingsUSD) != nil && comparison.summary(.extraCompletionHours) != nil)
        #expect(try ExperimentRunner(threads: 1).run(scenario).cells[1].comparison?.summary(.savingsFraction) == nil)
        try Self.expectStreamingMatchesExact(scenario)
    }

    /// Rule: a stop raised before the end gives no result (`nil`), never a partial one.
    @Test func stoppedRunGivesNoResult() throws {
        let stop = StopSignal()
        stop.raise()
        #expect(try ExperimentRunner(threads: 2).runStreaming(try Self.sweep(), stop: stop) == nil)
    }

    /// Rule: the JSON of a streaming run reads back as streaming (an exact one as exact); a
    /// bad `statistics.mode` is one error naming the field; `check`'s auto mode is exact for
    /// two streaming runs and statistical, saying why, when the statistics differ.
    @Test func reportsSayTheirStatistics() throws {
        var scenario = try Self.sweep()
        scenario.replications = 20
        let streaming = try ReportReader.parse(
            JSONReport.render(try #require(try ExperimentRunner(threads: 2).runStreaming(scenario))), file: "s.json"
        )
        let exact = try ReportReader.parse(JSONReport.render(try ExperimentRunner(threads: 2).run(scenario)), file: "e.json")
        #expect(streaming.statistics == .streaming && exact.statistics == .exact)
        let bad = JSONReport.render(try ExperimentRunner(threads: 1).runStreaming(scenario)!)
            .replacingOccurrences(of: "\"mode\": \"streaming\"", with: "\"mode\": \"sampled\"")
        #expect(throws: ReportReadError(file: "b.json", field: "statistics.mode", expected: "exact or streaming", found: "a string \"sampled\"")) {
            try ReportReader.parse(bad, file: "b.json")
        }
        let same = CheckMode.auto.decide(baseline: streaming, current: streaming)
        #expect(same.mode == .exact && same.reason.contains("streaming statistics as the baseline"))
        let differ = CheckMode.auto.decide(baseline: streaming, current: exact)
        #expect(differ.mode == .statistical && differ.reason.contains("the statistics differ (baseline streaming, this run exact)"))
    }

    // MARK: - Agreement with the exact run

    /// Runs `scenario` exactly (keeping every value) and streaming, and checks every summary
    /// of every cell against the exact run's per-replication values.
    static func expectStreamingMatchesExact(_ scenario: Scenario) throws {
        let runner = ExperimentRunner(threads: 2, chunkSize: 5)
        let layout = try ResultLayout(scenario)
        let part = try runner.simulate(scenario, units: UnitSet(0..<layout.unitCount))
        let exact = ExperimentResult(part)
        let streaming = try #require(try runner.runStreaming(scenario))
        #expect(exact.statistics == .exact && exact.quantileRelativeError == nil)
        try #require(streaming.cells.count == exact.cells.count)
        let replications = layout.replications
        var offset = 0
        var index = 0
        for point in layout.points {
            let stride = point.valuesPerReplication
            let metricCount = point.metrics.count
            func sample(_ cell: Int, _ metric: Int) -> [Double] {
                (0..<replications).map { part.values[offset + cell * metricCount + metric + $0 * stride] }
            }
            let cost = point.metrics.firstIndex(of: .costUSD)!
            let completion = point.metrics.firstIndex(of: .completionHours)!
            for (cellIndex, label) in point.cells.enumerated() {
                let online = streaming.cells[index], offline = exact.cells[index]
                #expect(online.cell == offline.cell && online.point == offline.point && online.sweepValues == offline.sweepValues)
                for metricIndex in point.metrics.indices {
                    expectAgreement(online.summaries[metricIndex], offline.summaries[metricIndex], sample(cellIndex, metricIndex),
                                    "\(label.policy) \(label.interval) \(point.metrics[metricIndex])")
                }
                if let baselineCell = label.baselineCell {
                    let onlineComparison = try #require(online.comparison)
                    let offlineComparison = try #require(offline.comparison)
                    #expect(onlineComparison.baseline == offlineComparison.baseline)
                    let base = sample(baselineCell, cost), own = sample(cellIndex, cost)
                    let savings = zip(base, own).map { $0 - $1 }
                    let samples: [[Double]?] = [
                        savings,
                        base.allSatisfy { $0 > 0 } ? zip(savings, base).map { $0 / $1 } : nil,
                        zip(sample(cellIndex, completion), sample(baselineCell, completion)).map { $0 - $1 },
                    ]
                    for (metric, values) in zip(ComparisonMetric.allCases, samples) {
                        let a = onlineComparison.summary(metric), b = offlineComparison.summary(metric)
                        #expect((a == nil) == (values == nil) && (b == nil) == (values == nil), "\(metric)")
                        if let a, let b, let values { expectAgreement(a, b, values, "\(label.policy) \(metric)") }
                    }
                } else {
                    #expect(online.comparison == nil && offline.comparison == nil)
                }
                if let omniscientCell = label.omniscientCell {
                    let excess = zip(sample(cellIndex, cost), sample(omniscientCell, cost)).map { $0 - $1 }
                    expectAgreement(try #require(online.overOptimum), try #require(offline.overOptimum), excess, "over_optimum")
                } else {
                    #expect(online.overOptimum == nil && offline.overOptimum == nil)
                }
                index += 1
            }
            offset += replications * stride
        }
    }

    /// A streaming summary against the exact one of `sample` (the per-replication values):
    /// - count is equal;
    /// - mean and sd within 10⁻¹²·|exact| + 4n·u·max|x| (u = 2⁻⁵³): Welford's running mean and
    ///   GSL's each commit at most about 2u·max|x| per update, and the sd is 1-Lipschitz in
    ///   the deviations (sd = ‖x − mean‖ ÷ √(n − 1)), so both move by at most that much; the
    ///   relative term covers the accumulation of the squares (n·u ≈ 10⁻¹⁴ here);
    /// - the interval is mean ± t(0.975, n − 1)·sd/√n of the streamed mean and sd;
    /// - p50/p90/p99 are within α·((1 − h)|x₍ₖ₎| + h|x₍ₖ₊₁₎|) of GSL's (α = 10⁻⁴, widened by
    ///   10⁻⁹ of itself for rounding), k and h from (n − 1)p.
    static func expectAgreement(_ online: Summary, _ exact: Summary, _ sample: [Double], _ label: String) {
        let n = sample.count
        #expect(online.count == n && exact.count == n, "\(label)")
        let slack = 4 * Double(n) * (Double.ulpOfOne / 2) * (sample.map(abs).max() ?? 0)
        #expect(abs(online.mean - exact.mean) <= 1e-12 * abs(exact.mean) + slack, "\(label) mean \(online.mean) vs \(exact.mean)")
        #expect(abs(online.standardDeviation - exact.standardDeviation) <= 1e-12 * exact.standardDeviation + slack,
                "\(label) sd \(online.standardDeviation) vs \(exact.standardDeviation)")
        if n >= 2, let interval = online.confidenceInterval95 {
            let halfWidth = Quantiles.studentT(probability: 0.975, degreesOfFreedom: Double(n - 1))
                * online.standardDeviation / Double(n).squareRoot()
            #expect(interval.lowerBound == online.mean - halfWidth && interval.upperBound == online.mean + halfWidth, "\(label)")
        } else {
            #expect(n < 2 && online.confidenceInterval95 == nil, "\(label)")
        }
        let sorted = sample.sorted()
        for (p, estimate, gsl) in [(0.5, online.p50, exact.p50), (0.9, online.p90, exact.p90), (0.99, online.p99, exact.p99)] {
            let position = p * Double(n - 1)
            let k = Int(position)
            let h = position - Double(k)
            let magnitude = k == n - 1 ? abs(sorted[k]) : (1 - h) * abs(sorted[k]) + h * abs(sorted[k + 1])
            let bound = StatisticsMode.quantileRelativeError * magnitude * (1 + 1e-9)
            #expect(abs(estimate - gsl) <= bound, "\(label) p\(p): streaming \(estimate), exact \(gsl)")
        }
    }
}
