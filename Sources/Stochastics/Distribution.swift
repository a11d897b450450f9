import CGSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A probability distribution of a random quantity (a lifetime, a delay), sampled from a
/// ``RandomStream`` as GSL's `gsl_ran_*` functions sample it. A plain value: it holds no random
/// state.
///
/// Times in spotsim are seconds, so a node lifetime with a mean of two hours is
/// `.exponential(mean: 7200)`. Parameters are stored as given; check ``isValid`` before
/// sampling values that came from a user.
///
/// ```swift
/// let lifetime = Distribution.weibull(scale: 7200, shape: 0.8)
/// let stream = RandomStream(seed: 42)
/// let t = lifetime.sample(using: stream)     // seconds
/// print(lifetime.name, lifetime.mean)       // weibull 8157.62…
/// ```
///
/// Reference: GSL Reference Manual, chapter "Random Number Distributions".
public enum Distribution: Sendable, Hashable {
    /// Always the same value.
    case constant(Double)
    /// Uniform on [lower, upper) (`gsl_ran_flat`).
    case uniform(lower: Double, upper: Double)
    /// Exponential with the given mean, i.e. rate 1/mean (`gsl_ran_exponential`).
    case exponential(mean: Double)
    /// Weibull with density (k/λ)(x/λ)^(k−1) e^{−(x/λ)^k}, λ = scale, k = shape (`gsl_ran_weibull`).
    case weibull(scale: Double, shape: Double)
    /// Log-normal: exp(N(mu, sigma²)); `mu` and `sigma` are those of the underlying normal
    /// (`gsl_ran_lognormal`). See ``logNormal(mean:standardDeviation:)`` to give the moments instead.
    case logNormal(mu: Double, sigma: Double)
    /// Gamma with density x^(k−1) e^{−x/θ} / (Γ(k) θ^k), k = shape, θ = scale (`gsl_ran_gamma`).
    case gamma(shape: Double, scale: Double)
    /// Resamples uniformly, with replacement, from the given values (`gsl_rng_uniform_int`).
    case empirical([Double])

    /// The log-normal distribution with the given mean and standard deviation (of the
    /// variable itself, not of its logarithm).
    ///
    /// σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2.
    /// When `mean` is not finite and positive, or `standardDeviation` is not finite and
    /// non-negative, the result has NaN parameters and ``isValid`` is `false` (so this never
    /// traps on user input; note that such a value, like any NaN, is not `==` to itself).
    ///
    /// ```swift
    /// let restart = Distribution.logNormal(mean: 300, standardDeviation: 60)
    /// restart.mean        // 300.0 (to rounding)
    /// ```
    public static func logNormal(mean: Double, standardDeviation: Double) -> Distribution {
        guard mean.isFinite, mean > 0, standardDeviation.isFinite, standardDeviation >= 0 else {
            return .logNormal(mu: .nan, sigma: .nan)
        }
        let ratio = standardDeviation / mean
        let sigmaSquared = log1p(ratio * ratio)
        return .logNormal(mu: log(mean) - sigmaSquared / 2, sigma: sigmaSquared.squareRoot())
    }

    /// The gamma distribution with the given shape and mean (scale = mean / shape).
    ///
    /// Invalid input (shape or mean not finite and positive) gives a distribution whose
    /// ``isValid`` is `false`.
    ///
    /// ```swift
    /// let provisioning = Distribution.gamma(shape: 4, mean: 90)   // scale 22.5
    /// ```
    public static func gamma(shape: Double, mean: Double) -> Distribution {
        .gamma(shape: shape, scale: mean / shape)
    }

