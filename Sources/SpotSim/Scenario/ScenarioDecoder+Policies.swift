/// The `policies:` list: the placement policies to compare, by name or with parameters.
///
/// ```yaml
/// policies: [on-demand, spot, { name: spot-fallback, after: 2, return_after: 1h, pool: spot-a }]
/// ```
extension ScenarioDecoder {
    static let policyKeys = ["name", "pool", "after", "return_after"]

    static func decodePolicies(_ field: YAMLField, pools: [Pool], jobs: [Job]) throws(ScenarioError) -> [PolicySpec] {
        let market = PolicyMarket(pools: pools)
        return try decodeDistinct(
            try field.nonEmptyList(expected: "a non-empty list of policies"),
            decode: { item throws(ScenarioError) in try decodePolicy(item, market: market, jobs: jobs) },
            key: { $0 }
        ) { item, policy, earlier in
            item.error(
                expected: "distinct policies",
                found: "\(YAMLField.quote(policy.description)), a duplicate of policies[\(earlier)]"
            )
        }
    }

    static var kindReader: ValueReader<PolicySpec.Kind> {
        let names = PolicySpec.Kind.allCases.map(\.rawValue)
        return .scalar("one of \(names.joined(separator: ", "))", hint: { EditDistance.suggestion(for: $0, among: names) }) {
            PolicySpec.Kind(rawValue: $0)
        }
    }

    /// What policy checks ask of the pools, indexed once.
    struct PolicyMarket {
        let names: [String]
        let byName: [String: Pool]
        /// GPU models some pool sells on the spot market.
        let spotGPUs: Set<String>

        init(pools: [Pool]) {
            names = pools.map(\.name)
            byName = Dictionary(pools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            spotGPUs = Set(pools.filter { $0.spot != nil }.map(\.gpu))
        }
    }

    static func decodePolicy(_ field: YAMLField, market: PolicyMarket, jobs: [Job]) throws(ScenarioError) -> PolicySpec {
        let (spec, poolField) = try parsePolicy(field, market: market)

        // Every job must be placeable under the policy.
        let needsSpot = spec.kind != .onDemand
        if let poolName = spec.pool, let poolField, let pool = market.byName[poolName] {
            for job in jobs where job.gpu != pool.gpu {
                throw poolField.error(
                    expected: "a pool with GPU \(job.gpu) (for job \(YAMLField.quote(job.name)))",
                    found: "\(YAMLField.quote(pool.name)), which offers \(pool.gpu)"
                )
            }
            if needsSpot, pool.spot == nil {
                throw poolField.error(
                    expected: "a pool with a spot market (for \(spec.kind.rawValue))",
                    found: "\(YAMLField.quote(pool.name)), which is on-demand only"
                )
            }
        } else if needsSpot {
            for job in jobs where !market.spotGPUs.contains(job.gpu) {
                throw field.error(
                    expected: "a pool with a spot market and GPU \(job.gpu) (for job \(YAMLField.quote(job.name)))",
                    found: "none"
                )
            }
        }
        return spec
    }

    /// The policy written at `field` (a name or a mapping), with the field of its `pool` key;
    /// checks the shape, the kind, that a named pool exists and where `after` may appear, but
    /// not whether the jobs can run under it.
    static func parsePolicy(_ field: YAMLField, market: PolicyMarket) throws(ScenarioError) -> (PolicySpec, YAMLField?) {
        let expected = "a policy name (\(PolicySpec.Kind.allCases.map(\.rawValue).joined(separator: ", "))) or a mapping like { name: spot, pool: spot-a }"
        var spec: PolicySpec
        var poolField: YAMLField?
        if field.isScalar {
            spec = PolicySpec(kind: try field.read(kindReader))
        } else if field.isMapping {
            let mapping = try field.mapping(expected: expected, allowed: policyKeys)
            let kind = try mapping.required("name", kindReader)
            spec = PolicySpec(kind: kind)
            poolField = mapping.optional("pool")
            if let poolField {
                let poolExpected = "the name of a pool (\(shortList(market.names)))"
                let name = try poolField.read(.text(poolExpected))
                guard market.byName[name] != nil else { throw poolField.error(expected: poolExpected) }
                spec.pool = name
            }
            if let afterField = mapping.optional("after") {
                guard kind == .spotFallback else {
                    throw afterField.error(expected: "no after key (only spot-fallback takes one)")
                }
                spec.fallbackAfter = try afterField.read(.integer(1...Int.max))
            }
            if let returnField = mapping.optional("return_after") {
                guard kind == .spotFallback else {
                    throw returnField.error(expected: "no return_after key (only spot-fallback takes one)")
                }
                spec.returnAfter = try returnField.read(.duration)
            }
        } else {
            throw field.error(expected: expected)
        }
        return (spec, poolField)
    }

    /// The top-level `baseline:` key: a policy written as in `policies:` (a name, or the same
    /// mapping form) that must be one of the listed policies, compared as the duplicate check
    /// compares them (`{ name: spot-fallback, after: 3 }` is `spot-fallback`).
    ///
    /// ```yaml
    /// policies: [on-demand, spot, { name: spot-fallback, after: 2 }]
    /// baseline: { name: spot-fallback, after: 2 }
    /// ```
    ///
    /// ```text
    /// bad.yaml:28:11: error: baseline: expected one of the policies (spot, spot-fallback), found 'on-demand'
    /// ```
    static func decodeBaseline(_ field: YAMLField, policies: [PolicySpec], pools: [Pool]) throws(ScenarioError) -> PolicySpec {
        let (spec, _) = try parsePolicy(field, market: PolicyMarket(pools: pools))
        guard policies.contains(spec) else {
            throw field.error(
                expected: "one of the policies (\(shortList(policies.map(\.description))))",
                found: YAMLField.quote(spec.description)
            )
        }
        return spec
    }
}
