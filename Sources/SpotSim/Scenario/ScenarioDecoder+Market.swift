import Foundation
import Stochastics

/// The market keys of a pool: `spot.price` as a process, `availability` and `launch_failure`.
///
/// ```yaml
/// spot:
///   price: 0.97/h                                        # constant
///   price: { process: series, file: prices.csv }         # a trace: CSV time,price
///   price: { process: log-ou, mean: 0.97/h, volatility: 0.3, reversion: 6h, step: 5m }
/// availability: { up: { distribution: exponential, mean: 8h }, down: { distribution: exponential, mean: 2h },
///                 reclaim: all, starts: stationary }
/// launch_failure: 0.1
/// ```
///
/// A series' CSV file is found relative to the scenario file's directory: the directory of
/// the `file` name given to ``decode(yaml:file:)`` (so ``decode(contentsOf:)`` finds it next
/// to the scenario), or the `directory` given to ``decode(yaml:file:directory:)``.
extension ScenarioDecoder {
    /// Decodes the scenario in `yaml` as ``decode(yaml:file:)`` does, but resolves relative
    /// paths inside it (a price series' `file`) against `directory` instead of the directory
    /// of `file`.
    ///
    /// ```swift
    /// let scenario = try ScenarioDecoder.decode(yaml: text, file: "market.yaml", directory: "/data/scenarios")
    /// ```
    public static func decode(yaml: String, file: String, directory: String) throws(ScenarioError) -> Scenario {
        do {
            return try MarketFiles.$directory.withValue(directory) {
                try decode(yaml: yaml, file: file)
            }
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(file: file, line: 1, column: 1, field: "(file)", expected: "a scenario", found: "\(error)")
        }
    }

    // MARK: - Spot price

    static let priceProcessKeys: [(name: String, keys: [String])] = [
        ("series", ["file"]),
        ("log-ou", ["mean", "volatility", "reversion", "step"]),
    ]
    static let spotPriceExpected =
        "a price per node-hour like 0.97/h, trace (the availability trace's prices), or a process like { process: log-ou, mean: 0.97/h, volatility: 0.3, reversion: 6h, step: 5m }"
    /// The largest stationary standard deviation of a log-OU log-price: prices stay within a
    /// factor of about e^±30 of the mean.
    public static let maximumLogPriceDeviation = 3.0
    /// The shortest log-OU step: a finer grid costs memory and time for no realism.
    public static let minimumPriceStep = 1.0

    /// `spot.price`: a constant price, or a `{ process: … }` mapping.
    static func decodeSpotPrice(_ field: YAMLField) throws(ScenarioError) -> PriceProcess {
        if field.isScalar, case .scalar(let scalar) = field.node, scalar.string == "trace" {
            return .traced(prices: [], tick: 0)  // filled from the availability trace by decodePool
        }
        if field.isScalar { return .constant(try field.read(.price)) }
        guard field.isMapping else { throw field.error(expected: spotPriceExpected) }
        let mapping = try field.mapping(expected: spotPriceExpected, allowed: nil)
        let name = try mapping.required("process", .oneOf(priceProcessKeys.map(\.name)))
        let keys = priceProcessKeys.first { $0.name == name }!.keys
        try mapping.rejectUnknownKeys(allowed: ["process"] + keys)
        switch name {
        case "series":
            let fileField = try mapping.required("file", expected: "a CSV file name like prices.csv")
            return .series(try readPriceSeries(fileField))
        default:  // log-ou
            let mean = try mapping.required("mean", .positivePrice)
            let volatility = try mapping.required("volatility", .nonNegativeNumber(
                "a number of at least 0 like 0.3 (the log-price's volatility per √hour)"
            ))
            let reversion = try mapping.required("reversion", .positiveDuration)
            // The log-price's stationary standard deviation, σ·√(τ/2) with σ per √hour and τ
            // in hours, is bounded so that prices (and costs) stay finite numbers.
            let largest = maximumLogPriceDeviation / (reversion / 3600 / 2).squareRoot()
            guard volatility <= largest else {
                throw try mapping.required("volatility", expected: "").error(
                    expected: "a volatility of at most \(String(format: "%.3g", largest)) with reversion \(Units.formatDuration(reversion)) "
                        + "(the log-price's stationary standard deviation, volatility × √(reversion in hours / 2), at most \(Units.formatDecimal(maximumLogPriceDeviation)))"
                )
            }
            let step = try mapping.required("step", .scalar("a duration of at least 1s like 5m") { text in
                parseFiniteDuration(text).flatMap { $0 >= minimumPriceStep ? $0 : nil }
            })
            return .logOrnsteinUhlenbeck(mean: mean, volatilityPerSqrtHour: volatility, reversionTime: reversion, step: step)
        }
    }

