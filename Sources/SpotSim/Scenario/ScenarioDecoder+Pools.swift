import Stochastics

/// The `pools:` list: where nodes come from, at what price, and how long spot nodes live.
///
/// ```yaml
/// pools:
///   - name: spot-a
///     provider: aws
///     region: us-east-1
///     instance: p3.2xlarge
///     gpu: V100
///     on_demand_price: 3.06/h
///     spot: { price: 0.97/h, lifetime: { distribution: exponential, mean: 2h } }
///     availability: { up: { distribution: exponential, mean: 8h }, down: { distribution: exponential, mean: 2h } }
///     launch_failure: 0.1
/// ```
///
/// The spot price process, `availability` and `launch_failure` are decoded in
/// `ScenarioDecoder+Market.swift`.
extension ScenarioDecoder {
    static let poolKeys = [
        "name", "provider", "region", "instance", "gpu", "gpus_per_node", "on_demand_price",
        "spot", "availability", "launch_failure", "provisioning", "billing",
    ]
    static let spotKeys = ["price", "lifetime", "notice", "max_lifetime", "availability"]
    static let billingKeys = ["granularity", "minimum", "rounding", "free_if_interrupted_within"]
    /// The most GPUs a node may have.
    public static let maximumGPUsPerNode = 1024

    /// `names` joined by commas, the first ten only (then `…`): error messages stay one line.
    static func shortList(_ names: [String]) -> String {
        names.count <= 10 ? names.joined(separator: ", ") : names.prefix(10).joined(separator: ", ") + ", …"
    }

    static func decodePools(_ field: YAMLField) throws(ScenarioError) -> [Pool] {
        try decodeDistinct(
            try field.nonEmptyList(expected: "a non-empty list of pools"), decode: decodePool, key: \.name
        ) { item, pool, earlier throws(ScenarioError) in
            try nameField(of: item).error(
                expected: "a unique pool name",
                found: "\(YAMLField.quote(pool.name)), already used by pools[\(earlier)]"
            )
        }
    }

    /// The `name` field of a list item already decoded (so known to be a mapping with a name).
    static func nameField(of item: YAMLField) throws(ScenarioError) -> YAMLField {
        try MappingReader(field: item, allowed: nil).required("name", expected: "a name")
    }

    static func decodePool(_ field: YAMLField) throws(ScenarioError) -> Pool {
        let pool = try field.mapping(expected: "a pool mapping with name, provider, region, instance, gpu and on_demand_price", allowed: poolKeys)
        let name = try pool.required("name", .text("a pool name"))
        let providerName = try pool.required("provider", .oneOf(Provider.allCases.map(\.rawValue)))
        let provider = Provider(rawValue: providerName)!
        let region = try pool.required("region", .text("a region name like us-east-1"))
        let instance = try pool.required("instance", .text("an instance type like p3.2xlarge"))
        let gpu = try pool.required("gpu", .text("a GPU model like V100"))
        let gpusPerNode = try pool.optional("gpus_per_node", .integer(1...maximumGPUsPerNode)) ?? 1
        let onDemandPrice = try pool.required("on_demand_price", .positivePrice)
        var spot: SpotMarket?
        if let spotField = pool.optional("spot") {
            spot = try decodeSpot(spotField, provider: provider)
        }
        let spotAvailabilityField = try pool.optional("spot").flatMap { field throws(ScenarioError) in
            try field.mapping(expected: "", allowed: nil).optional("availability")
        }
        if let availabilityField = pool.optional("availability") {
            guard spot != nil else {
                throw availabilityField.error(expected: "no availability key (the pool has no spot market)")
            }
            if spotAvailabilityField != nil {
                throw availabilityField.error(
                    expected: "availability given once (here or under spot:)", found: "it under spot: too")
            }
            spot?.availability = try decodeAvailability(availabilityField)
        }
        if let spotField = pool.optional("spot") {
            try checkSpotSources(spot, spotField: spotField)
            if case .traced = spot?.priceProcess, case .trace(let replay)? = spot?.availability, let prices = replay.trace.prices {
                spot?.priceProcess = .traced(prices: prices, tick: replay.trace.tick)
            }
        }
        if let launchFailureField = pool.optional("launch_failure") {
            guard spot != nil else {
                throw launchFailureField.error(expected: "no launch_failure key (the pool has no spot market)")
            }
            spot?.launchFailureProbability = try launchFailureField.read(launchFailure)
        }
        var provisioning = Distribution.constant(0)
        if let provisioningField = pool.optional("provisioning") {
            provisioning = try decodeProvisioning(provisioningField)
        }
        var billing = provider.defaultBilling
        if let billingField = pool.optional("billing") {
            billing = try decodeBilling(billingField, default: billing)
        }
        return Pool(
            name: name, provider: provider, region: region, instance: instance, gpu: gpu,
            gpusPerNode: gpusPerNode, onDemandPrice: onDemandPrice, spot: spot,
            provisioning: provisioning, billing: billing
        )
    }

