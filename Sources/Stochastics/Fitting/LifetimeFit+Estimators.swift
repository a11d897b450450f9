import CGSL

/// The three maximum-likelihood estimators: closed-form exponential, numerical Weibull and
/// log-normal, each with its covariance by the delta method.
///
/// ```swift
/// let data = try LifetimeData(samples)
/// let weibull = try data.estimateWeibull()     // parameters [scale, shape], in seconds
/// ```
///
/// Reference: Lawless, *Statistical Models and Methods for Lifetime Data*, 2nd ed., Wiley 2003,
/// §2.2 (exponential), §4.1 (Weibull), §5.2 (log-normal); delta method, ibid. appendix B.
extension LifetimeData {
    /// mean = Σ t / #events; log L = −d log mean − d; SE = mean / √d (observed information d / mean²).
    ///
    /// - Complexity: O(1) (the sums are kept).
    func estimateExponential() -> LifetimeEstimate {
        let d = Double(eventCount)
        let mean = sumTimes * unit / d
        let variance = mean * mean / d
        return LifetimeEstimate(
            distribution: .exponential(mean: mean),
            parameters: [FittedParameter(name: "mean", value: mean, standardError: variance.squareRoot())],
            covariance: [[variance]],
            logLikelihood: -d * log(mean) - d,
            iterations: 0
        )
    }

    /// Weibull over (a, b) = (log scale, log shape) in internal units.
    ///
    /// Start: shape k₀ from the coefficient of variation of all durations (Justus' rule
    /// k ≈ CV^−1.086, clamped to [0.1, 10]), scale from the profile maximum given k₀,
    /// λ₀ = (Σ t^k₀ / d)^(1/k₀).
    ///
    /// - Complexity: O(n) per iteration.
    func estimateWeibull() throws(LifetimeFitError) -> LifetimeEstimate {
        try requireBoundedLikelihood(.weibull)
        let k0 = Self.clamp((coefficientOfVariation > 0 ? pow(coefficientOfVariation, -1.086) : 1), 0.1, 10)
        var sumPower = 0.0
        for logTime in logTimes { sumPower += exp(k0 * logTime) }
        let a0 = log(sumPower / Double(eventCount)) / k0
        let optimum = try LikelihoodMaximizer.maximize(
            model: .weibull, start: (a0, log(k0)), sampleCount: samples.count,
            runaway: { a, b in
                let shape = exp(b)
                if !(1e-3...1e3).contains(shape) {
                    return "the shape ran off to \(shape) (too few or too concentrated reclamations for a Weibull)"
                }
                if abs(a) > 40 { return "the scale ran off to \(exp(a)) times the mean duration" }
                return nil
            },
            describe: { a, b in "scale \(unit * exp(a)) s, shape \(exp(b))" },
            evaluate: { a, b in weibull(logScale: a, logShape: b) }
        )
        let information = try Self.covariance(of: optimum.point, model: .weibull)
        let scale = unit * exp(optimum.x.0)
        let shape = exp(optimum.x.1)
        let covariance = Self.deltaMethod(information, jacobian: (scale, shape))
        return LifetimeEstimate(
            distribution: .weibull(scale: scale, shape: shape),
            parameters: [
                FittedParameter(name: "scale", value: scale, standardError: covariance[0][0].squareRoot()),
                FittedParameter(name: "shape", value: shape, standardError: covariance[1][1].squareRoot()),
            ],
            covariance: covariance,
            logLikelihood: optimum.point.value - logUnitCorrection,
            iterations: optimum.iterations
        )
    }