    // MARK: - Price series files

    static let csvFileExpected = "a readable CSV file with a time,price header"
    static let csvTimeExpected = "a time like 0s, 6h or 21600 (seconds)"
    static let csvPriceExpected = "a price per node-hour from 0 to 1000000 like 0.97 or 0.97/h"

    /// The directory relative paths in a scenario decoded as `file` are resolved against.
    static func scenarioDirectory(of file: String) -> String {
        if let directory = MarketFiles.directory { return directory }
        return (file as NSString).deletingLastPathComponent
    }

    /// Reads the series CSV named by `field` (relative to the scenario's directory).
    ///
    /// Problems with the file itself are reported at `field`; problems inside it at the CSV's
    /// own line and column, with the CSV's path as the file and `<field>.time`,
    /// `<field>.price` or `<field>` as the field.
    static func readPriceSeries(_ field: YAMLField) throws(ScenarioError) -> [(time: Double, price: Double)] {
        let name = try field.text(expected: "a CSV file name like prices.csv")
        let directory = scenarioDirectory(of: field.file)
        let path = name.hasPrefix("/") || directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
        func fileError(_ problem: String) -> ScenarioError {
            field.error(expected: csvFileExpected, found: "\(YAMLField.quote(name)), \(problem)")
        }
        let text: String
        switch InputFile.readText(path, maximumBytes: maximumFileSize) {
        case .success(let contents): text = contents
        case .failure(let problem):
            throw fileError(problem.reason == "no such file" ? "no such file (looked for \(path))" : problem.reason)
        }
        return try parsePriceSeries(text, file: path, field: field.path)
    }