    static func decodeSpot(_ field: YAMLField, provider: Provider) throws(ScenarioError) -> SpotMarket {
        let spot = try field.mapping(expected: "a mapping with price, lifetime and notice", allowed: spotKeys)
        let price = try decodeSpotPrice(spot.required("price", expected: spotPriceExpected))
        var lifetime: Distribution?
        if let lifetimeField = spot.optional("lifetime") {
            guard lifetimeField.isMapping else { throw lifetimeField.error(expected: lifetimeExpected) }
            let distribution = try decodeDistribution(lifetimeField)
            guard distribution.mean >= minimumMeanPeriod else {
                throw lifetimeField.error(
                    expected: "a lifetime distribution with a mean of at least 1s",
                    found: "a mean of \(Units.formatDuration(distribution.mean))"
                )
            }
            lifetime = distribution
        }
        let notice = try spot.optional("notice", .duration) ?? provider.defaultNotice
        let maxLifetime = try spot.optional("max_lifetime", .duration(atLeast: minimumMeanPeriod, like: "24h"))
        var market = SpotMarket(priceProcess: price, lifetime: lifetime, notice: notice, maxLifetime: maxLifetime)
        if let availabilityField = spot.optional("availability") {
            market.availability = try decodeAvailability(availabilityField)
        }
        return market
    }

    /// A spot market needs something that preempts it (a lifetime or an availability other than
    /// `always`), and `price: trace` needs an availability trace that carries prices.
    static func checkSpotSources(_ spot: SpotMarket?, spotField: YAMLField) throws(ScenarioError) {
        guard let spot else { return }
        let mapping = try spotField.mapping(expected: "", allowed: nil)
        if spot.lifetime == nil, case .always = spot.availability {
            throw mapping.missing(
                "lifetime",
                expected: "a lifetime distribution like { distribution: exponential, mean: 2h } (or an availability process or trace)"
            )
        }
        if case .traced = spot.priceProcess {
            let priceField = try mapping.required("price", expected: spotPriceExpected)
            guard case .trace(let replay) = spot.availability else {
                throw priceField.error(expected: "price: trace only with an availability trace", found: "'trace' without one")
            }
            guard replay.trace.prices != nil else {
                throw priceField.error(
                    expected: "a price like 0.97/h (\(replay.trace.source) carries no per-tick prices)", found: "'trace'")
            }
        }
    }

    static let lifetimeExpected = "a distribution like { distribution: exponential, mean: 2h }"
    /// The shortest mean of a spot lifetime or of an up or down period of capacity, and the
    /// shortest `max_lifetime` (seconds): shorter ones would have a run crawl through
    /// preemptions without end.
    public static let minimumMeanPeriod = 1.0
    /// The longest billing granularity, minimum or free period: 30 days.
    public static let maximumBillingPeriod = 30.0 * 86_400

    /// `provisioning:` a duration (a constant delay) or a distribution mapping.
    static func decodeProvisioning(_ field: YAMLField) throws(ScenarioError) -> Distribution {
        if field.isMapping { return try decodeDistribution(field) }
        let expected = "a duration like 90s, or a distribution like { distribution: exponential, mean: 3m }"
        guard field.isScalar else { throw field.error(expected: expected) }
        return .constant(try field.read(ValueReader<Double>.scalar(expected, parseFiniteDuration)))
    }

    /// `billing:` each key defaults to the provider's rule.
    static func decodeBilling(_ field: YAMLField, default rule: BillingRule) throws(ScenarioError) -> BillingRule {
        let billing = try field.mapping(expected: "a mapping with granularity, minimum and rounding", allowed: billingKeys)
        var result = rule
        let period = ValueReader<Double>.duration(from: 0, to: maximumBillingPeriod, like: "60s")
        if let granularity = try billing.optional("granularity", .positiveDuration) {
            guard granularity <= maximumBillingPeriod else {
                throw try billing.required("granularity", expected: "").error(
                    expected: "a duration greater than 0 and at most \(Units.formatDuration(maximumBillingPeriod)) like 1s")
            }
            result.granularity = granularity
        }
        if let minimum = try billing.optional("minimum", period) { result.minimum = minimum }
        if let rounding = try billing.optional("rounding", .oneOf(["up", "down"])) {
            result.rounding = BillingRule.Rounding(rawValue: rounding)!
        }
        if let free = try billing.optional("free_if_interrupted_within", period) { result.freeIfInterruptedWithin = free }
        return result
    }
}
