import CGSL
import Stochastics

/// Whether a pool has spot capacity to give, over time; a plain value (no random state).
/// ``AvailabilityPath`` is one replication's realisation of it.
///
/// - `always`: capacity is always there (the default).
/// - `alternating(up:down:start:reclaimProbability:)`: an alternating renewal process: up
///   periods with lengths drawn from `up`, then down periods drawn from `down`, and so on,
///   all independent (seconds). While down, launches of spot nodes fail. When capacity drops,
///   each running spot node of the pool is reclaimed, independently, with probability
///   `reclaimProbability` (1 = all of them).
///
/// ```swift
/// let flaky = Availability.alternating(
///     up: .exponential(mean: 8 * 3600), down: .exponential(mean: 2 * 3600),
///     start: .stationary, reclaimProbability: 1)
/// flaky.longRunUpFraction   // 0.8
/// ```
public enum Availability: Sendable, Hashable {
    /// Capacity is always up.
    case always
    /// Up and down periods alternate, their lengths drawn from `up` and `down` (seconds).
    case alternating(up: Distribution, down: Distribution, start: AvailabilityStart, reclaimProbability: Double)
    /// Capacity replayed from a measured trace (see ``TraceReplay``).
    case trace(TraceReplay)

    /// The long-run fraction of time capacity is up: E[up] / (E[up] + E[down]) (renewal-reward
    /// theorem); 1 for `always`.
    public var longRunUpFraction: Double {
        switch self {
        case .always: return 1
        case .alternating(let up, let down, _, _): return up.mean / (up.mean + down.mean)
        case .trace(let replay):
            let counts = replay.trace.counts
            return counts.isEmpty ? 0 : Double(counts.count { $0 > 0 }) / Double(counts.count)
        }
    }

    /// The tick of a replayed trace (seconds), or `nil` for a random process.
    public var traceTick: Double? {
        switch self {
        case .always, .alternating: return nil
        case .trace(let replay): return replay.trace.tick
        }
    }

    /// The probability that a running spot node is reclaimed when capacity drops (0 for
    /// `always`, whose capacity never drops).
    public var reclaimProbability: Double {
        switch self {
        case .always: return 0
        case .alternating(_, _, _, let probability): return probability
        case .trace: return 1
        }
    }

    /// Whether a path can be generated: both distributions valid with a finite mean > 0, and a
    /// reclaim probability in [0, 1].
    public var isValid: Bool {
        switch self {
        case .always:
            return true
        case .alternating(let up, let down, _, let probability):
            return up.isValid && down.isValid && up.mean > 0 && down.mean > 0
                && up.mean.isFinite && down.mean.isFinite && probability >= 0 && probability <= 1
        case .trace(let replay):
            return !replay.trace.counts.isEmpty && replay.trace.tick > 0 && replay.trace.tick.isFinite
        }
    }

    /// One Bernoulli(`probability`) coin flip from `stream`: a reclaim when capacity drops
    /// (stream component `8·pool + 4`), or a failed launch (`8·pool + 5`). Always draws one
    /// uniform, so the stream's position does not depend on `probability`; `probability` 1 is
    /// always `true`, 0 always `false`.
    ///
    /// ```swift
    /// if Availability.flip(probability: pool.spot!.launchFailureProbability, using: launchStream) { … }
    /// ```
    @inline(__always)
    public static func flip(probability: Double, using stream: RandomStream) -> Bool {
        stream.uniform() < probability
    }
}

/// How an alternating availability process starts at time 0.
public enum AvailabilityStart: String, Sendable, Hashable, CaseIterable {
    /// Up at 0, for a fresh up period.
    case up
    /// Down at 0, for a fresh down period.
    case down
    /// In equilibrium: up with probability E[up]/(E[up] + E[down]), and the first period is
    /// the residual life of a period in progress (a length-biased period times a uniform
    /// fraction), so that P(up at t) is the long-run up fraction at every t.
    case stationary
}

extension Distribution {
    /// A draw from the length-biased distribution x·f(x)/E[X] (the law of the period that
    /// covers a random time in a stationary renewal process).
    ///
    /// | family        | length-biased law                                  |
    /// |---------------|----------------------------------------------------|
    /// | constant c    | c                                                  |
    /// | uniform a, b  | density ∝ x on [a, b]: √(a² + U (b² − a²))         |
    /// | exponential m | gamma(2, m)                                        |
    /// | weibull λ, k  | λ · G^{1/k}, G ~ gamma(1 + 1/k, 1)                 |
    /// | lognormal μ, σ| lognormal(μ + σ², σ)                               |
    /// | gamma k, θ    | gamma(k + 1, θ)                                    |
    /// | empirical x   | xᵢ with probability xᵢ / Σ x                       |
    ///
    /// Reference: D. R. Cox, *Renewal Theory* (Methuen, 1962), the equilibrium renewal process:
    /// its first interval has density (1 − F(x))/E[X], the law of U·L with L length-biased and
    /// U uniform on (0, 1) independent of L.
    ///
    /// - Precondition: the distribution is valid, non-negative, with a mean > 0.
    func sampleLengthBiased(using stream: RandomStream) -> Double {
        let r = stream.rng
        switch self {
        case .constant(let value):
            return value
        case .uniform(let lower, let upper):
            return (lower * lower + gsl_rng_uniform(r) * (upper * upper - lower * lower)).squareRoot()
        case .exponential(let mean):
            return gsl_ran_gamma(r, 2, mean)
        case .weibull(let scale, let shape):
            return scale * pow(gsl_ran_gamma(r, 1 + 1 / shape, 1), 1 / shape)
        case .logNormal(let mu, let sigma):
            return gsl_ran_lognormal(r, mu + sigma * sigma, sigma)
        case .gamma(let shape, let scale):
            return gsl_ran_gamma(r, shape + 1, scale)
        case .empirical(let values):
            let total = values.reduce(0, +)
            var target = gsl_rng_uniform(r) * total
            for value in values {
                if target < value { return value }
                target -= value
            }
            return values.last { $0 > 0 } ?? 0
        }
    }
}
