/// The scalar readers the scenario format uses, each with the words its errors show.
///
/// ```swift
/// try pool.required("on_demand_price", .positivePrice)   // "3.06/h" → 3.06
/// try job.optional("restart", .duration) ?? 0            // "6m" → 360
/// ```
extension ValueReader where Value == String {
    /// Any non-empty scalar, as text: `expected <what>`.
    static func text(_ what: String) -> ValueReader<String> {
        .scalar(what) { $0 }
    }

    /// One of `choices` (exact spelling): `expected one of aws, gcp, azure`.
    /// A close spelling is named: `found 'exponental' (did you mean 'exponential'?)`.
    static func oneOf(_ choices: [String]) -> ValueReader<String> {
        .scalar("one of \(choices.joined(separator: ", "))", hint: { EditDistance.suggestion(for: $0, among: choices) }) {
            choices.contains($0) ? $0 : nil
        }
    }
}

extension ValueReader where Value == Double {
    /// A duration ≥ 0 in seconds: `30m` → 1800.
    /// A misspelt unit is named: `found '30 min' (did you mean '30m'?)`.
    static var duration: ValueReader<Double> {
        .scalar("a duration like 30m, 2h or 45s", hint: Units.durationHint) { parseFiniteDuration($0) }
    }

    /// A duration > 0 in seconds.
    static var positiveDuration: ValueReader<Double> {
        .scalar("a duration greater than 0 like 30m, 2h or 45s", hint: Units.durationHint) { text in
            parseFiniteDuration(text).flatMap { $0 > 0 ? $0 : nil }
        }
    }

    /// A duration from `minimum` to `maximum` seconds (both written in the message).
    static func duration(from minimum: Double, to maximum: Double, like example: String) -> ValueReader<Double> {
        let range = "from \(Units.formatDuration(minimum)) to \(Units.formatDuration(maximum))"
        return .scalar("a duration \(range) like \(example)", hint: Units.durationHint) { text in
            parseFiniteDuration(text).flatMap { (minimum...maximum).contains($0) ? $0 : nil }
        }
    }

    /// A duration of at least `minimum` seconds.
    static func duration(atLeast minimum: Double, like example: String) -> ValueReader<Double> {
        .scalar("a duration of at least \(Units.formatDuration(minimum)) like \(example)", hint: Units.durationHint) { text in
            parseFiniteDuration(text).flatMap { $0 >= minimum ? $0 : nil }
        }
    }

    /// A price > 0 in USD per node-hour: `3.06/h` → 3.06; at most
    /// ``ScenarioDecoder/maximumPricePerHour``.
    static var positivePrice: ValueReader<Double> {
        .scalar("a price per node-hour greater than 0 like 3.06/h", { text in
            Units.parsePricePerHour(text).flatMap { $0 > 0 ? $0 : nil }
        }, limit: ScenarioDecoder.priceLimit)
    }

    /// A price ≥ 0 in USD per node-hour, at most ``ScenarioDecoder/maximumPricePerHour``.
    static var price: ValueReader<Double> {
        .scalar("a price per node-hour like 0.97/h", Units.parsePricePerHour, limit: ScenarioDecoder.priceLimit)
    }

    /// A size > 0 in bytes: `80GB` → 8e10.
    static var positiveSize: ValueReader<Double> {
        .scalar("a size greater than 0 like 80GB") { text in
            parseFiniteBytes(text).flatMap { $0 > 0 ? $0 : nil }
        }
    }

    /// A plain number > 0 (no unit), e.g. a shape parameter.
    static var positiveNumber: ValueReader<Double> {
        .scalar("a number greater than 0") { text in
            Units.parseNumber(text).flatMap { $0 > 0 ? $0 : nil }
        }
    }

}

extension ValueReader where Value == Int {
    /// A decimal integer in `range` (`_` separators allowed: `20_000`).
    static func integer(_ range: ClosedRange<Int>) -> ValueReader<Int> {
        let expected = range.upperBound == Int.max
            ? "an integer of at least \(range.lowerBound)"
            : "an integer from \(range.lowerBound) to \(range.upperBound)"
        return .scalar(expected) { text in
            Units.parseInteger(text).flatMap { range.contains($0) ? $0 : nil }
        }
    }

}

extension ValueReader where Value == UInt64 {
    /// A seed: a decimal integer from 0 to `UInt64.max`.
    static var seed: ValueReader<UInt64> {
        .scalar("an integer from 0 to \(UInt64.max)", Units.parseUnsignedInteger)
    }
}

/// `value` when finite (`1e305d` overflows to infinity once converted to seconds), else `nil`.
func finite(_ value: Double) -> Double? {
    value.isFinite ? value : nil
}

/// `Units.parseDuration`, finite results only.
func parseFiniteDuration(_ text: String) -> Double? {
    Units.parseDuration(text).flatMap(finite)
}

/// `Units.parseBytes`, finite results only.
func parseFiniteBytes(_ text: String) -> Double? {
    Units.parseBytes(text).flatMap(finite)
}

/// `Units.parseBandwidth`, finite results only.
func parseFiniteBandwidth(_ text: String) -> Double? {
    Units.parseBandwidth(text).flatMap(finite)
}

extension ScenarioDecoder {
    /// The highest price per node-hour a scenario may give (USD): costs stay finite however
    /// long a run is.
    public static let maximumPricePerHour = 1_000_000.0

    /// What to expect instead of a price per node-hour above ``maximumPricePerHour``.
    static func priceLimit(_ price: Double) -> String? {
        price > maximumPricePerHour
            ? "a price per node-hour of at most \(Units.formatDecimal(maximumPricePerHour))/h" : nil
    }

    /// Decodes every item of a list in order, refusing an item whose `key` an earlier item had.
    ///
    /// ```swift
    /// let pools = try decodeDistinct(items, decode: decodePool, key: \.name) { item, pool, earlier throws(ScenarioError) in
    ///     try nameField(of: item).error(expected: "a unique pool name", found: "… pools[\(earlier)]")
    /// }
    /// ```
    ///
    /// - Parameter duplicate: the error for `item` (decoded as the value given), whose key first
    ///   appeared at index `earlier`.
    /// - Complexity: O(n) expected, for n items.
    static func decodeDistinct<Item, Key: Hashable>(
        _ items: [YAMLField],
        decode: (YAMLField) throws(ScenarioError) -> Item,
        key: (Item) -> Key,
        duplicate: (_ item: YAMLField, _ value: Item, _ earlier: Int) throws(ScenarioError) -> ScenarioError
    ) throws(ScenarioError) -> [Item] {
        var decoded: [Item] = []
        var firstIndex: [Key: Int] = [:]
        for item in items {
            let value = try decode(item)
            if let earlier = firstIndex[key(value)] {
                throw try duplicate(item, value, earlier)
            }
            firstIndex[key(value)] = decoded.count
            decoded.append(value)
        }
        return decoded
    }
}
