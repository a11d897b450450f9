import CGSL

/// A family of spot-node lifetime distributions that ``LifetimeFit`` can estimate.
///
/// ```swift
/// LifetimeModel.weibull.parameterCount    // 2
/// LifetimeModel.logNormal.rawValue        // "lognormal", as scenario files spell it
/// ```
///
/// - Complexity: a plain value.
public enum LifetimeModel: String, Sendable, Hashable, CaseIterable {
    /// Constant hazard (memoryless): one parameter, the mean.
    case exponential
    /// Hazard ∝ t^(shape − 1): decreasing when shape < 1 (young nodes die first, survivors
    /// tend to live long — the heavy tail real spot traces show), increasing when > 1.
    case weibull
    /// exp(N(mu, sigma²)): hazard rises then falls.
    case logNormal = "lognormal"

    /// The number of free parameters, k in AIC = 2k − 2 log L.
    public var parameterCount: Int {
        switch self {
        case .exponential: 1
        case .weibull, .logNormal: 2
        }
    }
}

/// One estimated parameter with its standard error.
///
/// Names and units: `mean` and `scale` are seconds; `shape` is a plain number; `mu` and
/// `sigma` are those of log(seconds) (the underlying normal of a log-normal lifetime).
///
/// ```swift
/// let shape = fit.parameter("shape")!
/// print("\(shape.value) ± \(shape.standardError)")
/// ```
///
/// - Complexity: a plain value.
public struct FittedParameter: Sendable, Hashable {
    /// `mean`, `scale`, `shape`, `mu` or `sigma`.
    public var name: String
    /// The maximum-likelihood estimate.
    public var value: Double
    /// Its asymptotic standard error: √ of the diagonal of the inverse observed information,
    /// carried to this parameterisation by the delta method.
    public var standardError: Double

    /// A parameter estimate with its standard error.
    ///
    /// ```swift
    /// let shape = FittedParameter(name: "shape", value: 0.63, standardError: 0.03)
    /// ```
    ///
    /// - Complexity: O(1).
    public init(name: String, value: Double, standardError: Double) {
        self.name = name
        self.value = value
        self.standardError = standardError
    }
}

/// A lifetime model fitted by maximum likelihood to right-censored spot lifetimes, with
/// standard errors, log-likelihood, AIC and a Kolmogorov–Smirnov distance to the data.
///
/// The log-likelihood of samples tᵢ, some of them right-censored, is
///
///     log L = Σ_events log f(tᵢ) + Σ_censored log S(tᵢ)
///
/// - **exponential**: closed form, mean = Σ tᵢ / #events (all samples in the numerator),
///   standard error mean / √#events.
/// - **Weibull** and **log-normal**: GSL's BFGS minimiser
///   (`gsl_multimin_fdfminimizer_vector_bfgs2`) on −log L with analytic gradients, over
///   unconstrained parameters (log scale, log shape) and (mu, log sigma), started from
///   moment-based values (shape from the coefficient of variation, scale from the profile
///   maximum given that shape; mu and sigma from the mean and deviation of log t), then
///   polished by Newton steps with the analytic Hessian. Durations are divided by their mean
///   while optimising so that every parameter is of order 1.
/// - **Standard errors**: from the inverse of the observed information (the analytic Hessian of
///   −log L at the optimum) in the unconstrained parameters, carried to the natural ones by
///   the delta method (Jacobian diag(scale, shape) and diag(1, sigma)).
/// - **AIC** = 2k − 2 log L (Akaike 1974); ``fitAll(_:models:)`` ranks models by it.
/// - **KS**: D = sup_t |F̂(t) − F(t)| with F̂ = 1 − the Kaplan–Meier estimator (see
///   ``kolmogorovSmirnov(_:cdf:)``); without censoring, the ordinary one-sample KS statistic.
///   With estimated parameters, the usual KS p-values do not apply: use D to compare models.
///
/// ```swift
/// let samples = lifetimes.map { LifetimeSample(seconds: $0.up, censored: $0.stillUp) }
/// let weibull = try LifetimeFit.fit(.weibull, to: samples)
/// weibull.distribution          // .weibull(scale: 6552.1…, shape: 0.63…)
/// weibull.parameter("shape")    // value 0.63…, standardError 0.02…
/// weibull.aic                   // 2·2 − 2 log L
/// ```
///
/// Reference: Lawless, *Statistical Models and Methods for Lifetime Data*, 2nd ed., Wiley 2003,
/// ch. 2–5 (censored likelihoods, observed information); Kaplan & Meier, JASA 53, 1958;
/// Akaike, IEEE TAC 19(6), 1974; Nocedal & Wright, *Numerical Optimization*, 2nd ed., 2006
/// (BFGS); GSL Reference Manual, "Multidimensional Minimization".
///
/// - Complexity: a plain value; fitting is O(n) per minimiser iteration plus O(n log n) for
///   the KS statistic (see ``fit(_:to:)``).
public struct LifetimeFit: Sendable, Hashable {
    /// The family fitted.
    public var model: LifetimeModel
    /// The fitted distribution, in seconds, ready to sample.
    public var distribution: Distribution
    /// The estimates in the family's natural parameters: `[mean]`, `[scale, shape]` or
    /// `[mu, sigma]`.
    public var parameters: [FittedParameter]
    /// The asymptotic covariance matrix of ``parameters`` (row-major, k × k).
    public var covariance: [[Double]]
    /// log L at the estimate (densities in 1/seconds).
    public var logLikelihood: Double
    /// Akaike's information criterion, 2k − 2 log L: lower is better.
    public var aic: Double
    /// The Kolmogorov–Smirnov distance between 1 − Kaplan–Meier and the fitted CDF.
    public var ksStatistic: Double
    /// BFGS iterations plus Newton polishing steps used (0 for the exponential closed form).
    public var iterations: Int

