import ArgumentParser
import Foundation
import SpotSim
import Stochastics

/// `spotsim fit`: estimates spot lifetime models from observed lifetimes or a spot trace.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit spot lifetime models (exponential, Weibull, log-normal) to observed lifetimes or spot traces, with right-censoring.",
        discussion: """
            Each model is fitted by maximum likelihood. Lifetimes that had not ended when \
            observation stopped are right-censored: they enter the likelihood through the \
            survival function S(t) instead of the density, so they pull the fit towards longer \
            lives instead of being mistaken for reclamations. For each model spotsim reports the \
            parameters ± standard errors (inverse observed information, delta method), log L, \
            AIC = 2k − 2 log L, ΔAIC against the best model, and the Kolmogorov–Smirnov distance \
            D between the Kaplan–Meier curve and the fitted CDF (smaller is closer). It ends with \
            the best model by AIC as a `spot: lifetime:` block to paste into a scenario's pool \
            (add the pool's spot price).

            Lifetimes CSV (--lifetimes FILE): a header line `seconds,censored`, then one \
            row per node:
              seconds   time seen alive, in seconds: a plain number > 0, no units
              censored  1/true: still up when observation stopped; 0/false: reclaimed
            Blank lines and lines starting with # are skipped.

            Traces (--trace FILE, repeat it to pool several files): every maximal run of ticks \
            with capacity is one lifetime; a run touching either end of its trace is censored. \
            --trace-format and --tick are required; --values defaults to the format's own \
            convention (skynomad: preempted, the others: available). A relative trace path is \
            resolved against --data-dir if given, else against $SPOTSIM_DATA if set, else \
            against the current directory.

            Examples:
              spotsim fit --lifetimes lifetimes.csv --pool-name us-west-2b
              export SPOTSIM_DATA=../shared/data/traces/skypilot-spot-traces/preemption
              spotsim fit --trace 1-node/aws-04-22-2023/us-west-2b_v100_1.json \\
                  --trace-format spot-traces --tick 32s
              spotsim fit --trace 1-node/aws-04-22-2023/us-east-1c_v100_1.json \\
                  --trace 1-node/aws-04-22-2023/us-west-2b_v100_1.json \\
                  --trace-format spot-traces --tick 32s --format json --output fit.json

            JSON output (schema_version 1): source, pool, samples, events, censored, best, \
            models (in AIC order: model, parameters [{name, value, standard_error}] with mean and \
            scale in seconds, covariance, log_likelihood, aic, delta_aic, ks_statistic, \
            mean_seconds, iterations), not_fitted [{model, reason}], scenario_lifetime (the \
            pasteable lifetime mapping).

            Exit status: 0 success, 64 a usage or input error (one message: file:line:column).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(name: .long, help: ArgumentHelp("A CSV of lifetimes with the header seconds,censored.", valueName: "file.csv"))
    var lifetimes: String?

    @Option(name: .long, help: ArgumentHelp("A spot trace file; repeat to pool the lifetimes of several.", valueName: "file"))
    var trace: [String] = []

    @Option(name: .customLong("trace-format"), help: ArgumentHelp(
        "The trace's layout: \(TraceFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
    var traceFormat: String?

    @Option(name: .long, help: ArgumentHelp("Seconds per trace tick: a duration like 32s or 10m, or plain seconds.", valueName: "duration"))
    var tick: String?

    @Option(name: .long, help: ArgumentHelp(
        "What a trace value means: available or preempted (default: the format's convention).", valueName: "meaning"))
    var values: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "Resolve relative trace paths here (default: $SPOTSIM_DATA, else the current directory).", valueName: "dir"))
    var dataDirectory: String?

    @Option(name: .customLong("pool-name"), help: ArgumentHelp("A name for the fitted pool, shown in the output.", valueName: "name"))
    var poolName: String?

    @Option(name: .long, help: "Output format: table or json.")
    var format: Format = .table

    @Option(name: .long, help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        switch (lifetimes, trace.isEmpty) {
        case (nil, true):
            throw ValidationError("give --lifetimes FILE.csv or --trace FILE (with --trace-format and --tick)")
        case (_?, false):
            throw ValidationError("give either --lifetimes or --trace, not both")
        case (_?, true):
            for (name, value) in [("--trace-format", traceFormat), ("--tick", tick), ("--values", values), ("--data-dir", dataDirectory)] where value != nil {
                throw ValidationError("\(name) applies to --trace, not to --lifetimes")
            }
        case (nil, false):
            _ = try traceOptions()
        }
    }

    /// The parsed --trace-format, --tick and --values.
    func traceOptions() throws -> (format: TraceFormat, tick: Double, values: TraceValues) {
        let formats = TraceFormat.allCases.map(\.rawValue).joined(separator: ", ")
        guard let name = traceFormat else { throw ValidationError("--trace needs --trace-format (one of \(formats))") }
        guard let format = TraceFormat(rawValue: name) else {
            throw ValidationError("--trace-format: expected one of \(formats), found '\(name)'")
        }
        guard let tickText = tick else { throw ValidationError("--trace needs --tick (seconds per tick, like 32s)") }
        guard let seconds = Units.parseDuration(tickText) ?? Units.parseNumber(tickText), seconds.isFinite, seconds > 0 else {
            throw ValidationError("--tick: expected a duration greater than 0 like 32s, 10m or 195, found '\(tickText)'")
        }
        var meaning = format.defaultValues
        if let values {
            guard let given = TraceValues(rawValue: values) else {
                throw ValidationError("--values: expected available or preempted, found '\(values)'")
            }
            meaning = given
        }
        return (format, seconds, meaning)
    }

    func run() throws {
        let input: FitInput
        do {
            if let lifetimes {
                input = try LifetimesCSV.read(path: lifetimes)
            } else {
                input = try readTraces()
            }
        } catch let error as ScenarioError {
            standardError("\(error)\n")
            throw ExitCode(64)
        }

        let report: FitReport
        do {
            report = try FitReport(input: input, poolName: poolName)
        } catch {
            throw usageError("\(input.source.files.joined(separator: ", ")): \(error)")
        }
        for failure in report.notFitted {
            standardError("spotsim: warning: \(failure.model.rawValue) not fitted: \(failure.reason)\n")
        }

        let text = format == .table ? report.table() : report.json()
        if let output {
            do {
                try OutputFile.write(text, to: output)
            } catch {
                throw usageError("\(error)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// The up-runs of every --trace, pooled.
    func readTraces() throws -> FitInput {
        let options = try traceOptions()
        let directory = dataDirectory ?? ProcessInfo.processInfo.environment["SPOTSIM_DATA"].flatMap { $0.isEmpty ? nil : $0 }
        var samples: [LifetimeSample] = []
        var files: [String] = []
        var ticks = 0
        for given in trace {
            let path = given.hasPrefix("/") || directory == nil ? given : (directory! as NSString).appendingPathComponent(given)
            let read = try TraceReader.read(path: path, format: options.format, values: options.values, tick: options.tick, field: "--trace")
            samples += read.upRuns().map { LifetimeSample(seconds: $0.seconds, censored: $0.censored) }
            files.append(path)
            ticks += read.counts.count
        }
        let described = files.count == 1 ? "\(ticks) ticks" : "\(ticks) ticks of \(files.count) traces"
        guard !samples.isEmpty else {
            throw ScenarioError(
                file: files[0], line: 1, column: 1, field: "--trace",
                expected: "at least one up-run (a tick with capacity)", found: "none in \(described)"
            )
        }
        guard samples.contains(where: { !$0.censored }) else {
            throw ScenarioError(
                file: files[0], line: 1, column: 1, field: "--trace",
                expected: "at least one preemption (an up-run that ends inside the trace)",
                found: "\(samples.count) up-\(samples.count == 1 ? "run" : "runs") in \(described), all touching an end of the trace (censored)"
            )
        }
        let source = FitSource(
            kind: "trace", files: files,
            summary: "trace \(options.format.rawValue), tick \(Units.formatDuration(options.tick)), values \(options.values.rawValue)",
            traceFormat: options.format.rawValue, tickSeconds: options.tick, values: options.values.rawValue
        )
        return FitInput(samples: samples, source: source)
    }
}

/// Where the lifetimes came from, for the report.
struct FitSource {
    var kind: String
    var files: [String]
    var summary: String
    var traceFormat: String? = nil
    var tickSeconds: Double? = nil
    var values: String? = nil
}

/// Lifetimes ready to fit.
struct FitInput {
    var samples: [LifetimeSample]
    var source: FitSource
}

// MARK: - The lifetimes CSV

/// Reads `seconds,censored` CSV files; the first problem is one `ScenarioError` at its line
/// and column.
enum LifetimesCSV {
    /// The largest file read: 256 MiB.
    static let maximumFileSize = 256 * 1024 * 1024

    static let headerExpected = "a header line seconds,censored"
    static let secondsExpected = "a duration in seconds greater than 0, a plain number like 5400 or 37.5"
    static let censoredExpected = "0, 1, true or false"

    static func read(path: String) throws(ScenarioError) -> FitInput {
        func fileError(_ reason: String) -> ScenarioError {
            ScenarioError(file: path, line: 1, column: 1, field: "(file)", expected: "a readable CSV file with a seconds,censored header", found: "'\(path)', \(reason)")
        }
        let text: String
        switch InputFile.readText(path, maximumBytes: maximumFileSize) {
        case .success(let contents): text = contents
        case .failure(let problem): throw fileError(problem.reason)
        }
        let samples = try parse(text, file: path)
        return FitInput(samples: samples, source: FitSource(kind: "lifetimes", files: [path], summary: "lifetimes CSV"))
    }

    /// Parses the CSV text; `file` names errors.
    static func parse(_ text: String, file: String) throws(ScenarioError) -> [LifetimeSample] {
        func error(_ line: Int, _ column: Int, _ field: String, _ expected: String, _ found: String) -> ScenarioError {
            ScenarioError(file: file, line: line, column: column, field: field, expected: expected, found: found)
        }
        var samples: [LifetimeSample] = []
        var headerLine: Int?
        var firstRow: (line: Int, column: Int)?
        var lineNumber = 0
        for rawLine in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line.removeLast() }
            if lineNumber == 1, line.first == "\u{FEFF}" { line.removeFirst() }
            let cells = InputFile.csvCells(line)
            if cells.count == 1, cells[0].text.isEmpty { continue }
            if cells[0].text.hasPrefix("#") { continue }
            if headerLine == nil {
                guard cells.map(\.text) == ["seconds", "censored"] else {
                    throw error(lineNumber, 1, "header", headerExpected, quote(String(String.UnicodeScalarView(line))))
                }
                headerLine = lineNumber
                continue
            }
            guard cells.count == 2 else {
                if cells.count < 2 {
                    throw error(lineNumber, line.count + 1, "censored", censoredExpected, "nothing (the row has one value)")
                }
                throw error(lineNumber, cells[2].column, "lifetimes", "rows of two values, seconds,censored", "a third value \(quote(cells[2].text))")
            }
            let (secondsCell, censoredCell) = (cells[0], cells[1])
            guard let seconds = Units.parseNumber(secondsCell.text), seconds > 0 else {
                throw error(lineNumber, secondsCell.column, "seconds", secondsExpected, describe(secondsCell.text))
            }
            let censored: Bool
            switch censoredCell.text.lowercased() {
            case "0", "false": censored = false
            case "1", "true": censored = true
            default: throw error(lineNumber, censoredCell.column, "censored", censoredExpected, describe(censoredCell.text))
            }
            if firstRow == nil { firstRow = (lineNumber, censoredCell.column) }
            samples.append(LifetimeSample(seconds: seconds, censored: censored))
        }
        guard let headerLine else { throw error(1, 1, "header", headerExpected, "an empty file") }
        guard let firstRow else {
            throw error(headerLine, 1, "lifetimes", "at least one row after the header", "no rows")
        }
        guard samples.contains(where: { !$0.censored }) else {
            throw error(
                firstRow.line, firstRow.column, "censored",
                "at least one uncensored lifetime (censored 0 or false: a reclamation)",
                "\(samples.count) \(samples.count == 1 ? "row" : "rows"), all censored"
            )
        }
        return samples
    }


    static func describe(_ text: String) -> String {
        text.isEmpty ? "an empty value" : quote(text)
    }

    /// `'text'`, on one line and at most 60 characters.
    static func quote(_ text: String) -> String {
        var shown = text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
        if shown.count > 60 { shown = String(shown.prefix(57)) + "..." }
        return "'\(shown)'"
    }
}

// MARK: - The report

/// Every model fitted to one input, ranked by AIC, and how to print it.
struct FitReport {
    var source: FitSource
    var poolName: String?
    var ranking: LifetimeFitRanking
    var notFitted: [(model: LifetimeModel, reason: String)]

    /// Fits every model; a model that cannot be fitted (no convergence, no maximum) is listed
    /// in `notFitted` rather than failing the others.
    ///
    /// - Throws: `LifetimeFitError` when the samples themselves are unusable (the exponential,
    ///   which always has a maximum when there is a reclamation, fails too).
    init(input: FitInput, poolName: String?) throws(LifetimeFitError) {
        var fits: [LifetimeFit] = []
        var notFitted: [(model: LifetimeModel, reason: String)] = []
        for model in LifetimeModel.allCases {
            do {
                fits.append(try LifetimeFit.fit(model, to: input.samples))
            } catch {
                if model == .exponential { throw error }
                notFitted.append((model, error.description))
            }
        }
        let events = input.samples.filter { !$0.censored }.count
        self.source = input.source
        self.poolName = poolName
        self.ranking = LifetimeFitRanking(
            sampleCount: input.samples.count, eventCount: events, censoredCount: input.samples.count - events, fits: fits
        )
        self.notFitted = notFitted
    }

    // MARK: Table

    /// The human-readable report; equal inputs give equal bytes.
    ///
    /// ```
    /// source:    us-west-2b_v100_1.json (trace spot-traces, tick 32s, values available)
    /// lifetimes: 144 (136 reclaimed, 8 censored)
    ///
    /// model        parameter  estimate  std. error  mean life  log L     AIC      ΔAIC    KS D
    /// weibull      scale      1.234h    0.1234h     2.345h     -1234.56  2473.12  0.00    0.0412
    ///              shape      0.6310    0.04100
    /// ```
    func table() -> String {
        var text = "source:    \(source.files.joined(separator: ", ")) (\(source.summary))\n"
        if let poolName { text += "pool:      \(poolName)\n" }
        text += "lifetimes: \(ranking.sampleCount) (\(ranking.eventCount) reclaimed, \(ranking.censoredCount) censored)\n\n"
        var rows: [[String]] = [["model", "parameter", "estimate", "std. error", "mean life", "log L", "AIC", "ΔAIC", "KS D"]]
        for fit in ranking.fits {
            for (index, parameter) in fit.parameters.enumerated() {
                let isTime = parameter.name == "mean" || parameter.name == "scale"
                let estimate = isTime ? Self.hours(parameter.value) : Self.significant(parameter.value, 4)
                let error = isTime ? Self.hours(parameter.standardError) : Self.significant(parameter.standardError, 4)
                let label = parameter.name == "mu" ? "mu (ln s)" : parameter.name
                if index == 0 {
                    rows.append([
                        fit.model.rawValue, label, estimate, error, Self.hours(fit.distribution.mean),
                        String(format: "%.2f", fit.logLikelihood), String(format: "%.2f", fit.aic),
                        String(format: "%.2f", ranking.deltaAIC(fit)), String(format: "%.4f", fit.ksStatistic),
                    ])
                } else {
                    rows.append(["", label, estimate, error, "", "", "", "", ""])
                }
            }
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max()! }
        for row in rows {
            var line = ""
            for (column, cell) in row.enumerated() {
                line += cell + String(repeating: " ", count: widths[column] - cell.count + 2)
            }
            while line.last == " " { line.removeLast() }
            text += line + "\n"
        }
        for failure in notFitted {
            text += "\(failure.model.rawValue): not fitted: \(failure.reason)\n"
        }
        text += "\n" + poolBlock()
        return text
    }

    /// The comment and `spot: lifetime:` block of the best model, ready to paste into a pool.
    func poolBlock() -> String {
        let best = ranking.best
        let pool = poolName.map { " for pool \($0)" } ?? ""
        return """
            # best fit by AIC\(pool): \(best.model.rawValue) (n = \(ranking.sampleCount), \(ranking.eventCount) events, \(ranking.censoredCount) censored)
            spot:
              lifetime: \(Self.scenarioLifetime(best.distribution))

            """
    }

    /// A lifetime mapping the scenario decoder accepts, durations in hours to 6 significant
    /// digits: weibull `scale`/`shape`, lognormal `mean`/`sd` (of the lifetime itself),
    /// exponential `mean`.
    static func scenarioLifetime(_ distribution: Distribution) -> String {
        func duration(_ seconds: Double) -> String { trimmed(significant(seconds / 3600, 6)) + "h" }
        switch distribution {
        case .exponential(let mean):
            return "{ distribution: exponential, mean: \(duration(mean)) }"
        case .weibull(let scale, let shape):
            return "{ distribution: weibull, scale: \(duration(scale)), shape: \(trimmed(significant(shape, 6))) }"
        case .logNormal:
            return "{ distribution: lognormal, mean: \(duration(distribution.mean)), sd: \(duration(distribution.variance.squareRoot())) }"
        default:
            return "{ distribution: \(distribution.name) }"
        }
    }

    /// Seconds as hours with 4 significant digits: `1.821h`.
    static func hours(_ seconds: Double) -> String {
        significant(seconds / 3600, 4) + "h"
    }

    /// `value` with `digits` significant digits in fixed notation (never an exponent).
    static func significant(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        guard value != 0 else { return "0" }
        let exponent = Int((log10(abs(value))).rounded(.down))
        return String(format: "%.\(max(0, digits - 1 - exponent))f", value)
    }

    /// A fixed-notation number without trailing zeros after the point: `1.500` → `1.5`.
    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = text
        while result.last == "0" { result.removeLast() }
        if result.last == "." { result.removeLast() }
        return result
    }

    // MARK: JSON

    /// The JSON report; fixed key order, numbers in shortest round-trip form, so equal inputs
    /// give equal bytes.
    ///
    /// ```text
    /// schema_version     1
    /// source             { kind: "lifetimes" | "trace", files: [paths as resolved],
    ///                      trace_format, tick_seconds, values  (traces only) }
    /// pool               the --pool-name, or null
    /// samples, events, censored    counts of lifetimes (events = observed reclamations)
    /// best               the model with the lowest AIC
    /// models             in ascending AIC: { model, parameters: [{ name, value, standard_error }],
    ///                    covariance (k × k, natural parameters), log_likelihood, aic, delta_aic,
    ///                    ks_statistic, mean_seconds, iterations }
    ///                    parameters: exponential [mean], weibull [scale, shape],
    ///                    lognormal [mu, sigma]; mean and scale in seconds, mu in ln(seconds)
    /// not_fitted         [{ model, reason }] for models without an acceptable maximum
    /// scenario_lifetime  the best model as a scenario `lifetime:` mapping (durations in hours)
    /// ```
    func json() -> String {
        var sourceFields: [(String, JSON)] = [("kind", .string(source.kind)), ("files", .array(source.files.map(JSON.string)))]
        if let format = source.traceFormat { sourceFields.append(("trace_format", .string(format))) }
        if let tick = source.tickSeconds { sourceFields.append(("tick_seconds", .number(tick))) }
        if let values = source.values { sourceFields.append(("values", .string(values))) }
        let models: [JSON] = ranking.fits.map { fit in
            .object([
                ("model", .string(fit.model.rawValue)),
                ("parameters", .array(fit.parameters.map { parameter in
                    .object([
                        ("name", .string(parameter.name)), ("value", .number(parameter.value)),
                        ("standard_error", .number(parameter.standardError)),
                    ])
                })),
                ("covariance", .array(fit.covariance.map { .array($0.map(JSON.number)) })),
                ("log_likelihood", .number(fit.logLikelihood)),
                ("aic", .number(fit.aic)),
                ("delta_aic", .number(ranking.deltaAIC(fit))),
                ("ks_statistic", .number(fit.ksStatistic)),
                ("mean_seconds", .number(fit.distribution.mean)),
                ("iterations", .integer(fit.iterations)),
            ])
        }
        let document = JSON.object([
            ("schema_version", .integer(1)),
            ("source", .object(sourceFields)),
            ("pool", poolName.map(JSON.string) ?? .null),
            ("samples", .integer(ranking.sampleCount)),
            ("events", .integer(ranking.eventCount)),
            ("censored", .integer(ranking.censoredCount)),
            ("best", .string(ranking.best.model.rawValue)),
            ("models", .array(models)),
            ("not_fitted", .array(notFitted.map { .object([("model", .string($0.model.rawValue)), ("reason", .string($0.reason))]) })),
            ("scenario_lifetime", .string(Self.scenarioLifetime(ranking.best.distribution))),
        ])
        return document.rendered(indent: 0) + "\n"
    }
}

/// A JSON value with ordered keys, rendered with two-space indentation.
indirect enum JSON {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    case number(Double)
    case integer(Int)
    case null

    func rendered(indent: Int) -> String {
        let inner = String(repeating: "  ", count: indent + 1)
        let outer = String(repeating: "  ", count: indent)
        switch self {
        case .object(let fields):
            guard !fields.isEmpty else { return "{}" }
            return "{\n" + fields.map { "\(inner)\(Self.quoted($0.0)): \($0.1.rendered(indent: indent + 1))" }.joined(separator: ",\n") + "\n\(outer)}"
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            if items.allSatisfy({ if case .number = $0 { true } else { false } }) {
                return "[" + items.map { $0.rendered(indent: 0) }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { inner + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n\(outer)]"
        case .string(let text):
            return Self.quoted(text)
        case .number(let value):
            return JSONWriter.number(value)
        case .integer(let value):
            return String(value)
        case .null:
            return "null"
        }
    }

    static func quoted(_ string: String) -> String { JSONWriter.quoted(string) }
}
