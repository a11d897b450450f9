import Foundation

/// The `storage:` mapping: the bucket checkpoints live in, and what moving them costs.
///
/// ```yaml
/// storage:
///   bucket: { provider: aws, region: us-east-1, price: 0.023/GB-month }   # price optional
///   egress: { inter_region: 0.02/GB, internet: { aws: 0.09/GB, gcp: 0.12/GB } }   # optional
///   bandwidth: { inter_region: 10Gbit/s, inter_cloud: 5Gbit/s }                    # optional
/// ```
///
/// Without `storage:` the scenario's ``StoragePlan`` is ``StoragePlan/noStorage``. With it, every
/// job's checkpoint needs a `size` (checked when the jobs are read, after `storage`).
extension ScenarioDecoder {
    static let storageKeys = ["bucket", "egress", "bandwidth"]
    static let bucketKeys = ["name", "provider", "region", "price"]
    static let egressKeys = ["same_region", "inter_region", "internet"]
    static let bandwidthKeys = ["inter_region", "inter_cloud"]

    static let storageExpected = "a mapping with bucket, and optionally egress and bandwidth"
    static let bucketExpected = "a mapping with provider and region, and optionally name and price"
    static let egressExpected = "a mapping with same_region, inter_region or internet"
    static let bandwidthExpected = "a mapping with inter_region or inter_cloud"
    static let internetExpected = "a price per GB like 0.09/GB, or a mapping from provider to price like { aws: 0.09/GB }"

    /// Decodes `storage:`; keys in the order `bucket`, `egress`, `bandwidth`.
    static func decodeStorage(_ field: YAMLField) throws(ScenarioError) -> StoragePlan {
        let storage = try field.mapping(expected: storageExpected, allowed: storageKeys)
        let bucket = try decodeBucket(try storage.required("bucket", expected: bucketExpected))
        var rates = TransferRates.default
        if let egressField = storage.optional("egress") {
            let egress = try egressField.mapping(expected: egressExpected, allowed: egressKeys)
            if let value = try egress.optional("same_region", .pricePerGB) { rates.sameRegionPerGB = value }
            if let value = try egress.optional("inter_region", .pricePerGB) { rates.interRegionPerGB = value }
            if let internetField = egress.optional("internet") {
                rates.internetPerGB = try decodeInternetEgress(internetField, defaults: rates.internetPerGB)
            }
        }
        if let bandwidthField = storage.optional("bandwidth") {
            let bandwidth = try bandwidthField.mapping(expected: bandwidthExpected, allowed: bandwidthKeys)
            if let value = try bandwidth.optional("inter_region", .dataRate) { rates.interRegionBandwidth = value }
            if let value = try bandwidth.optional("inter_cloud", .dataRate) { rates.interCloudBandwidth = value }
        }
        return StoragePlan(bucket: bucket, rates: rates)
    }

    /// `bucket:` — `provider` and `region` required; `name` (default `checkpoints`) and
    /// `price` (default: the provider's list price) optional.
    static func decodeBucket(_ field: YAMLField) throws(ScenarioError) -> Bucket {
        let bucket = try field.mapping(expected: bucketExpected, allowed: bucketKeys)
        let name = try bucket.optional("name", .text("a bucket name")) ?? Bucket.defaultName
        let providerName = try bucket.required("provider", .oneOf(Provider.allCases.map(\.rawValue)))
        let provider = Provider(rawValue: providerName)!
        let region = try bucket.required("region", .text("a region like us-east-1"))
        let price = try bucket.optional("price", .pricePerGBMonth)
        return Bucket(name: name, provider: provider, region: region, pricePerGBMonth: price)
    }

    /// `internet:` — one price for every source provider, or a mapping provider → price (the
    /// providers not named keep `defaults`).
    static func decodeInternetEgress(_ field: YAMLField, defaults: [Provider: Double]) throws(ScenarioError) -> [Provider: Double] {
        if field.isScalar {
            let price = try field.read(ValueReader<Double>.scalar(internetExpected, parseFinitePricePerGB))
            return Dictionary(uniqueKeysWithValues: Provider.allCases.map { ($0, price) })
        }
        guard field.isMapping else { throw field.error(expected: internetExpected) }
        let table = try field.mapping(expected: internetExpected, allowed: Provider.allCases.map(\.rawValue))
        var rates = defaults
        for provider in Provider.allCases {
            if let price = try table.optional(provider.rawValue, .pricePerGB) { rates[provider] = price }
        }
        return rates
    }
}

extension ValueReader where Value == Double {
    /// A price ≥ 0 in USD per GB moved: `0.09/GB` → 0.09.
    static var pricePerGB: ValueReader<Double> {
        .scalar("a price per GB like 0.02/GB", parseFinitePricePerGB)
    }

    /// A price ≥ 0 in USD per GB-month stored: `0.023/GB-month` → 0.023.
    static var pricePerGBMonth: ValueReader<Double> {
        .scalar("a price per GB-month like 0.023/GB-month") { Units.parsePricePerGBMonth($0).flatMap(finite) }
    }

    /// A data rate > 0 in bytes per second: `10Gbit/s` → 1.25e9, `2GB/s` → 2e9.
    static var dataRate: ValueReader<Double> {
        .scalar("a bandwidth greater than 0 like 10Gbit/s or 1.25GB/s") { text in
            Units.parseDataRate(text).flatMap(finite).flatMap { $0 > 0 ? $0 : nil }
        }
    }
}

/// `Units.parsePricePerGB`, finite results only.
func parseFinitePricePerGB(_ text: String) -> Double? {
    Units.parsePricePerGB(text).flatMap(finite)
}

/// The storage units: prices per GB moved (`/GB`) and per GB-month stored (`/GB-month`), and
/// bit rates (`Gbit/s`).
///
/// ```swift
/// Units.parsePricePerGB("0.09/GB")             // 0.09
/// Units.parsePricePerGBMonth("0.023/GB-month") // 0.023
/// Units.parseBitRate("10Gbit/s")               // 1.25e9 bytes/s
/// Units.parseDataRate("1.25GB/s")              // 1.25e9 bytes/s
/// ```
extension Units {
    /// Bits per second per bit-rate unit (decimal: 1 Gbit = 10⁹ bits).
    public static let bitRateUnits: [(suffix: String, bitsPerSecond: Double)] = [
        ("Tbit/s", 1e12), ("Gbit/s", 1e9), ("Mbit/s", 1e6), ("kbit/s", 1e3),
    ]

    /// Parses `"<number>/GB"`; returns USD per GB (10⁹ bytes).
    public static func parsePricePerGB(_ text: String) -> Double? {
        number(text, suffix: "/GB")
    }

    /// Parses `"<number>/GB-month"`; returns USD per GB-month.
    public static func parsePricePerGBMonth(_ text: String) -> Double? {
        number(text, suffix: "/GB-month")
    }

    /// Parses `"<number><Tbit|Gbit|Mbit|kbit>/s"`; returns bytes per second (8 bits a byte).
    public static func parseBitRate(_ text: String) -> Double? {
        for (suffix, scale) in bitRateUnits {
            if let value = number(text, suffix: suffix) { return value * scale / 8 }
        }
        return nil
    }

    /// A bit rate (`10Gbit/s`) or a byte rate (`1.25GB/s`, see ``parseBandwidth(_:)``), in
    /// bytes per second.
    public static func parseDataRate(_ text: String) -> Double? {
        parseBitRate(text) ?? parseBandwidth(text)
    }
}
