import Stochastics

/// Distribution mappings: `{ distribution: <family>, <parameters> }`, durations in seconds.
///
/// ```yaml
/// lifetime: { distribution: weibull, shape: 0.63, scale: 1.35h }
/// provisioning: { distribution: lognormal, mean: 3m, sd: 1m }
/// ```
///
/// | family        | parameters                                         |
/// |---------------|----------------------------------------------------|
/// | `constant`    | `value` (duration)                                 |
/// | `uniform`     | `min`, `max` (durations, min ≤ max)                |
/// | `exponential` | `mean` (duration > 0)                              |
/// | `weibull`     | `shape` (number > 0), `scale` (duration > 0)       |
/// | `lognormal`   | `mean` (duration > 0), `sd` (duration)             |
/// | `gamma`       | `shape` (number > 0), `scale` or `mean` (duration > 0) |
/// | `empirical`   | `values` (non-empty list of durations)             |
extension ScenarioDecoder {
    static let distributionFamilies: [(name: String, keys: [String])] = [
        ("constant", ["value"]),
        ("uniform", ["min", "max"]),
        ("exponential", ["mean"]),
        ("weibull", ["shape", "scale"]),
        ("lognormal", ["mean", "sd"]),
        ("gamma", ["shape", "scale", "mean"]),
        ("empirical", ["values"]),
    ]

    /// Decodes a distribution mapping; every parameter is checked so that the result
    /// `isValid`, and the error names the parameter out of range.
    static func decodeDistribution(_ field: YAMLField) throws(ScenarioError) -> Distribution {
        let mapping = try field.mapping(expected: lifetimeExpected, allowed: nil)
        let family = try mapping.required("distribution", .oneOf(distributionFamilies.map(\.name)))
        let keys = distributionFamilies.first { $0.name == family }!.keys
        try mapping.rejectUnknownKeys(allowed: ["distribution"] + keys)

        let distribution: Distribution
        switch family {
        case "constant":
            distribution = .constant(try mapping.required("value", .duration))
        case "uniform":
            let lower = try mapping.required("min", .duration)
            let upperField = try mapping.required("max", expected: ValueReader<Double>.duration.expected)
            let upper = try upperField.read(.duration)
            guard upper >= lower else {
                throw upperField.error(expected: "a duration of at least min (\(Units.formatDuration(lower)))")
            }
            distribution = .uniform(lower: lower, upper: upper)
        case "exponential":
            distribution = .exponential(mean: try mapping.required("mean", .positiveDuration))
        case "weibull":
            let shape = try mapping.required("shape", .positiveNumber)
            let scale = try mapping.required("scale", .positiveDuration)
            distribution = .weibull(scale: scale, shape: shape)
        case "lognormal":
            let mean = try mapping.required("mean", .positiveDuration)
            let sd = try mapping.required("sd", .duration)
            distribution = .logNormal(mean: mean, standardDeviation: sd)
        case "gamma":
            let shape = try mapping.required("shape", .positiveNumber)
            switch (mapping.optional("scale"), mapping.optional("mean")) {
            case (let scale?, nil):
                distribution = .gamma(shape: shape, scale: try scale.read(.positiveDuration))
            case (nil, let mean?):
                distribution = .gamma(shape: shape, mean: try mean.read(.positiveDuration))
            case (_?, let mean?):
                throw mean.error(expected: "either scale or mean, not both", found: "both")
            case (nil, nil):
                throw mapping.missing("scale", expected: "a scale or a mean (durations greater than 0)")
            }
        default:  // empirical
            let valuesField = try mapping.required("values", expected: "a non-empty list of durations")
            var values: [Double] = []
            for item in try valuesField.nonEmptyList(expected: "a non-empty list of durations") {
                values.append(try item.read(.duration))
            }
            distribution = .empirical(values)
        }
        guard distribution.isValid else {
            throw field.error(expected: "parameters that make a valid \(family) distribution", found: "\(distribution)")
        }
        return distribution
    }
}
