import CGSL

extension LifetimeFit {
    /// The right-censored log-likelihood of `distribution` for `samples`:
    /// Σ_events log f(tᵢ) + Σ_censored log S(tᵢ), densities in 1/seconds.
    ///
    /// Survival tails are computed in log space (Weibull: −(t/λ)^k exactly; log-normal:
    /// `gsl_sf_log_erfc`), so far-out censored samples do not underflow to −∞.
    ///
    /// ```swift
    /// let truth = try LifetimeFit.logLikelihood(of: .weibull(scale: 7200, shape: 0.6), samples: samples)
    /// let fitted = try LifetimeFit.fit(.weibull, to: samples).logLikelihood   // ≥ truth
    /// ```
    ///
    /// - Throws: ``LifetimeFitError`` for no samples, no uncensored sample, or a bad duration.
    /// - Precondition: `distribution` is a valid `.exponential`, `.weibull` or `.logNormal`.
    /// - Complexity: O(n).
    public static func logLikelihood(of distribution: Distribution, samples: [LifetimeSample]) throws(LifetimeFitError) -> Double {
        let data = try LifetimeData(samples, unit: 1)
        switch distribution {
        case .exponential(let mean):
            return data.exponentialLogLikelihood(mean: mean)
        case .weibull(let scale, let shape):
            return data.weibull(logScale: log(scale), logShape: log(shape)).value
        case .logNormal(let mu, let sigma):
            return data.logNormal(mu: mu, logSigma: log(sigma)).value
        default:
            preconditionFailure("logLikelihood(of:) supports exponential, weibull and lognormal, not \(distribution.name)")
        }
    }
}

/// log L with its gradient and Hessian over two parameters (x₀, x₁).
struct LogLikelihoodPoint {
    var value: Double
    var gradient: (Double, Double)
    /// ∂²/∂x₀², ∂²/∂x₀∂x₁, ∂²/∂x₁².
    var hessian: (Double, Double, Double)
}

/// Validated samples, divided by a time unit, ready for likelihood evaluation.
///
/// Dividing by the unit c (the mean duration, unless given) keeps the Weibull scale and the
/// log-normal mu near 1 and 0 whatever the time scale of the data, so the minimiser's steps
/// and tolerances mean the same thing for lifetimes of seconds or of days. In these units,
/// log L(data) = log L(scaled data) − #events · log c (densities pick up a factor 1/c).
struct LifetimeData {
    let samples: [LifetimeSample]
    /// c: seconds per internal time unit.
    let unit: Double
    /// log(tᵢ / c) for every sample.
    let logTimes: [Double]
    /// Whether sample i is right-censored.
    let censored: [Bool]
    /// #events.
    let eventCount: Int
    /// Σ_events log(tᵢ / c).
    let sumLogEventTimes: Double
    /// Σ_all tᵢ / c.
    let sumTimes: Double

    /// Checks `samples` (at least one, finite, > 0, at least one event) and scales them by
    /// `unit`, or by their mean when `unit` is `nil`.
    ///
    /// - Complexity: O(n).
    init(_ samples: [LifetimeSample], unit: Double? = nil) throws(LifetimeFitError) {
        guard !samples.isEmpty else { throw .noSamples }
        var total = 0.0
        var events = 0
        for (index, sample) in samples.enumerated() {
            guard sample.seconds.isFinite, sample.seconds >= 0 else {
                throw .invalidDuration(index: index, seconds: sample.seconds)
            }
            guard sample.seconds > 0 else { throw .zeroDuration(index: index) }
            total += sample.seconds
            if !sample.censored { events += 1 }
        }
        guard events > 0 else { throw .noEvents(censored: samples.count) }
        let c = unit ?? total / Double(samples.count)
        self.samples = samples
        self.unit = c
        self.logTimes = samples.map { log($0.seconds / c) }
        self.censored = samples.map(\.censored)
        self.eventCount = events
        var sumLog = 0.0
        for (logTime, isCensored) in zip(logTimes, censored) where !isCensored {
            sumLog += logTime
        }
        self.sumLogEventTimes = sumLog
        self.sumTimes = total / c
    }

