import Foundation
import SpotSim
import Stochastics
import Testing

/// The comparison with the baseline policy in the JSON, CSV and table reports.
@Suite struct ComparisonReportTests {
    /// Two policies besides on-demand, two intervals: 6 cells, 4 of them compared.
    static func scenario(baseline: PolicySpec? = nil) -> Scenario {
        Scenario(
            name: "shape", seed: 3, replications: 60,
            pools: [Build.pool(lifetime: .exponential(mean: 5000), provisioning: .exponential(mean: 60))],
            jobs: [Build.job(nodes: 2, workHours: 6, intervals: [.seconds(1800), .daly])],
            policies: [PolicySpec(kind: .onDemand), PolicySpec(kind: .spot), PolicySpec(kind: .spotFallback, fallbackAfter: 2)],
            baseline: baseline
        )
    }

    static func run(_ scenario: Scenario) throws -> ExperimentResult {
        try ExperimentRunner(threads: 2).run(scenario)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static let summaryKeys: Set<String> = ["mean", "sd", "ci95", "p50", "p90", "p99"]

    /// Rule: JSON schema 2 names the baseline at the top level; each result other than the
    /// baseline's has `versus` with `baseline` and the three comparison summaries (each with
    /// mean, sd, ci95, p50, p90, p99); the baseline's own results have no `versus`.
    @Test func jsonHasVersusExceptForTheBaseline() throws {
        let result = try Self.run(Self.scenario())
        let json = try Self.json(JSONReport.render(result))
        #expect(JSONReport.schemaVersion == 2)
        #expect(json["schema_version"] as? Int == 2)
        #expect(json["baseline"] as? String == "on-demand")
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.count == 6)
        for (entry, cellResult) in zip(results, result.cells) {
            let policy = try #require(entry["policy"] as? String)
            if policy == "on-demand" {
                #expect(entry["versus"] == nil)
                continue
            }
            #expect(Array(entry.keys).sorted() == ["job", "metrics", "policy", "settings", "versus"])
            let versus = try #require(entry["versus"] as? [String: Any])
            #expect(Set(versus.keys) == ["baseline", "savings_usd", "savings_fraction", "extra_completion_hours"])
            #expect(versus["baseline"] as? String == "on-demand")
            let comparison = try #require(cellResult.comparison)
            for metric in ComparisonMetric.allCases {
                let summary = try #require(versus[metric.rawValue] as? [String: Any])
                #expect(Set(summary.keys) == Self.summaryKeys)
                #expect((summary["ci95"] as? [Double])?.count == 2)
                // JSONSerialization may parse the last digit differently; the text round-trips.
                let mean = try #require(comparison.summary(metric)?.mean)
                let parsed = try #require(summary["mean"] as? Double)
                #expect(abs(parsed - mean) <= 1e-12 * abs(mean))
            }
        }
    }

    /// Rule: the keys of a result come in a fixed order, `versus` after `metrics`, and
    /// inside it `baseline` then `savings_usd`, `savings_fraction`, `extra_completion_hours`.
    @Test func jsonKeyOrder() throws {
        let text = JSONReport.render(try Self.run(Self.scenario()))
        let names = ["\"schema_version\"", "\"replications\"", "\"baseline\": \"on-demand\"", "\"results\"",
                     "\"policy\": \"spot\"", "\"metrics\"", "\"goodput\"", "\"versus\"", "\"baseline\": \"on-demand\"",
                     "\"savings_usd\"", "\"savings_fraction\"", "\"extra_completion_hours\""]
        var position = text.startIndex
        for name in names {
            let found = try #require(text.range(of: name, range: position..<text.endIndex), "\(name)")
            position = found.upperBound
        }
    }