    /// Parses `time,price` CSV text; `file` and `field` name errors.
    static func parsePriceSeries(_ text: String, file: String, field: String) throws(ScenarioError) -> [(time: Double, price: Double)] {
        func error(_ line: Int, _ column: Int, _ subfield: String?, _ expected: String, _ found: String) -> ScenarioError {
            ScenarioError(
                file: file, line: line, column: column, field: subfield.map { "\(field).\($0)" } ?? field,
                expected: expected, found: found
            )
        }
        var points: [(time: Double, price: Double)] = []
        var sawHeader = false
        var headerLine = 1
        var previousLine = 0
        var lineNumber = 0
        // Split on scalars: as Characters, "\r\n" is one grapheme and would not split on "\n".
        for rawLine in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line.removeLast() }
            if lineNumber == 1, line.first == "\u{FEFF}" { line.removeFirst() }
            let cells = InputFile.csvCells(line)
            if cells.count == 1, cells[0].text.isEmpty { continue }  // a blank line
            if !sawHeader {
                let header = cells.map(\.text)
                guard header == ["time", "price"] else {
                    throw error(lineNumber, 1, nil, "a header line time,price", YAMLField.quote(String(String.UnicodeScalarView(line))))
                }
                sawHeader = true
                headerLine = lineNumber
                continue
            }
            guard cells.count == 2 else {
                if cells.count < 2 {
                    throw error(lineNumber, line.count + 1, "price", csvPriceExpected, "nothing (the row has one value)")
                }
                throw error(lineNumber, cells[2].column, nil, "rows of two values, time,price", "a third value \(YAMLField.quote(cells[2].text))")
            }
            let (timeCell, priceCell) = (cells[0], cells[1])
            guard let time = parseSeriesTime(timeCell.text) else {
                throw error(lineNumber, timeCell.column, "time", csvTimeExpected, describeCell(timeCell.text))
            }
            if let last = points.last {
                guard time > last.time else {
                    throw error(
                        lineNumber, timeCell.column, "time",
                        "a time after the previous row's (\(Units.formatDuration(last.time)) at line \(previousLine))",
                        describeCell(timeCell.text)
                    )
                }
            } else if time != 0 {
                throw error(lineNumber, timeCell.column, "time", "a first time of 0s (the series starts with the replication)", describeCell(timeCell.text))
            }
            guard let price = parseSeriesPrice(priceCell.text) else {
                throw error(lineNumber, priceCell.column, "price", csvPriceExpected, describeCell(priceCell.text))
            }
            points.append((time, price))
            previousLine = lineNumber
        }
        guard sawHeader else { throw error(1, 1, nil, "a header line time,price", "an empty file") }
        guard !points.isEmpty else {
            throw error(headerLine, 1, nil, "at least one row after the header, starting at time 0s", "no rows")
        }
        return points
    }


    /// A cell as `found` shows it.
    private static func describeCell(_ text: String) -> String {
        text.isEmpty ? "an empty value" : YAMLField.quote(text)
    }

    /// A duration (`6h`) or plain seconds (`21600`), finite and ≥ 0.
    static func parseSeriesTime(_ text: String) -> Double? {
        if let seconds = parseFiniteDuration(text) { return seconds }
        return Units.parseNumber(text).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// `0.97/h` or `0.97`, finite and ≥ 0.
    static func parseSeriesPrice(_ text: String) -> Double? {
        let price = Units.parsePricePerHour(text) ?? Units.parseNumber(text).flatMap { $0 >= 0 ? $0 : nil }
        return price.flatMap { $0 <= maximumPricePerHour ? $0 : nil }
    }

    // MARK: - Availability

    static let availabilityKeys = ["up", "down", "reclaim", "starts"]
    static let availabilityExpected =
        "always, a trace mapping like { trace: zone.json, format: spot-traces, tick: 195s }, or a mapping like { up: { distribution: exponential, mean: 8h }, down: { distribution: exponential, mean: 2h } }"
    static let periodExpected = "a distribution like { distribution: exponential, mean: 8h }"

    /// `availability:` `always`, or an alternating up/down mapping.
    static func decodeAvailability(_ field: YAMLField) throws(ScenarioError) -> Availability {
        if isTraceAvailability(field) { return .trace(try decodeTraceAvailability(field)) }
        if field.isScalar {
            guard case .scalar(let scalar) = field.node, scalar.string == "always" else {
                throw field.error(expected: availabilityExpected)
            }
            return .always
        }
        let mapping = try field.mapping(expected: availabilityExpected, allowed: availabilityKeys)
        let up = try decodePeriod(mapping.required("up", expected: periodExpected))
        let down = try decodePeriod(mapping.required("down", expected: periodExpected))
        let reclaim = try mapping.optional("reclaim", .scalar("all, or a probability from 0 to 1 like 0.5") { text in
            text == "all" ? 1 : Units.parseNumber(text).flatMap { (0...1).contains($0) ? $0 : nil }
        }) ?? 1
        let starts = try mapping.optional("starts", .oneOf(AvailabilityStart.allCases.map(\.rawValue)))
            .flatMap(AvailabilityStart.init(rawValue:)) ?? .stationary
        return .alternating(up: up, down: down, start: starts, reclaimProbability: reclaim)
    }

    /// An up or down period's distribution, with a finite mean > 0.
    static func decodePeriod(_ field: YAMLField) throws(ScenarioError) -> Distribution {
        guard field.isMapping else { throw field.error(expected: periodExpected) }
        let distribution = try decodeDistribution(field)
        guard distribution.mean >= minimumMeanPeriod, distribution.mean.isFinite else {
            throw field.error(
                expected: "a distribution with a mean of at least 1s",
                found: "a mean of \(Units.formatDuration(distribution.mean))"
            )
        }
        return distribution
    }

    /// `launch_failure:` a probability in [0, 1).
    static var launchFailure: ValueReader<Double> {
        .scalar("a probability from 0 to less than 1 like 0.1") { text in
            Units.parseNumber(text).flatMap { $0 >= 0 && $0 < 1 ? $0 : nil }
        }
    }
}

extension ValueReader where Value == Double {
    /// A plain number ≥ 0 (no unit): `expected <expected>`.
    static func nonNegativeNumber(_ expected: String) -> ValueReader<Double> {
        .scalar(expected) { text in Units.parseNumber(text).flatMap { $0 >= 0 ? $0 : nil } }
    }
}

/// Where relative paths inside a scenario are resolved while it is decoded.
enum MarketFiles {
    /// Set by `ScenarioDecoder.decode(yaml:file:directory:)`; `nil`: the scenario file's directory.
    @TaskLocal static var directory: String?
    /// Set by `ScenarioDecoder.decode(contentsOf:dataDirectory:)`: where trace paths are
    /// resolved; `nil`: the `SPOTSIM_DATA` environment variable.
    @TaskLocal static var dataDirectory: String?
}
