/// The JSON formats: SkyPilot `spot-traces` and skynomad `full.json`.
///
/// ```json
/// {"metadata": {"gap_seconds": 195}, "data": [1, 1, 0, 1], "prices": [0.918, 0.918, 0.918, 0.918]}
/// ```
///
/// - `data` (required): one value per tick, a whole number ≥ 0 (literal counts for
///   spot-traces, 0/1 for skynomad and for `values: preempted`).
/// - `metadata` (optional): an object; its `gap_seconds`, when present, must equal the declared
///   tick; every other key (skynomad's `price_info`, `gap_filled`, …) is skipped.
/// - `prices` (optional): USD per node-hour per tick, numbers ≥ 0, exactly as many as `data`.
///   Without it ``Trace/prices`` is nil.
/// - Any other top-level key is skipped; `metadata`, `data` and `prices` may appear once each,
///   in any order.
extension TraceReader {
    static let jsonExpected = "a JSON object like {\"metadata\": {\"gap_seconds\": 600}, \"data\": [1, 1, 0]}"
    static let metadataExpected = "an object like {\"gap_seconds\": 600}"
    static let dataExpected = "a list of one value per tick like [1, 1, 0]"
    static let priceListExpected = "a list of one price per node-hour per tick like [0.918, 0.918]"
    static let priceExpected = "a price per node-hour from 0 to 1000000 like 0.918"

    /// Reads a `spot-traces` or `skynomad` file.
    ///
    /// - Complexity: O(file size).
    static func readJSONTrace(_ input: Input, convention: Convention, tick: Double) throws(ScenarioError) -> Trace {
        guard !input.isBlank else { throw input.error(at: input.start, "", expected: jsonExpected, found: "an empty file") }
        var scanner = JSONScanner(input)
        try scanner.beginObject("", expected: jsonExpected)
        let objectOffset = scanner.index - 1
        var counts: [Int]?
        var dataOffset = objectOffset
        var prices: [Double]?
        var pricesOffset = objectOffset
        var seen: Set<String> = []
        var first = true
        while let member = try scanner.nextKey(first: &first, "") {
            let key = member.key
            if ["metadata", "data", "prices"].contains(key), !seen.insert(key).inserted {
                throw input.error(at: member.offset, ".\(key)", expected: "each key once", found: "a second '\(key)' key")
            }
            switch key {
            case "metadata":
                try readMetadata(&scanner, tick: tick)
            case "data":
                dataOffset = scanner.index
                counts = try readCounts(&scanner, convention: convention)
            case "prices":
                pricesOffset = scanner.index
                prices = try readPrices(&scanner)
            default:
                try scanner.skipValue(".\(key)")
            }
        }
        try scanner.expectEnd()
        guard let counts else {
            throw input.error(at: objectOffset, ".data", expected: dataExpected, found: "nothing (key is missing)")
        }
        guard !counts.isEmpty else {
            throw input.error(at: dataOffset, ".data", expected: "at least one tick", found: "an empty list")
        }
        if let prices, prices.count != counts.count {
            throw input.error(
                at: pricesOffset, ".prices", expected: "one price per tick, \(counts.count) as data has",
                found: "\(prices.count) prices"
            )
        }
        return Trace(tick: tick, counts: counts, isBinary: convention.requiresBinary, prices: prices, source: input.path)
    }

    /// Reads the `metadata` object; checks `gap_seconds` against `tick` and skips the rest.
    static func readMetadata(_ scanner: inout JSONScanner, tick: Double) throws(ScenarioError) {
        try scanner.beginObject(".metadata", expected: metadataExpected)
        var first = true
        while let member = try scanner.nextKey(first: &first, ".metadata") {
            let key = member.key
            guard key == "gap_seconds" else {
                try scanner.skipValue(".metadata.\(key)")
                continue
            }
            let offset = scanner.index
            guard let range = scanner.readNumber() else {
                throw scanner.error(".metadata.gap_seconds", expected: "a number of seconds like 600")
            }
            let gap = scanner.double(range)
            guard abs(gap - tick) <= 1e-9 * Swift.max(abs(gap), abs(tick)) else {
                throw scanner.input.error(
                    at: offset, ".metadata.gap_seconds",
                    expected: "the scenario's tick of \(Units.formatDecimal(tick)) seconds",
                    found: "gap_seconds \(scanner.input.text(range))"
                )
            }
        }
    }

    /// Reads the `data` list into counts of available instances.
    ///
    /// - Complexity: O(length of the list).
    static func readCounts(_ scanner: inout JSONScanner, convention: Convention) throws(ScenarioError) -> [Int] {
        try scanner.beginList(".data", expected: dataExpected)
        let expected = convention.requiresBinary
            ? convention.binaryExpected
            : "a count of available instances, \(countRange)"
        var counts: [Int] = []
        var first = true
        while try scanner.nextElement(first: &first, ".data") {
            let offset = scanner.index
            guard counts.count < maximumTickCount else {
                throw scanner.error(".data[\(counts.count)]", expected: "at most \(maximumTickCount) ticks")
            }
            guard let range = scanner.readNumber() else {
                throw scanner.error(".data[\(counts.count)]", expected: expected)
            }
            guard let value = scanner.wholeNumber(range, maximum: maximumCount), let count = convention.count(value) else {
                throw scanner.error(".data[\(counts.count)]", expected: expected, at: offset)
            }
            counts.append(count)
        }
        return counts
    }

    /// Reads the `prices` list.
    ///
    /// - Complexity: O(length of the list).
    static func readPrices(_ scanner: inout JSONScanner) throws(ScenarioError) -> [Double] {
        try scanner.beginList(".prices", expected: priceListExpected)
        var prices: [Double] = []
        var first = true
        while try scanner.nextElement(first: &first, ".prices") {
            let offset = scanner.index
            guard prices.count < maximumTickCount else {
                throw scanner.error(".prices[\(prices.count)]", expected: "at most \(maximumTickCount) prices")
            }
            guard let range = scanner.readNumber() else {
                throw scanner.error(".prices[\(prices.count)]", expected: priceExpected)
            }
            let price = scanner.double(range)
            guard price.isFinite, price >= 0, price <= ScenarioDecoder.maximumPricePerHour else {
                throw scanner.error(".prices[\(prices.count)]", expected: priceExpected, at: offset)
            }
            prices.append(price)
        }
        return prices
    }
}
