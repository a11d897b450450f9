import Foundation
import SpotSim
import Stochastics
import Testing

/// The engine against the exact expectation of Daly's model (one node, exponential lifetimes,
/// no provisioning delay, no notice, failures possible during compute, checkpoint and restart).
@Suite struct DalyReferenceTests {
    struct Row {
        var work, interval, write, restart, mtbf, expected: Double
    }

    static func rows() throws -> [Row] {
        let text = try SharedData.text("reference/daly-poisson.csv")
        let lines = text.split(whereSeparator: \.isNewline).dropFirst()
        return lines.map { line in
            let f = line.split(separator: ",").map { Double($0)! }
            return Row(work: f[0], interval: f[1], write: f[2], restart: f[3], mtbf: f[4], expected: f[5])
        }
    }

    /// Every row's mean completion time lies within the simulation's own confidence interval of
    /// the exact value: |z| below the two-sided Bonferroni bound for a 1 % family-wise error
    /// over the table, and Σz² below the 99.9 % quantile of χ² with one degree of freedom per row.
    @Test func meanCompletionMatchesDalyForEveryRow() throws {
        let rows = try Self.rows()
        #expect(rows.count == 30)
        let replications = 20_000
        let zBound = Quantiles.standardNormal(probability: 1 - 0.01 / Double(2 * rows.count))
        var sumOfSquares = 0.0
        for (index, row) in rows.enumerated() {
            let scenario = Scenario(
                name: "daly-row-\(index)", seed: 1000 + UInt64(index), replications: replications,
                pools: [Build.pool(lifetime: .exponential(mean: row.mtbf * 3600))],
                jobs: [Build.job(workHours: row.work, intervals: [.seconds(row.interval * 3600)],
                                 write: row.write * 3600, restart: row.restart * 3600)],
                policies: [PolicySpec(kind: .spot)]
            )
            let result = try ExperimentRunner(threads: ProcessInfo.processInfo.activeProcessorCount).run(scenario)
            let summary = result.cells[0].summary(.completionHours)
            let standardError = summary.standardDeviation / Double(replications).squareRoot()
            let z = (summary.mean - row.expected) / standardError
            sumOfSquares += z * z
            #expect(abs(z) < zBound, "row \(index + 1): mean \(summary.mean) h vs Daly \(row.expected) h, z = \(z)")
        }
        let chiSquaredBound = Quantiles.chiSquared(probability: 0.999, degreesOfFreedom: Double(rows.count))
        #expect(sumOfSquares < chiSquaredBound, "Σz² = \(sumOfSquares) over \(rows.count) rows")
    }

    /// `daly` resolves to the interval the reference table lists as Daly's optimum
    /// (e.g. 0.4145 h for C = 3 min, M = 2 h).
    @Test func dalyIntervalMatchesTheTable() throws {
        let rows = try Self.rows()
        // In each block of five rows (same C and M), the fifth row is Daly's interval.
        for block in stride(from: 4, to: rows.count, by: 5) {
            let row = rows[block]
            let tau = CheckpointInterval.daly.resolve(
                write: row.write * 3600, meanTimeBetweenPreemptions: row.mtbf * 3600,
                stepSeconds: nil, work: row.work * 3600)
            #expect(abs(tau / 3600 - row.interval) < 5e-5, "C = \(row.write) h, M = \(row.mtbf) h: τ = \(tau / 3600) h")
        }
    }
}
