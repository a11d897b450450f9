import SpotCharts

/// A self-contained HTML report of an experiment (`spotsim report`): a summary, inline SVG
/// charts and the scenario, plus one CSV per chart with exactly the numbers it draws.
///
/// ```swift
/// let report = HTMLReport(
///     scenarioName: result.scenarioName, seed: result.seed, replications: result.replications,
///     baseline: result.baseline, cells: HTMLReport.cells(of: result, part: part),
///     timeline: timeline, scenarioText: yaml, commandLine: "spotsim report quickstart.yaml --output r")
/// let output = report.render()
/// output.html            // "<!DOCTYPE html>…"
/// output.files[0].name   // "finetune-cost-by-interval.csv"
/// ```
///
/// The page is built from plain data (``CellData``, ``Timeline``), never from a simulation, so
/// that a JSON report provides it too (``init(results:cells:timeline:scenarioText:commandLine:resultsFile:)``):
/// the CDFs then need the per-replication values, the timeline the scenario.
/// With a sweep, the first grid point is charted, and with it the points that differ only in a
/// swept checkpoint interval (``chartedCells(of:)``). The CDFs and the cost breakdown show
/// each policy at its cheapest interval. The page has no script, no link, no web font and no
/// date: the same input gives the same bytes.
public struct HTMLReport: Sendable {
    public var scenarioName: String
    public var seed: UInt64
    public var replications: Int
    /// The baseline policy; `nil` for none.
    public var baseline: String?
    /// The charted cells (the first grid point's, and across a swept checkpoint interval
    /// those of the points with its other values), in grid order.
    public var cells: [CellData]
    /// One replication's events; `nil` for no timeline.
    public var timeline: Timeline?
    /// The scenario file's text, shown escaped; `nil` when it is not known (a page drawn from
    /// a JSON report without the scenario).
    public var scenarioText: String?
    /// The command that made the report, shown as given.
    public var commandLine: String
    /// The spotsim version that computed the results.
    public var version: String
    /// The sweep's parameter paths, in file order (empty without a sweep): the page says
    /// which grid points it charts.
    public var sweepParameters: [String]
    /// The name of the JSON report the results were read from; `nil` when they were computed
    /// for this page.
    public var resultsFile: String?

    public init(
        scenarioName: String, seed: UInt64, replications: Int, baseline: String?, cells: [CellData],
        timeline: Timeline? = nil, scenarioText: String?, commandLine: String,
        version: String = SpotSimVersion.current, sweepParameters: [String] = [], resultsFile: String? = nil
    ) {
        self.scenarioName = scenarioName
        self.seed = seed
        self.replications = replications
        self.baseline = baseline
        self.cells = cells
        self.timeline = timeline
        self.scenarioText = scenarioText
        self.commandLine = commandLine
        self.version = version
        self.sweepParameters = sweepParameters
        self.resultsFile = resultsFile
    }

    /// The report of `result`, with CDFs from `part` (its complete per-replication values).
    public init(
        _ result: ExperimentResult, part: PartialResult?, timeline: Timeline?, scenarioText: String,
        commandLine: String, version: String = SpotSimVersion.current
    ) {
        self.init(
            scenarioName: result.scenarioName, seed: result.seed, replications: result.replications,
            baseline: result.baseline, cells: Self.cells(of: result, part: part), timeline: timeline,
            scenarioText: scenarioText, commandLine: commandLine, version: version,
            sweepParameters: result.layout.sweepParameters)
    }

    /// A CSV file behind a chart.
    public struct File: Sendable, Hashable {
        /// The file's name, relative to the page (`finetune-cost-by-interval.csv`).
        public var name: String
        public var text: String
    }

    /// The page and the CSV files it links to.
    public struct Output: Sendable, Hashable {
        public var html: String
        public var files: [File]
    }

    /// One chart on the page: its SVG, its caption (HTML) and its CSV.
    struct Figure {
        var svg: String
        var caption: String
        var file: File
    }

    /// Renders the page and its CSVs.
    ///
    /// - Complexity: O(cells × replications log replications + trace records).
    public func render() -> Output {
        var figures: [(heading: String, figures: [Figure])] = []
        for job in Self.jobs(cells) {
            figures.append(("Job \(job)", jobFigures(job)))
        }
        if let timeline {
            figures.append(("One replication", [timelineFigure(timeline)]))
        }

        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escape("spotsim report: " + scenarioName))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <main>
            <h1>\(Self.escape(scenarioName))</h1>