    /// Log-normal over (mu, s = log sigma) in internal units, started from the mean and
    /// standard deviation of log t over all samples.
    ///
    /// - Complexity: O(n) per iteration.
    func estimateLogNormal() throws(LifetimeFitError) -> LifetimeEstimate {
        try requireBoundedLikelihood(.logNormal)
        let n = Double(logTimes.count)
        let meanLog = logTimes.reduce(0, +) / n
        let varianceLog = logTimes.reduce(0) { $0 + ($1 - meanLog) * ($1 - meanLog) } / n
        let sigma0 = varianceLog > 0 ? Self.clamp(varianceLog.squareRoot(), 0.05, 20) : 1
        let optimum = try LikelihoodMaximizer.maximize(
            model: .logNormal, start: (meanLog, log(sigma0)), sampleCount: samples.count,
            runaway: { mu, s in
                let sigma = exp(s)
                if !(1e-4...1e3).contains(sigma) {
                    return "sigma ran off to \(sigma) (too few or too concentrated reclamations for a log-normal)"
                }
                if abs(mu) > 40 { return "mu ran off to \(mu) (log of the mean duration units)" }
                return nil
            },
            describe: { mu, s in "mu \(mu + log(unit)), sigma \(exp(s))" },
            evaluate: { mu, s in logNormal(mu: mu, logSigma: s) }
        )
        let information = try Self.covariance(of: optimum.point, model: .logNormal)
        let mu = optimum.x.0 + log(unit)
        let sigma = exp(optimum.x.1)
        let covariance = Self.deltaMethod(information, jacobian: (1, sigma))
        return LifetimeEstimate(
            distribution: .logNormal(mu: mu, sigma: sigma),
            parameters: [
                FittedParameter(name: "mu", value: mu, standardError: covariance[0][0].squareRoot()),
                FittedParameter(name: "sigma", value: sigma, standardError: covariance[1][1].squareRoot()),
            ],
            covariance: covariance,
            logLikelihood: optimum.point.value - logUnitCorrection,
            iterations: optimum.iterations
        )
    }

    /// Throws unless some reclamation is shorter than the longest duration observed.
    ///
    /// If every event is at t and nothing lasted longer, the profile log-likelihood grows like
    /// d log k as the Weibull shape k → ∞ (and like −d log σ as the log-normal σ → 0); otherwise
    /// it tends to −∞ at both ends and a maximum exists (Lawless 2003, §4.1.1).
    func requireBoundedLikelihood(_ model: LifetimeModel) throws(LifetimeFitError) {
        let longest = samples.lazy.map(\.seconds).max()!
        if samples.contains(where: { !$0.censored && $0.seconds < longest }) { return }
        throw .unboundedLikelihood(model: model, seconds: longest)
    }

    /// sd / mean of all durations (censored ones included), population form.
    var coefficientOfVariation: Double {
        let n = Double(logTimes.count)
        let mean = sumTimes / n
        var squares = 0.0
        for logTime in logTimes {
            let deviation = exp(logTime) - mean
            squares += deviation * deviation
        }
        return (squares / n).squareRoot() / mean
    }

    /// The inverse of the observed information −H at the optimum, (C₀₀, C₀₁, C₁₁).
    ///
    /// - Throws: ``LifetimeFitError/singularInformation(model:)`` unless −H is positive definite.
    static func covariance(of point: LogLikelihoodPoint, model: LifetimeModel) throws(LifetimeFitError) -> (Double, Double, Double) {
        let (i00, i01, i11) = (-point.hessian.0, -point.hessian.1, -point.hessian.2)
        let determinant = i00 * i11 - i01 * i01
        guard i00 > 0, i11 > 0, determinant > 0, determinant.isFinite else {
            throw .singularInformation(model: model)
        }
        return (i11 / determinant, -i01 / determinant, i00 / determinant)
    }

    /// J C Jᵀ for a diagonal Jacobian J = diag(j₀, j₁): the covariance of the natural parameters.
    static func deltaMethod(_ c: (Double, Double, Double), jacobian j: (Double, Double)) -> [[Double]] {
        [[j.0 * j.0 * c.0, j.0 * j.1 * c.1], [j.0 * j.1 * c.1, j.1 * j.1 * c.2]]
    }

    static func clamp(_ value: Double, _ lower: Double, _ upper: Double) -> Double {
        Swift.min(Swift.max(value, lower), upper)
    }
}
