import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SpotSim
import Testing

/// The text verdict, the JUnit XML and the GitHub Actions annotations of `spotsim check`.
@Suite struct CheckRendererTests {
    /// A verdict with one regression, one improvement and one missing result, in a job whose
    /// name needs escaping everywhere.
    static func verdict(job: String = "train") throws -> CheckVerdict {
        let base = Fixture.Result(job: job)
        let baseline = Fixture.report(results: [base, Fixture.Result(job: job, interval: "1h")])
        let current = Fixture.report(results: [
            base.with("cost_usd", Fixture.Stat(120, 2)).with("completion_hours", Fixture.Stat(8, 0.5)),
        ])
        return try Fixture.verdict(baseline: baseline, current: current)
    }

    /// Rule: the text lists each regression (result, metric, both means ± half-widths,
    /// change, threshold), improvements and missing results, and ends with the summary line.
    @Test func textListsFailuresAndImprovements() throws {
        let text = CheckTextReport.render(try Self.verdict())
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "spotsim check: scenario fixture against base.json")
        #expect(lines[1] == "mode: statistical (requested)")
        #expect(lines.contains(
            "REGRESSION  train / spot / 30m  cost_usd: baseline 100 ± 2, now 120 ± 2, change +20 (+20%), threshold 2.82843 (tolerance 0 + noise 2.82843), lower is better"
        ))
        #expect(lines.contains { $0.hasPrefix("IMPROVED    train / spot / 30m  completion_hours: baseline 10 ± 0.5, now 8 ± 0.5, change -2 (-20%)") })
        #expect(lines.contains("MISSING     train / spot / 1h: result in the baseline, not in this run"))
        #expect(lines.last == "spotsim check: 2 results, 3 metrics checked, 2 regressions (mode: statistical)")
        // Passing metrics are not listed.
        #expect(!text.contains("goodput"))
    }

    /// Rule: the JUnit report is well-formed XML with one test case per result × metric (and
    /// per missing result), a failure for each regression, and names that round-trip through
    /// escaping (`& < > " '`, newlines).
    @Test func junitParsesAndEscapes() throws {
        let job = "a&b <c> \"d\" 'e'\nf"
        let verdict = try Self.verdict(job: job)
        let xml = CheckJUnitReport.render(verdict)
        let document = try XMLDocument(xmlString: xml)
        let suites = try document.nodes(forXPath: "/testsuites/testsuite")
        #expect(suites.count == 1)
        let cases = try document.nodes(forXPath: "//testcase").compactMap { $0 as? XMLElement }
        #expect(cases.count == 3 + 1)
        let failures = try document.nodes(forXPath: "//failure").compactMap { $0 as? XMLElement }
        #expect(failures.count == 2)
        #expect(failures.count == verdict.failureCount)
        let suite = try #require(suites.first as? XMLElement)
        #expect(suite.attribute(forName: "failures")?.stringValue == "2")
        #expect(suite.attribute(forName: "tests")?.stringValue == "4")
        let regression = try #require(cases.first { $0.attribute(forName: "name")?.stringValue == "cost_usd" })
        #expect(regression.attribute(forName: "classname")?.stringValue == "\(job) / spot / 30m")
        let message = try #require(regression.elements(forName: "failure").first?.attribute(forName: "message")?.stringValue)
        #expect(message.hasPrefix("\(job) / spot / 30m  cost_usd: baseline 100 ± 2"))
        #expect(CheckJUnitReport.escape("x\u{1}y") == "x\u{FFFD}y")
    }

    /// Rule: annotations are one `::error` per failure and a `::notice` summary, with `%`,
    /// CR and LF escaped in messages and also `:` and `,` in titles.
    @Test func annotationsEscape() throws {
        let verdict = try Self.verdict(job: "50%\r\njob")
        let lines = GitHubAnnotations.render(verdict).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("::error title=spotsim check%3A regression%2C cost_usd::50%25%0D%0Ajob / spot / 30m  cost_usd: baseline 100"))
        #expect(lines[0].contains("(+20%25)"))
        #expect(lines[1] == "::error title=spotsim check%3A missing result::50%25%0D%0Ajob / spot / 1h: result in the baseline, not in this run")
        #expect(lines[2] == "::notice title=spotsim check::spotsim check: 2 results, 3 metrics checked, 2 regressions (mode: statistical)")
        #expect(GitHubAnnotations.escapeProperty("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae")
        #expect(GitHubAnnotations.isActive(in: ["GITHUB_ACTIONS": "true"]))
        #expect(!GitHubAnnotations.isActive(in: ["GITHUB_ACTIONS": "false"]))
        #expect(!GitHubAnnotations.isActive(in: [:]))
    }
}