            """
        html += "<p class=\"meta\">" + Self.escape(
            "\(replications) replications, seed \(seed), spotsim \(version)") + "</p>\n"
        html += summaryParagraphs()
        for section in figures {
            html += "<h2>" + Self.escape(section.heading) + "</h2>\n"
            for figure in section.figures {
                html += "<figure>\n" + figure.svg + "\n<figcaption>" + figure.caption
                    + " <a href=\"" + SVGWriter.escapeAttribute(figure.file.name) + "\">Data (CSV)</a></figcaption>\n</figure>\n"
            }
        }
        html += "<h2>Scenario</h2>\n<dl>\n"
        html += "<dt>Command</dt><dd><code>" + Self.escape(commandLine) + "</code></dd>\n"
        if let resultsFile {
            html += "<dt>Results</dt><dd>read from <code>" + Self.escape(resultsFile) + "</code></dd>\n"
        }
        html += "<dt>Seed</dt><dd>\(seed)</dd>\n"
        html += "<dt>Replications</dt><dd>\(replications) per grid point</dd>\n"
        html += "<dt>spotsim</dt><dd>" + Self.escape(version) + "</dd>\n</dl>\n"
        if let scenarioText {
            html += "<pre class=\"scenario\">" + Self.escape(scenarioText) + "</pre>\n"
        } else if let resultsFile {
            html += "<p>No scenario text is available: the results were read from <code>"
                + Self.escape(resultsFile) + "</code>, which does not hold the scenario.</p>\n"
        } else {
            html += "<p>No scenario text is available.</p>\n"
        }
        html += "</main>\n</body>\n</html>\n"
        return Output(html: html, files: figures.flatMap { $0.figures.map(\.file) })
    }

    /// The opening paragraphs: which of a sweep's points are charted, how to add the
    /// timeline to a page drawn from a JSON report alone, then per job the cheapest cell and
    /// how it compares with the baseline.
    func summaryParagraphs() -> String {
        var text = sweepSentence()
        if let resultsFile, timeline == nil {
            text += "<p>Drawn from the results in <code>" + Self.escape(resultsFile)
                + "</code> without the scenario; to add the timeline of one replication, give the scenario file with <code>--scenario FILE</code>.</p>\n"
        }
        for job in Self.jobs(cells) {
            let own = cells.filter { $0.job == job }
            guard let best = Self.cheapest(own).map({ own[$0] }) else { continue }
            var sentence = "Job <strong>\(Self.escape(job))</strong>: the cheapest choice is <strong>"
                + Self.escape(best.policy) + "</strong> " + Self.escape(Self.settingPhrase(best))
                + ", " + HumanFormat.usd(best.cost.mean) + " per run on average, finishing in "
                + HumanFormat.hours(best.completionHours.mean)
            if let savings = best.savingsFraction, let baseline {
                sentence += ": " + Self.escape(Self.savingsText(savings, baseline: baseline, sameInterval: Self.hasIntervals(own)))
                if let extra = best.extraCompletionHours {
                    sentence += ", " + Self.escape(HumanFormat.hours(abs(extra.mean)))
                        + (extra.mean >= 0 ? " later" : " sooner")
                }
            }
            text += "<p>" + sentence + ".</p>\n"
        }
        return text
    }

    /// `30m (0.5 h)` or `daly (17 min)`: the interval as written and as resolved.
    static func intervalName(_ cell: CellData) -> String {
        cell.interval + " (" + HumanFormat.hours(cell.intervalHours) + ")"
    }

    /// `checkpointing at 30m (0.5 h)`, or `with continuous progress` for a job that never
    /// loses progress and so has no interval.
    static func settingPhrase(_ cell: CellData) -> String {
        cell.interval == CheckpointInterval.continuous.description
            ? "with continuous progress" : "checkpointing at " + intervalName(cell)
    }

    /// Whether `cells` (one job's) have more than one checkpoint interval: only then are
    /// there charts against the interval, and interval labels worth printing.
    static func hasIntervals(_ cells: [CellData]) -> Bool {
        guard let first = cells.first?.interval else { return false }
        return cells.contains { $0.interval != first }
    }

    /// `61.6 % cheaper than on-demand at the same interval` (or `more expensive`), paired.
    static func savingsText(_ savings: Estimate, baseline: String, sameInterval: Bool = true) -> String {
        HumanFormat.percent(abs(savings.mean)) + (savings.mean >= 0 ? " cheaper than " : " more expensive than ")
            + baseline + (sameInterval ? " at the same interval" : "")
    }

    /// `text` escaped for HTML text (`&`, `<`, `>`), as ``SVGWriter/escapeText(_:)`` escapes
    /// the charts' text; attributes go through ``SVGWriter/escapeAttribute(_:)``.
    ///
    /// ```swift
    /// HTMLReport.escape("a < b & c")   // "a &lt; b &amp; c"
    /// ```
    public static func escape(_ text: String) -> String {
        SVGWriter.escapeText(text)
    }

    /// A file-name-safe form of `name`: lowercase letters, digits and `-`.
    static func slug(_ name: String) -> String {
        var out = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "job" : out
    }

    /// The page's stylesheet: system fonts, a readable measure, figures at full width.
    static let style = """

        :root { color-scheme: light; }
        body { margin: 0; background: #fff; color: #1f2328;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          font-size: 16px; line-height: 1.5; }
        main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 64px; }
        h1 { font-size: 1.9em; margin: 0.2em 0 0.1em; }
        h2 { font-size: 1.35em; margin: 1.8em 0 0.6em; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2em; }
        p.meta { color: #57606a; margin-top: 0; }
        figure { margin: 0 0 2em; }
        figure svg { display: block; width: 100%; height: auto; }
        figcaption { color: #424a53; font-size: 0.95em; margin-top: 0.4em; max-width: 75ch; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
        dt { font-weight: 600; }
        dd { margin: 0; }
        code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
        pre.scenario { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 12px 16px;
          overflow-x: auto; line-height: 1.4; }

        """
}