    /// The parameter called `name` (`mean`, `scale`, `shape`, `mu`, `sigma`), if this model has one.
    ///
    /// ```swift
    /// fit.parameter("shape")?.standardError
    /// ```
    ///
    /// - Complexity: O(k).
    public func parameter(_ name: String) -> FittedParameter? {
        parameters.first { $0.name == name }
    }

    /// Fits one `model` to `samples` by maximum likelihood with right-censoring.
    ///
    /// ```swift
    /// let fit = try LifetimeFit.fit(.logNormal, to: samples)
    /// print(fit.parameter("mu")!.value, fit.logLikelihood)
    /// ```
    ///
    /// - Throws: ``LifetimeFitError`` for no samples, no uncensored sample, a negative,
    ///   non-finite or zero duration, a minimiser that does not converge, or a singular
    ///   observed information.
    /// - Complexity: O(n log n) for the KS statistic; exponential O(n) otherwise, Weibull and
    ///   log-normal O(n) per iteration, typically 10–40 iterations.
    public static func fit(_ model: LifetimeModel, to samples: [LifetimeSample]) throws(LifetimeFitError) -> LifetimeFit {
        let data = try LifetimeData(samples)
        return try fit(model, data: data)
    }

    /// Fits every model of `models` to the same samples and ranks them by AIC.
    ///
    /// ```swift
    /// let ranking = try LifetimeFit.fitAll(samples)
    /// ranking.best.model                  // .weibull
    /// ranking.deltaAIC(ranking.fits[1])   // how much worse the runner-up is
    /// ```
    ///
    /// - Throws: ``LifetimeFitError`` as ``fit(_:to:)``, for the first model that fails.
    /// - Precondition: `models` is non-empty.
    /// - Complexity: the sum of the individual fits.
    public static func fitAll(
        _ samples: [LifetimeSample], models: [LifetimeModel] = LifetimeModel.allCases
    ) throws(LifetimeFitError) -> LifetimeFitRanking {
        precondition(!models.isEmpty, "fitAll needs at least one model")
        let data = try LifetimeData(samples)
        var fits: [LifetimeFit] = []
        for model in models {
            fits.append(try fit(model, data: data))
        }
        return LifetimeFitRanking(
            sampleCount: samples.count, eventCount: data.eventCount, censoredCount: samples.count - data.eventCount,
            fits: fits
        )
    }

    /// The fit of `model` to validated, scaled `data`.
    static func fit(_ model: LifetimeModel, data: LifetimeData) throws(LifetimeFitError) -> LifetimeFit {
        let estimate: LifetimeEstimate
        switch model {
        case .exponential: estimate = data.estimateExponential()
        case .weibull: estimate = try data.estimateWeibull()
        case .logNormal: estimate = try data.estimateLogNormal()
        }
        let distribution = estimate.distribution
        return LifetimeFit(
            model: model,
            distribution: distribution,
            parameters: estimate.parameters,
            covariance: estimate.covariance,
            logLikelihood: estimate.logLikelihood,
            aic: 2 * Double(model.parameterCount) - 2 * estimate.logLikelihood,
            ksStatistic: kolmogorovSmirnov(data.samples) { distribution.lifetimeCDF($0) },
            iterations: estimate.iterations
        )
    }
}

/// What an estimator returns before the goodness-of-fit figures are added.
struct LifetimeEstimate {
    var distribution: Distribution
    var parameters: [FittedParameter]
    var covariance: [[Double]]
    var logLikelihood: Double
    var iterations: Int
}

extension Distribution {
    /// P(T ≤ t) for the lifetime families ``LifetimeFit`` estimates (GSL `gsl_cdf_*_P`).
    ///
    /// - Precondition: `self` is `.exponential`, `.weibull` or `.logNormal`.
    /// - Complexity: O(1).
    func lifetimeCDF(_ t: Double) -> Double {
        GSLRuntime.prepare()
        switch self {
        case .exponential(let mean): return gsl_cdf_exponential_P(t, mean)
        case .weibull(let scale, let shape): return gsl_cdf_weibull_P(t, scale, shape)
        case .logNormal(let mu, let sigma): return t > 0 ? gsl_cdf_lognormal_P(t, mu, sigma) : 0
        default: preconditionFailure("no lifetime CDF for \(name)")
        }
    }
}