    /// #events · log c: what converts a scaled log-likelihood to seconds.
    var logUnitCorrection: Double { Double(eventCount) * log(unit) }

    /// Exponential log L in these units: −d log θ − Σt/θ.
    func exponentialLogLikelihood(mean: Double) -> Double {
        -Double(eventCount) * log(mean) - sumTimes / mean
    }

    /// Weibull log L at scale e^a, shape k = e^b (in these units), with derivatives in (a, b).
    ///
    /// With uᵢ = log tᵢ − a and zᵢ = e^{k uᵢ} = (tᵢ/λ)^k:
    /// log L = d·b + (k − 1) Σ_ev log t − k a d − Σ z;
    /// ∂a = k(Σz − d); ∂b = d + k Σ_ev u − k Σ z u;
    /// ∂aa = −k² Σz; ∂ab = k(Σz − d) + k² Σ z u; ∂bb = k Σ_ev u − k Σ z u − k² Σ z u².
    ///
    /// - Complexity: O(n).
    func weibull(logScale a: Double, logShape b: Double) -> LogLikelihoodPoint {
        let k = exp(b)
        var sumZ = 0.0, sumZU = 0.0, sumZUU = 0.0
        for logTime in logTimes {
            let u = logTime - a
            let z = exp(k * u)
            sumZ += z
            sumZU += z * u
            sumZUU += z * u * u
        }
        let d = Double(eventCount)
        let eventU = sumLogEventTimes - a * d
        return LogLikelihoodPoint(
            value: d * b + (k - 1) * sumLogEventTimes - k * a * d - sumZ,
            gradient: (k * (sumZ - d), d + k * eventU - k * sumZU),
            hessian: (-k * k * sumZ, k * (sumZ - d) + k * k * sumZU, k * eventU - k * sumZU - k * k * sumZUU)
        )
    }

    /// Log-normal log L at mu and sigma = e^s (in these units), with derivatives in (mu, s).
    ///
    /// With wᵢ = (log tᵢ − mu)/σ, an event adds −log t − s − ½ log 2π − ½ w², a censored
    /// sample log Q(w) (Q = 1 − Φ). With the hazard h = φ(w)/Q(w) (`gsl_sf_hazard`) and
    /// h′ = h(h − w): events add ∂mu = w/σ, ∂s = w² − 1, ∂mu mu = −1/σ², ∂mu s = −2w/σ,
    /// ∂ss = −2w²; censored samples ∂mu = h/σ, ∂s = h w, ∂mu mu = −h′/σ²,
    /// ∂mu s = −(h′w + h)/σ, ∂ss = −w(h′w + h).
    ///
    /// - Complexity: O(n).
    func logNormal(mu: Double, logSigma s: Double) -> LogLikelihoodPoint {
        GSLRuntime.prepare()
        let sigma = exp(s)
        let halfLogTwoPi = 0.5 * log(2 * Double.pi)
        var value = 0.0
        var gMu = 0.0, gS = 0.0
        var hMuMu = 0.0, hMuS = 0.0, hSS = 0.0
        for (logTime, isCensored) in zip(logTimes, censored) {
            let w = (logTime - mu) / sigma
            if isCensored {
                let h = gsl_sf_hazard(w)
                let dh = h * (h - w)
                value += gsl_sf_log_erfc(w / 2.0.squareRoot()) - M_LN2
                gMu += h / sigma
                gS += h * w
                hMuMu -= dh / (sigma * sigma)
                hMuS -= (dh * w + h) / sigma
                hSS -= w * (dh * w + h)
            } else {
                value += -logTime - s - halfLogTwoPi - 0.5 * w * w
                gMu += w / sigma
                gS += w * w - 1
                hMuMu -= 1 / (sigma * sigma)
                hMuS -= 2 * w / sigma
                hSS -= 2 * w * w
            }
        }
        return LogLikelihoodPoint(value: value, gradient: (gMu, gS), hessian: (hMuMu, hMuS, hSS))
    }
}
