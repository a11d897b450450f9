import Foundation
import SpotSim
import Stochastics
import Testing

/// The HTML report: its charts, its self-containment, its CSVs and its determinism.
@Suite struct HTMLReportTests {
    /// The quickstart at 40 replications, its per-replication values, and replication 0 of the
    /// cheapest non-baseline cell, traced.
    struct Fixture {
        var result: ExperimentResult
        var part: PartialResult
        var timeline: HTMLReport.Timeline
    }

    /// A scenario text with a URL and markup in it, to check escaping.
    static let scenarioText = ShippedScenarios.quickstart + "\n# prices: https://aws.amazon.com/ec2/spot/pricing/ <script>alert(1)</script> & \"quotes\"\n"

    static let fixture: Fixture = {
        var scenario = try! ScenarioDecoder.decode(yaml: ShippedScenarios.quickstart, file: "quickstart.yaml")
        scenario.replications = 40
        let layout = try! ResultLayout(scenario)
        let part = try! ExperimentRunner(threads: 2).simulate(scenario, units: UnitSet(0..<layout.unitCount))
        let result = ExperimentResult(part)
        let cells = HTMLReport.cells(of: result, part: part)
        let index = HTMLReport.cheapest(cells)!
        let cell = try! scenario.cells()[index]
        var records: [TraceRecord] = []
        var replicator = Replicator(pools: scenario.pools)
        _ = try! replicator.trace(cell.plan, seed: scenario.seed, replication: 0) { records.append($0) }
        let timeline = HTMLReport.Timeline(
            labels: TraceReport.Labels(cell: cell, point: nil, of: scenario, replication: 0),
            records: records, why: "the cheapest")
        return Fixture(result: result, part: part, timeline: timeline)
    }()

    static func render() -> HTMLReport.Output {
        HTMLReport(
            fixture.result, part: fixture.part, timeline: fixture.timeline, scenarioText: scenarioText,
            commandLine: "spotsim report quickstart.yaml --output 'my report'"
        ).render()
    }

    /// Rule: the page holds every kind of chart — two line charts (cost and completion time
    /// against the interval), a scatter, two step charts (CDFs), a stacked bar and a timeline —
    /// each in a figure whose caption links to a CSV that is among the files.
    @Test func containsEveryChartWithItsCSV() throws {
        let output = Self.render()
        func count(_ needle: String) -> Int { output.html.components(separatedBy: needle).count - 1 }
        #expect(count("data-chart=\"line\"") == 2)
        #expect(count("data-chart=\"scatter\"") == 1)
        #expect(count("data-chart=\"step\"") == 2)
        #expect(count("data-chart=\"stacked-bar\"") == 1)
        #expect(count("data-chart=\"timeline\"") == 1)
        #expect(count("<figure>") == 7 && count("</figure>") == 7 && count("<figcaption>") == 7)
        #expect(output.files.count == 7)
        #expect(Set(output.files.map(\.name)).count == 7)
        for file in output.files {
            #expect(file.name.hasSuffix(".csv"))
            #expect(output.html.contains("<a href=\"\(file.name)\">"), "\(file.name) is not linked")
            #expect(file.text.hasSuffix("\n") && file.text.split(separator: "\n").count >= 2, "\(file.name) has no rows")
        }
        #expect(output.html.hasPrefix("<!DOCTYPE html>") && output.html.hasSuffix("</html>\n"))
        #expect(output.html.contains("max-width: 1100px"))
    }

    /// Rule: the page is self-contained: no `http://` or `https://` outside the escaped
    /// scenario text, no external script, no `<link>`, no web font.
    @Test func isSelfContained() {
        let html = Self.render().html
        let pre = try! #require(html.range(of: "<pre class=\"scenario\">"))
        let end = try! #require(html.range(of: "</pre>", range: pre.upperBound..<html.endIndex))
        let outside = String(html[..<pre.lowerBound]) + String(html[end.upperBound...])
        #expect(!outside.contains("http://") && !outside.contains("https://"))
        #expect(html[pre.upperBound..<end.lowerBound].contains("https://aws.amazon.com"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@font-face") && !html.contains("@import") && !html.contains("url("))
    }