    /// Draws one value from `stream`.
    ///
    /// `constant` draws nothing; `uniform`, `exponential` and `weibull` draw one generator
    /// output (inversion); `logNormal` (polar Box–Muller), `gamma` (Marsaglia–Tsang) and
    /// `empirical` (`gsl_rng_uniform_int`) use rejection and may draw several. Either way the
    /// result is a deterministic function of the stream's state, and exactly the value the
    /// `gsl_ran_*` function of the family returns: the three inversions are written out here,
    /// with GSL's formulas and the same C library functions, so that the hot path of a
    /// simulation (lifetimes, delays) inlines into its caller instead of calling into GSL and
    /// back through the generator's function pointer; the tests compare them with GSL draw
    /// by draw.
    ///
    /// ```swift
    /// let wait = Distribution.gamma(shape: 2, scale: 30).sample(using: stream)
    /// ```
    ///
    /// - Precondition: the distribution ``isValid`` (only emptiness of `empirical` is checked).
    /// - Complexity: O(1).
    @inlinable
    public func sample(using stream: RandomStream) -> Double {
        switch self {
        case .constant(let value):
            return value
        case .uniform(let lower, let upper):
            // gsl_ran_flat: a (1 − u) + b u.
            let u = stream.uniform()
            return lower * (1 - u) + upper * u
        case .exponential(let mean):
            // gsl_ran_exponential: −μ log1p(−u).
            return -mean * log1p(-stream.uniform())
        case .weibull(let scale, let shape):
            // gsl_ran_weibull: a (−ln x)^(1/b), x uniform on (0, 1).
            let x = stream.uniformPositive()
            return scale * pow(-log(x), 1 / shape)
        default:
            return sampleThroughGSL(using: stream)
        }
    }

    /// Fills `buffer` with the next `buffer.count` draws from `stream`: the values, in order,
    /// that as many calls of ``sample(using:)`` give, leaving the stream where they leave it.
    ///
    /// For a caller that knows it will need several draws from a stream of its own (one that
    /// nothing else draws from): the inversions (`uniform`, `exponential`, `weibull`) run in
    /// one loop whose logarithms and powers do not wait for one another, where draws made one
    /// at a time between other work each pay the latency of their library call in full.
    ///
    /// ```swift
    /// var delays = [Double](repeating: 0, count: 8)
    /// delays.withUnsafeMutableBufferPointer { provisioning.fill($0, using: stream) }
    /// ```
    ///
    /// - Complexity: O(`buffer.count`) draws.
    @inlinable
    public func fill(_ buffer: UnsafeMutableBufferPointer<Double>, using stream: RandomStream) {
        switch self {
        case .exponential(let mean):
            for index in buffer.indices { buffer[index] = -mean * log1p(-stream.uniform()) }
        case .weibull(let scale, let shape):
            for index in buffer.indices { buffer[index] = scale * pow(-log(stream.uniformPositive()), 1 / shape) }
        default:
            for index in buffer.indices { buffer[index] = sample(using: stream) }
        }
    }

    /// `sample(using:)` by the `gsl_ran_*` function of the family (`gsl_rng_uniform_int` for
    /// `empirical`).
    @usableFromInline
    func sampleThroughGSL(using stream: RandomStream) -> Double {
        let r = stream.rng
        switch self {
        case .constant(let value):
            return value
        case .uniform(let lower, let upper):
            return gsl_ran_flat(r, lower, upper)
        case .exponential(let mean):
            return gsl_ran_exponential(r, mean)
        case .weibull(let scale, let shape):
            return gsl_ran_weibull(r, scale, shape)
        case .logNormal(let mu, let sigma):
            return gsl_ran_lognormal(r, mu, sigma)
        case .gamma(let shape, let scale):
            return gsl_ran_gamma(r, shape, scale)
        case .empirical(let values):
            precondition(!values.isEmpty, "Distribution.empirical needs at least one value")
            return values[Int(gsl_rng_uniform_int(r, UInt(values.count)))]
        }
    }

    /// The distribution's family, as written in scenario files: `"constant"`, `"uniform"`,
    /// `"exponential"`, `"weibull"`, `"lognormal"`, `"gamma"` or `"empirical"`.
    ///
    /// ```swift
    /// Distribution.exponential(mean: 60).name   // "exponential"
    /// ```
    public var name: String {
        switch self {
        case .constant: "constant"
        case .uniform: "uniform"
        case .exponential: "exponential"
        case .weibull: "weibull"
        case .logNormal: "lognormal"
        case .gamma: "gamma"
        case .empirical: "empirical"
        }
    }
}
