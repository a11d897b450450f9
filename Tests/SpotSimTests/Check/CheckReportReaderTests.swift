import Foundation
import SpotSim
import Stochastics
import Testing

/// Reading spotsim JSON reports for `spotsim check`.
@Suite struct CheckReportReaderTests {
    /// Rule: every number a real report prints reads back as the same Double, bit for bit
    /// (the reader keeps each number's text and parses it with Swift, not NSNumber).
    @Test func realReportReadsBackBitForBit() throws {
        let result = try ComparisonReportTests.run(ComparisonReportTests.scenario())
        let report = try ReportReader.parse(JSONReport.render(result), file: "(this run)")
        #expect(report.scenario == "shape")
        #expect(report.seed == "3")
        #expect(report.replications == 60)
        #expect(report.spotsimVersion == SpotSimVersion.current)
        #expect(report.results.count == result.cells.count)
        for (parsed, cell) in zip(report.results, result.cells) {
            #expect(parsed.identity.job == cell.cell.job)
            #expect(parsed.identity.policy == cell.cell.policy)
            for (metric, summary) in zip(cell.metrics, cell.summaries) {
                let read = try #require(parsed.metric(named: metric.rawValue)?.summary)
                #expect(read.mean?.value.bitPattern == summary.mean.bitPattern)
                #expect(read.sd?.value.bitPattern == summary.standardDeviation.bitPattern)
                #expect(read.p99?.value.bitPattern == summary.p99.bitPattern)
                #expect(read.ci95?.lower.value.bitPattern == summary.confidenceInterval95?.lowerBound.bitPattern)
            }
            if let comparison = cell.comparison {
                for (metric, summary) in zip(ComparisonMetric.allCases, comparison.summaries) {
                    let read = try #require(parsed.metric(named: metric.rawValue))
                    #expect(read.summary?.mean?.value.bitPattern == summary?.mean.bitPattern)
                }
            }
        }
    }

    /// Rule: numbers keep their text; two texts that are different Doubles are not identical,
    /// two spellings of one Double are.
    @Test func numbersKeepTheirText() throws {
        let text = Fixture.report(results: [Fixture.Result().with("cost_usd", Fixture.Stat(0.30000000000000004, 1e-05))])
        let report = try Fixture.parsed(text)
        let mean = try #require(report.results[0].metric(named: "cost_usd")?.summary?.mean)
        #expect(mean.text == "0.30000000000000004")
        #expect(!mean.isIdentical(to: ReportNumber(text: "0.3")!))
        #expect(ReportNumber(text: "0.10")!.isIdentical(to: ReportNumber(text: "0.1")!))
        #expect(ReportNumber(text: "1e-05")?.value == 0.00001)
        for bad in ["", "-", "01", "1.", ".5", "1e", "+1", "0x10", "NaN"] {
            #expect(ReportNumber(text: bad) == nil, "\(bad)")
        }
    }

    /// Rule: a 64-bit seed is kept exactly as written (a Double would round it).
    @Test func largeSeedKeepsItsDigits() throws {
        let report = try Fixture.parsed(Fixture.report(seed: "18446744073709551615"))
        #expect(report.seed == "18446744073709551615")
    }

    /// Rule: `versus` comparisons and `over_optimum_usd` become metrics by their bare names,
    /// in the report order (metrics, comparisons, over_optimum_usd); a null comparison is a
    /// metric without a summary.
    @Test func versusAndOverOptimumAreMetrics() throws {
        var result = Fixture.Result()
        result.versus = [("savings_usd", Fixture.Stat(50, 1)), ("savings_fraction", nil), ("extra_completion_hours", Fixture.Stat(2, 0.1))]
        result.overOptimum = Fixture.Stat(7, 0.5)
        let parsed = try Fixture.parsed(Fixture.report(results: [result])).results[0]
        #expect(parsed.metrics.map(\.name) == [
            "cost_usd", "completion_hours", "goodput", "savings_usd", "savings_fraction", "extra_completion_hours", "over_optimum_usd",
        ])
        #expect(parsed.metric(named: "savings_fraction")?.summary == nil)
        #expect(parsed.metric(named: "over_optimum_usd")?.summary?.halfWidth == 0.5)
    }

    /// Rule: a result's identity includes its sweep values (order-insensitive); two results
    /// that differ only in a sweep value are two results.
    @Test func sweepValuesArePartOfTheIdentity() throws {
        var four = Fixture.Result()
        four.sweep = [("jobs.train.nodes", "4"), ("pools.a.spot.price", "1.2/h")]
        var eight = four
        eight.sweep[0].1 = "8"
        let report = try Fixture.parsed(Fixture.report(schema: 3, sweep: ["jobs.train.nodes", "pools.a.spot.price"], results: [four, eight]))
        #expect(report.sweepParameters == ["jobs.train.nodes", "pools.a.spot.price"])
        #expect(report.results.count == 2)
        #expect(report.results[0].identity != report.results[1].identity)
        #expect(report.results[0].identity.description == "train / spot / 30m / jobs.train.nodes=4, pools.a.spot.price=1.2/h")
        let reordered = ResultIdentity(job: "train", policy: "spot", interval: "30m",
                                       sweep: [("pools.a.spot.price", "1.2/h"), ("jobs.train.nodes", "4")])
        #expect(reordered == report.results[0].identity)
        #expect(reordered.hashValue == report.results[0].identity.hashValue)
    }

    /// Rule: a file that is not a spotsim report gets one error naming the file, the field,
    /// what was expected and what was found.
    @Test func notAReportIsOneClearError() throws {
        func error(_ text: String) -> ReportReadError? {
            do {
                _ = try ReportReader.parse(text, file: "x.json")
                return nil
            } catch {
                return error
            }
        }
        let notJSON = try #require(error("name: quickstart\n"))
        #expect(notJSON.file == "x.json")
        #expect(notJSON.field == "(file)")
        #expect(notJSON.found.hasPrefix("text that is not JSON"))
        #expect(error("")?.found == "an empty file")
        #expect(error("[1, 2]")?.field == "(top level)")
        let other = try #require(error(#"{"name": "a scenario"}"#))
        #expect(other.description == "x.json: error: schema_version: expected a spotsim JSON report (the output of spotsim run --format json), found nothing (key is missing)")
        #expect(error(Fixture.report(schema: 99))?.field == "schema_version")
        let badCI = Fixture.report().replacingOccurrences(of: #""ci95": [98, 102]"#, with: #""ci95": "wide""#)
        let ci = try #require(error(badCI))
        #expect(ci.field == "results[0].metrics.cost_usd.ci95")
        #expect(ci.expected == "null or [lower, upper]")
        #expect(ci.found == #"a string "wide""#)
        let noInterval = Fixture.report().replacingOccurrences(of: #""interval": "30m", "#, with: "")
        #expect(error(noInterval)?.description == "x.json: error: results[0].settings.interval: expected a string, found nothing (key is missing)")
        let twice = Fixture.report(results: [Fixture.Result(), Fixture.Result()])
        #expect(error(twice)?.found == "a second result for train / spot / 30m (the first is results[0])")
    }

    /// Rule: an unreadable file names the path and the reason.
    @Test func missingFileNamesThePath() {
        #expect(throws: ReportReadError(file: "/nonexistent/base.json", field: "(file)",
                                        expected: "a readable file holding a spotsim JSON report (the output of spotsim run --format json)",
                                        found: "no such file")) {
            try ReportReader.read(path: "/nonexistent/base.json")
        }
    }
}
