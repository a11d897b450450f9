/// Why ``LifetimeFit`` could not estimate a lifetime model: the samples cannot support one,
/// or the numerical optimisation did not reach a proper maximum.
///
/// Each case describes itself in one line, without a file location (the caller knows where the
/// samples came from and adds it):
///
/// ```swift
/// do {
///     _ = try LifetimeFit.fit(.weibull, to: [])
/// } catch {
///     print(error)   // no lifetimes to fit: expected at least one sample, found none
/// }
/// ```
///
/// Reference: maximum-likelihood existence conditions as in Lawless, *Statistical Models and
/// Methods for Lifetime Data*, 2nd ed., Wiley 2003, §4.1 (Weibull) and §5.2 (log-normal).
///
/// - Complexity: a plain value; describing it is O(1).
public enum LifetimeFitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The sample list was empty.
    case noSamples
    /// Every sample was right-censored: without a single reclamation the likelihood has no
    /// maximum (lifetimes could be arbitrarily long). `censored` is how many there were.
    case noEvents(censored: Int)
    /// The sample at `index` (from 0) has a negative, infinite or NaN duration.
    case invalidDuration(index: Int, seconds: Double)
    /// The sample at `index` (from 0) lasted exactly 0 s. Refused rather than nudged: a zero
    /// lifetime has density 0 (Weibull with shape > 1) or ∞ (shape < 1) and no log-normal
    /// density at all, so it would decide the fit on its own. Drop such rows, or record the
    /// measurement resolution instead (e.g. one trace tick).
    case zeroDuration(index: Int)
    /// Every reclamation lasted exactly `seconds`, and no sample lasted longer: the `model`
    /// likelihood then grows without bound (Weibull shape → ∞, log-normal sigma → 0), so a
    /// two-parameter model has no maximum. Reclamations of different lengths, or a sample
    /// observed for longer, are needed.
    case unboundedLikelihood(model: LifetimeModel, seconds: Double)
    /// GSL's minimiser stopped without reaching a maximum of the likelihood for `model`;
    /// `reason` says what happened (no progress with a large gradient, the iteration limit,
    /// a parameter running off to infinity, a non-finite likelihood).
    case didNotConverge(model: LifetimeModel, iterations: Int, reason: String)
    /// The optimum was found but the observed information (the Hessian of −log L) is not
    /// positive definite there, so standard errors are undefined: the data cannot tell the
    /// parameters apart (e.g. all reclamations at the same instant).
    case singularInformation(model: LifetimeModel)

    /// One line: `<what>: expected <rule>, found <what was there>`.
    public var description: String {
        switch self {
        case .noSamples:
            "no lifetimes to fit: expected at least one sample, found none"
        case .noEvents(let censored):
            "no reclamation to fit: expected at least one uncensored lifetime, found \(censored) \(censored == 1 ? "sample" : "samples"), all censored"
        case .invalidDuration(let index, let seconds):
            "lifetime \(index): expected a finite duration of at least 0 seconds, found \(seconds)"
        case .zeroDuration(let index):
            "lifetime \(index): expected a duration greater than 0 seconds (a zero lifetime has no finite log-density), found 0"
        case .unboundedLikelihood(let model, let seconds):
            "\(model.rawValue) fit: expected reclamations of different lengths (or a sample observed for longer), found every reclamation at \(seconds) seconds, the longest duration, where the likelihood has no maximum (\(model == .weibull ? "shape" : "sigma") → \(model == .weibull ? "∞" : "0"))"
        case .didNotConverge(let model, let iterations, let reason):
            "\(model.rawValue) fit did not converge after \(iterations) iterations: \(reason)"
        case .singularInformation(let model):
            "\(model.rawValue) fit: the observed information is not positive definite at the optimum (the data cannot separate the parameters), so there are no standard errors"
        }
    }
}