    /// Rule: the scenario text and the command line are HTML-escaped: markup in them shows as
    /// text and never becomes an element.
    @Test func escapesTheScenarioAndCommand() {
        let html = Self.render().html
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quotes\""))
        #expect(html.contains("--output 'my report'"))
        #expect(HTMLReport.escape("a < b & \"c\" 'd'") == "a &lt; b &amp; \"c\" 'd'")
    }

    /// Rule: the interval CSVs' means and intervals are the summaries' (`summary(.costUSD)` and
    /// `summary(.completionHours)`), printed as the JSON report prints numbers, for every cell
    /// the chart draws (all but intervals as long as the job).
    @Test func intervalCSVsMatchTheSummaries() throws {
        let output = Self.render()
        for (fileName, metric) in [("finetune-cost-by-interval.csv", Metric.costUSD), ("finetune-completion-by-interval.csv", .completionHours)] {
            let file = try #require(output.files.first { $0.name == fileName })
            let rows = file.text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let drawn = Self.fixture.result.cells.filter { $0.cell.intervalHours < 48 }
            #expect(rows.count == drawn.count)
            for (row, cell) in zip(rows, drawn) {
                let summary = cell.summary(metric)
                #expect(row[0] == cell.cell.policy && row[1] == cell.cell.interval)
                #expect(row[2] == JSONWriter.number(cell.cell.intervalHours))
                #expect(row[3] == JSONWriter.number(summary.mean))
                #expect(row[4] == JSONWriter.number(summary.confidenceInterval95!.lowerBound))
                #expect(row[5] == JSONWriter.number(summary.confidenceInterval95!.upperBound))
                #expect(row[6] == (cell.cell.interval == "daly" ? "Daly 17 min" : ""))
            }
        }
    }

    /// Rule: the scatter CSV has every cell's mean cost and completion time and its mean paired
    /// savings; the breakdown CSV's parts are the component metrics' means and sum to the total.
    @Test func scatterAndBreakdownCSVsMatchTheSummaries() throws {
        let output = Self.render()
        let scatter = try #require(output.files.first { $0.name == "finetune-cost-vs-completion.csv" })
        let rows = scatter.text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == Self.fixture.result.cells.count)
        for (row, cell) in zip(rows, Self.fixture.result.cells) {
            #expect(row[2] == JSONWriter.number(cell.summary(.completionHours).mean))
            #expect(row[5] == JSONWriter.number(cell.summary(.costUSD).mean))
            #expect(row[8] == (cell.comparison?.summary(.savingsFraction).map { JSONWriter.number($0.mean) } ?? ""))
        }
        let breakdown = try #require(output.files.first { $0.name == "finetune-cost-breakdown.csv" })
        let bars = breakdown.text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(bars.map { $0[0] } == ["on-demand", "spot", "spot-fallback"])
        for bar in bars {
            let cell = try #require(Self.fixture.result.cells.first { $0.cell.policy == bar[0] && $0.cell.interval == bar[1] })
            #expect(bar[2] == JSONWriter.number(cell.summary(.spotUSD).mean))
            #expect(bar[3] == JSONWriter.number(cell.summary(.onDemandUSD).mean))
            let cheaper = Self.fixture.result.cells.filter { $0.cell.policy == bar[0] && $0.summary(.costUSD).mean < cell.summary(.costUSD).mean }
            #expect(cheaper.isEmpty, "\(bar[0]) is not at its cheapest interval")
        }
    }

    /// Rule: each CDF line ends at 1 (every replication at or below its largest value) and has
    /// one step per distinct replication value, from the per-replication values.
    @Test func cdfCSVsComeFromEveryReplication() throws {
        let output = Self.render()
        let cdf = try #require(output.files.first { $0.name == "finetune-cost-cdf.csv" })
        let rows = cdf.text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let cells = HTMLReport.cells(of: Self.fixture.result, part: Self.fixture.part)
        for policy in ["on-demand", "spot", "spot-fallback"] {
            let own = rows.filter { $0[0] == policy }
            #expect(own.last?[3] == "1")
            let cell = try #require(cells.first { $0.policy == policy && $0.interval == own.first?[1] })
            #expect(cell.costSamples.count == 40)
            #expect(own.count == Set(cell.costSamples).count)
        }
    }

    /// Rule: the timeline CSV has the traced replication's preemptions (their count is the
    /// `done` record's) and node intervals in the policy's pool.
    @Test func timelineFollowsTheTrace() throws {
        let output = Self.render()
        let file = try #require(output.files.first { $0.name == "finetune-timeline.csv" })
        let rows = file.text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let preempted = rows.filter { $0[0] == "preemption" }.reduce(0) { $0 + Int($1[4])! }
        #expect(preempted == Self.fixture.timeline.records.last?.preemptions)
        #expect(rows.contains { $0[0] == "nodes" && $0[1] == "aws-h100" })
        #expect(rows.contains { $0[0] == "checkpoint" })
    }

    /// Rule: rendering is deterministic: the same input gives the same page and CSVs, byte for
    /// byte, and the page carries no date.
    @Test func isDeterministic() {
        let first = Self.render()
        let second = Self.render()
        #expect(first == second)
        #expect(!first.html.contains("2026") && !first.html.contains("UTC"))
    }

    /// Rule: the summary names the cheapest policy other than the baseline and its savings.
    @Test func summaryNamesTheCheapestPolicy() {
        let html = Self.render().html
        #expect(html.contains("the cheapest choice is <strong>spot</strong>"))
        #expect(html.contains("cheaper than on-demand at the same interval"))
    }

    /// Rule: a job with one interval (continuous progress, as with deadlines) gets no chart
    /// against the interval (it would be empty), no interval labels on its points or series,
    /// and its summary says "with continuous progress" instead of naming an interval.
    @Test func oneIntervalHasNoIntervalCharts() {
        func cell(_ policy: String, cost: Double, hours: Double) -> HTMLReport.CellData {
            HTMLReport.CellData(
                job: "d52h", policy: policy, interval: "continuous", intervalHours: 48, workHours: 48,
                isBaseline: policy == "on-demand", cost: .init(mean: cost, low: cost - 1, high: cost + 1),
                completionHours: .init(mean: hours, low: hours - 0.5, high: hours + 0.5), costParts: [cost / 2, cost / 2, 0, 0],
                costSamples: [cost - 1, cost, cost + 1], completionSamples: [hours - 0.5, hours, hours + 0.5])
        }
        let output = HTMLReport(
            scenarioName: "deadline", seed: 1, replications: 3, baseline: "on-demand",
            cells: [cell("on-demand", cost: 147, hours: 48.2), cell("greedy", cost: 77, hours: 51.9)],
            scenarioText: "name: deadline\n", commandLine: "spotsim report deadline.yaml --output r"
        ).render()
        #expect(!output.files.contains { $0.name.hasSuffix("-by-interval.csv") })
        #expect(!output.html.contains("data-chart=\"line\""))
        #expect(output.html.components(separatedBy: "<figure>").count - 1 == 4)   // scatter, 2 CDFs, breakdown
        #expect(output.html.contains("<strong>greedy</strong> with continuous progress"))
        #expect(!output.html.contains("checkpointing at continuous"))
        #expect(!output.html.contains("greedy (continuous)"))
        #expect(!output.html.contains(">continuous</text>"))
        #expect(!output.html.contains("at the same interval"))
    }
}
