import Foundation

/// The verdict of `spotsim check` as GitHub Actions workflow commands: one `::error` per
/// failure (shown as an annotation on the run and its pull request) and a `::notice` with the
/// summary line.
///
/// ```text
/// ::error title=spotsim check%3A regression%2C cost_usd::finetune / spot / 30m  cost_usd: baseline 1831.04 ± 2.38, now …
/// ::notice title=spotsim check::spotsim check: 12 results, 180 metrics checked, 1 regression (mode: statistical)
/// ```
///
/// Messages escape `%`, carriage return and line feed as `%25`, `%0D`, `%0A`; titles (a
/// command property) also escape `:` and `,` as `%3A` and `%2C`, as GitHub's toolkit does.
public enum GitHubAnnotations {
    /// Whether `environment` is a GitHub Actions run (`GITHUB_ACTIONS` is `true`).
    public static func isActive(in environment: [String: String]) -> Bool {
        environment["GITHUB_ACTIONS"] == "true"
    }

    /// The workflow commands, one a line, ending with a newline.
    public static func render(_ verdict: CheckVerdict) -> String {
        var lines: [String] = []
        for check in verdict.failures {
            let kind = CheckTextReport.label(check.outcome).lowercased()
            lines.append(command("error", title: "spotsim check: \(kind), \(check.metric)", message: CheckTextReport.message(check)))
        }
        for identity in verdict.missingResults {
            lines.append(command("error", title: "spotsim check: missing result", message: CheckTextReport.missingMessage(identity)))
        }
        if verdict.addedResultsFail {
            for identity in verdict.addedResults {
                lines.append(command("error", title: "spotsim check: added result",
                                     message: CheckTextReport.addedMessage(identity, fails: true)))
            }
        }
        lines.append(command("notice", title: "spotsim check", message: CheckTextReport.summary(verdict)))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `::name title=TITLE::MESSAGE`, escaped.
    public static func command(_ name: String, title: String, message: String) -> String {
        "::\(name) title=\(escapeProperty(title))::\(escapeData(message))"
    }

    /// A command's message: `%` → `%25`, CR → `%0D`, LF → `%0A`.
    public static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A command's property value: as ``escapeData(_:)``, and `:` → `%3A`, `,` → `%2C`.
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text)
            .replacingOccurrences(of: ":", with: "%3A")
            .replacingOccurrences(of: ",", with: "%2C")
    }
}
