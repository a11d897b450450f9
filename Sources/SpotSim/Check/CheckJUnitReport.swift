import SpotCharts

/// The verdict of `spotsim check` as a JUnit XML report, for CI systems that show test
/// results (GitLab, Jenkins, the GitHub test-reporter actions).
///
/// One `<testsuite>` named after the scenario, one `<testcase>` per result × metric
/// (`classname` the result, `name` the metric) with a `<failure>` when it fails and a
/// `<skipped>` when it was not checked, one test case named `(result)` per result only one
/// side has, and the text verdict in `<system-out>`.
///
/// ```xml
/// <?xml version="1.0" encoding="UTF-8"?>
/// <testsuites name="spotsim check" tests="180" failures="1" errors="0" skipped="0">
///   <testsuite name="spotsim check: quickstart" tests="180" failures="1" errors="0" skipped="0">
///     <properties>…</properties>
///     <testcase classname="finetune / spot / 30m" name="cost_usd">
///       <failure type="regression" message="finetune / spot / 30m  cost_usd: baseline 1831.04 ± 2.38, now …"/>
///     </testcase>
///     …
/// ```
public enum CheckJUnitReport {
    /// The whole document.
    ///
    /// - Complexity: O(n) in the number of checks.
    public static func render(_ verdict: CheckVerdict) -> String {
        var cases: [String] = []
        var skipped = 0
        for check in verdict.checks {
            let open = "    <testcase classname=\"\(escape(check.result.description))\" name=\"\(escape(check.metric))\""
            switch check.outcome {
            case .notChecked(let reason):
                skipped += 1
                cases.append(open + ">\n      <skipped message=\"\(escape(reason))\"/>\n    </testcase>")
            case _ where check.isFailure:
                let type = CheckTextReport.label(check.outcome).lowercased()
                cases.append(open + ">\n      <failure type=\"\(type)\" message=\"\(escape(CheckTextReport.message(check)))\"/>\n    </testcase>")
            default:
                cases.append(open + "/>")
            }
        }
        for identity in verdict.missingResults {
            cases.append("    <testcase classname=\"\(escape(identity.description))\" name=\"(result)\">\n"
                + "      <failure type=\"missing\" message=\"\(escape(CheckTextReport.missingMessage(identity)))\"/>\n    </testcase>")
        }
        for identity in verdict.addedResults {
            let message = escape(CheckTextReport.addedMessage(identity, fails: verdict.addedResultsFail))
            if verdict.addedResultsFail {
                cases.append("    <testcase classname=\"\(escape(identity.description))\" name=\"(result)\">\n"
                    + "      <failure type=\"added\" message=\"\(message)\"/>\n    </testcase>")
            } else {
                skipped += 1
                cases.append("    <testcase classname=\"\(escape(identity.description))\" name=\"(result)\">\n"
                    + "      <skipped message=\"\(message)\"/>\n    </testcase>")
            }
        }
        let counts = "tests=\"\(cases.count)\" failures=\"\(verdict.failureCount)\" errors=\"0\" skipped=\"\(skipped)\""
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<testsuites name=\"spotsim check\" \(counts)>",
            "  <testsuite name=\"\(escape("spotsim check: " + verdict.scenario))\" \(counts)>",
            "    <properties>",
            "      <property name=\"baseline\" value=\"\(escape(verdict.baselineFile))\"/>",
            "      <property name=\"mode\" value=\"\(verdict.decision.mode.rawValue)\"/>",
            "      <property name=\"mode_reason\" value=\"\(escape(verdict.decision.reason))\"/>",
            "    </properties>",
        ]
        lines += cases
        lines.append("    <system-out>\(escape(CheckTextReport.render(verdict), inAttribute: false))</system-out>")
        lines.append("  </testsuite>")
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` safe inside an XML 1.0 attribute value (`inAttribute`) or element, escaped as
    /// the charts escape theirs (``SVGWriter``): `& < >` as entities, in attributes also `" '`
    /// and tab, line feed and carriage return as character references (so they survive
    /// attribute normalisation); characters XML 1.0 forbids (other control characters, U+FFFE,
    /// U+FFFF) as U+FFFD.
    ///
    /// - Complexity: O(n).
    public static func escape(_ text: String, inAttribute: Bool = true) -> String {
        inAttribute ? SVGWriter.escapeAttribute(text) : SVGWriter.escapeText(text)
    }
}
