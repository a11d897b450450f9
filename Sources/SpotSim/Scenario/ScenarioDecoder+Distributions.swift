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

    /// The smallest Weibull shape: below it almost every draw is a vanishing fraction of the
    /// mean (and the largest overflow), so a simulation would crawl through endless tiny
    /// lifetimes.
    public static let minimumWeibullShape = 0.1
    /// The smallest gamma shape, for the same reason.
    public static let minimumGammaShape = 0.01
    /// The largest ratio of a log-normal's standard deviation to its mean.
    public static let maximumLogNormalSpread = 100.0
    /// The largest mean of a distribution of durations: 100 years (36500d), so that every draw
    /// and every sum of draws stays a finite time.
    public static let maximumDistributionMean = 36_500.0 * 86_400

    /// A shape parameter: a number greater than 0, and at least `minimum`.
    static func shapeReader(minimum: Double) -> ValueReader<Double> {
        .scalar("a number greater than 0", { text in Units.parseNumber(text).flatMap { $0 > 0 ? $0 : nil } }, limit: { shape in
            shape < minimum ? "a shape of at least \(Units.formatDecimal(minimum)) (smaller ones make almost every draw vanish)" : nil
        })
    }

    /// Decodes a distribution mapping; every parameter is checked so that the result
    /// `isValid`, has a mean of at most ``maximumDistributionMean``, and the error names the
    /// parameter out of range.
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
            let shape = try mapping.required("shape", shapeReader(minimum: minimumWeibullShape))
            let scale = try mapping.required("scale", .positiveDuration)
            distribution = .weibull(scale: scale, shape: shape)
        case "lognormal":
            let mean = try mapping.required("mean", .positiveDuration)
            let sd = try mapping.required("sd", ValueReader<Double>.scalar(ValueReader<Double>.duration.expected, parseFiniteDuration, limit: { sd in
                sd > maximumLogNormalSpread * mean
                    ? "a duration of at most \(Units.formatDecimal(maximumLogNormalSpread)) times the mean (\(Units.formatDuration(maximumLogNormalSpread * mean)))" : nil
            }))
            distribution = .logNormal(mean: mean, standardDeviation: sd)
        case "gamma":
            let shape = try mapping.required("shape", shapeReader(minimum: minimumGammaShape))
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
        guard distribution.mean <= maximumDistributionMean else {  // false for NaN too
            throw field.error(
                expected: "a distribution with a mean of at most \(Units.formatDuration(maximumDistributionMean)) (100 years)",
                found: "a mean of \(Units.formatDuration(distribution.mean))"
            )
        }
        return distribution
    }
}
