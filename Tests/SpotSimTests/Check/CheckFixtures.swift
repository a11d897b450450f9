import Foundation
import SpotSim

/// Hand-made spotsim JSON reports for the `spotsim check` tests.
enum Fixture {
    /// A metric's summary in a fixture: mean and 95 % half-width (ci95 = mean ± halfWidth, or
    /// null when `halfWidth` is nil); sd and quantiles derived from them.
    struct Stat {
        var mean: Double
        var halfWidth: Double?
        var p99: Double? = nil

        init(_ mean: Double, _ halfWidth: Double? = 0) {
            self.mean = mean
            self.halfWidth = halfWidth
        }

        var json: String {
            let ci = halfWidth.map { "[\(JSONWriter.number(mean - $0)), \(JSONWriter.number(mean + $0))]" } ?? "null"
            let sd = JSONWriter.number((halfWidth ?? 0) * 5)
            return #"{"mean": \#(JSONWriter.number(mean)), "sd": \#(sd), "ci95": \#(ci), "p50": \#(JSONWriter.number(mean)), "p90": \#(JSONWriter.number(mean * 1.1)), "p99": \#(JSONWriter.number(p99 ?? mean * 1.2))}"#
        }
    }

    /// One result.
    struct Result {
        var job = "train"
        var policy = "spot"
        var interval = "30m"
        var sweep: [(String, String)] = []
        var intervalHours = 0.5
        var metrics: [(String, Stat)] = [("cost_usd", Stat(100, 2)), ("completion_hours", Stat(10, 0.5)), ("goodput", Stat(0.9, 0.01))]
        /// `versus` comparisons; nil: no `versus` object. A nil Stat is JSON null.
        var versus: [(String, Stat?)]? = nil
        var overOptimum: Stat? = nil

        var json: String {
            var parts = [#""job": \#(JSONWriter.quoted(job))"#, #""policy": \#(JSONWriter.quoted(policy))"#]
            if !sweep.isEmpty {
                parts.append(#""sweep": {\#(sweep.map { "\(JSONWriter.quoted($0.0)): \(JSONWriter.quoted($0.1))" }.joined(separator: ", "))}"#)
            }
            parts.append(#""settings": {"interval": \#(JSONWriter.quoted(interval)), "interval_hours": \#(JSONWriter.number(intervalHours)), "pool": "p", "nodes": 1}"#)
            parts.append(#""metrics": {\#(metrics.map { "\(JSONWriter.quoted($0.0)): \($0.1.json)" }.joined(separator: ", "))}"#)
            if let versus {
                let entries = [#""baseline": "on-demand""#] + versus.map { "\(JSONWriter.quoted($0.0)): \($0.1?.json ?? "null")" }
                parts.append(#""versus": {\#(entries.joined(separator: ", "))}"#)
            }
            if let overOptimum { parts.append(#""over_optimum_usd": \#(overOptimum.json)"#) }
            return "{" + parts.joined(separator: ", ") + "}"
        }

        /// This result with the metric `name` replaced.
        func with(_ name: String, _ stat: Stat) -> Result {
            var copy = self
            if let index = copy.metrics.firstIndex(where: { $0.0 == name }) {
                copy.metrics[index].1 = stat
            } else {
                copy.metrics.append((name, stat))
            }
            return copy
        }
    }

    /// A whole report's text.
    static func report(
        scenario: String = "fixture", version: String = "0.3.0", seed: String = "1", replications: Int = 1000,
        schema: Int = 2, sweep: [String]? = nil, results: [Result] = [Result()]
    ) -> String {
        var parts = [
            #""schema_version": \#(schema)"#, #""spotsim_version": \#(JSONWriter.quoted(version))"#,
            #""scenario": \#(JSONWriter.quoted(scenario))"#, #""seed": \#(seed)"#, #""replications": \#(replications)"#,
            #""baseline": "on-demand""#,
        ]
        if let sweep { parts.append(#""sweep": [\#(sweep.map(JSONWriter.quoted).joined(separator: ", "))]"#) }
        parts.append(#""results": [\#(results.map(\.json).joined(separator: ",\n"))]"#)
        return "{" + parts.joined(separator: ",\n") + "}\n"
    }

    /// A parsed report (the fixture must be valid).
    static func parsed(_ text: String, file: String = "fixture.json") throws -> ParsedReport {
        try ReportReader.parse(text, file: file)
    }

    /// Compares two fixture reports; by default with plain 95 % intervals (no family-wise
    /// widening), so that the rules' arithmetic can be checked by hand.
    static func verdict(
        baseline: String, current: String, mode: CheckMode = .statistical, tolerances: [String] = [], metrics: [String] = [],
        falseAlarmRate: Double? = nil
    ) throws -> CheckVerdict {
        let check = RegressionCheck(
            mode: mode, tolerances: try ToleranceSet(parsing: tolerances), metrics: metrics, falseAlarmRate: falseAlarmRate
        )
        return try check.compare(baseline: parsed(baseline, file: "base.json"), current: parsed(current, file: "(this run)"))
    }
}