    /// Rule: without a baseline the top-level `baseline` is null and no result has `versus`.
    @Test func jsonWithoutBaseline() throws {
        var scenario = Self.scenario()
        scenario.baseline = nil
        let json = try Self.json(JSONReport.render(try Self.run(scenario)))
        #expect(json["baseline"] is NSNull)
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.allSatisfy { $0["versus"] == nil })
    }

    /// Rule: an undefined comparison (`savings_fraction` against a free baseline) is `null`
    /// in JSON, empty fields in CSV and `n/a` in the table — never a made-up number.
    @Test func undefinedFractionIsNullEmptyAndNA() throws {
        let free = Build.pool(spotPrice: 0, lifetime: .exponential(mean: 1e9))
        let spot = PolicySpec(kind: .spot)
        let scenario = Scenario(
            name: "free", seed: 1, replications: 10, pools: [free], jobs: [Build.job(workHours: 2)],
            policies: [spot, PolicySpec(kind: .onDemand)], baseline: spot
        )
        let result = try Self.run(scenario)
        let json = try Self.json(JSONReport.render(result))
        let results = try #require(json["results"] as? [[String: Any]])
        let versus = try #require(results[1]["versus"] as? [String: Any])
        #expect(versus["savings_fraction"] is NSNull)
        #expect(versus["savings_usd"] is [String: Any])

        let rows = CSVReport.render(result).split(separator: "\n")
        let fraction = try #require(rows.first { $0.contains(",savings_fraction,") })
        #expect(fraction == "free,train,on-demand,1h,1,pool-a,spot,savings_fraction,,,,,,,,10")

        #expect(TableReport.render(result).contains("n/a"))
    }

    /// Rule: CSV stays tidy: a `baseline` column before `metric`, empty on a result's own
    /// metric rows; the three comparison rows follow a compared result's own metrics, with
    /// the baseline's name; the baseline's results have none.
    @Test func csvRows() throws {
        let result = try Self.run(Self.scenario())
        let lines = CSVReport.render(result).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first == "scenario,job,policy,interval,interval_hours,pool,baseline,metric,mean,sd,ci95_low,ci95_high,p50,p90,p99,replications")
        let header = CSVReport.header
        #expect(header.firstIndex(of: "baseline")! + 1 == header.firstIndex(of: "metric")!)
        let metricCount = Metric.reported(withDeadlines: false).count
        let comparisonCount = ComparisonMetric.allCases.count
        #expect(lines.count == 1 + 6 * metricCount + 4 * comparisonCount)

        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.allSatisfy { $0.count == header.count })
        var index = 0
        for cellResult in result.cells {
            let policy = cellResult.cell.policy
            for metric in Metric.reported(withDeadlines: false) {
                #expect(rows[index][2] == policy)
                #expect(rows[index][6] == "")
                #expect(rows[index][7] == metric.rawValue)
                index += 1
            }
            if policy != "on-demand" {
                let comparison = try #require(cellResult.comparison)
                for metric in ComparisonMetric.allCases {
                    #expect(rows[index][2] == policy)
                    #expect(rows[index][6] == "on-demand")
                    #expect(rows[index][7] == metric.rawValue)
                    #expect(Double(rows[index][8]) == comparison.summary(metric)?.mean)
                    #expect(rows[index][15] == "60")
                    index += 1
                }
            }
        }
        #expect(index == rows.count)
    }

    /// Rule: the table gains `savings` (percent ± percentage points) and `extra_h` columns
    /// when there is a baseline, says `baseline` on the baseline's rows, and names the
    /// baseline in its title; without a baseline it has neither column.
    @Test func tableColumns() throws {
        let result = try Self.run(Self.scenario())
        let lines = TableReport.render(result).split(separator: "\n").map(String.init)
        #expect(lines[0].hasSuffix("; savings and extra_h paired against on-demand"))
        #expect(lines[1].hasPrefix("job") && lines[1].contains("savings") && lines[1].hasSuffix("extra_h"))
        let onDemand = try #require(lines.first { $0.contains("on-demand ") && !$0.hasPrefix("shape") })
        #expect(onDemand.contains("baseline"))
        let spotRow = try #require(lines.first { $0.contains(" spot ") })
        let comparison = try #require(result.cells[2].comparison)
        let fraction = try #require(comparison.summary(.savingsFraction))
        let interval = try #require(fraction.confidenceInterval95)
        let expected = String(format: "%.1f%% ± %.1f", fraction.mean * 100, (interval.upperBound - interval.lowerBound) / 2 * 100)
        #expect(spotRow.contains(expected), "\(spotRow) lacks \(expected)")

        var none = Self.scenario()
        none.baseline = nil
        let plain = TableReport.render(try Self.run(none))
        #expect(!plain.contains("savings"))
        #expect(!plain.contains("extra_h"))
    }
}
