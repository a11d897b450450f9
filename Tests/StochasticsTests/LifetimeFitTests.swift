import Foundation
import Testing
@testable import Stochastics

/// A lifetime model to draw synthetic data from, and the observation window that censors it.
struct LifetimeFitCase: Sendable, CustomTestStringConvertible {
    let model: LifetimeModel
    let truth: Distribution
    /// Every node is watched for this long: lifetimes beyond it are right-censored at it
    /// (chosen so that about 20 % are).
    let window: Double
    let seed: UInt64
    var testDescription: String { "\(truth)" }

    /// The true natural parameters, in the order ``LifetimeFit/parameters`` lists them.
    var trueParameters: [Double] {
        switch truth {
        case .exponential(let mean): [mean]
        case .weibull(let scale, let shape): [scale, shape]
        case .logNormal(let mu, let sigma): [mu, sigma]
        default: []
        }
    }

    static let all: [LifetimeFitCase] = [
        // P(T > w) = e^(−w/7200) = 0.2 → w = 7200 ln 5.
        LifetimeFitCase(model: .exponential, truth: .exponential(mean: 7200), window: 7200 * log(5), seed: 101),
        // P(T > w) = e^(−(w/7200)^0.6) = 0.2 → w = 7200 (ln 5)^(1/0.6) ≈ 4.4 h.
        LifetimeFitCase(model: .weibull, truth: .weibull(scale: 7200, shape: 0.6), window: 7200 * pow(log(5), 1 / 0.6), seed: 202),
        // P(T > w) = Q((ln w − mu)/sigma) = 0.2 → ln w = mu + 0.8416 sigma.
        LifetimeFitCase(model: .logNormal, truth: .logNormal(mu: log(3600), sigma: 1.2), window: 3600 * exp(0.8416 * 1.2), seed: 303),
    ]

    /// n lifetimes drawn from `truth` with `RandomStream(seed:)`, censored at `window`.
    func samples(count: Int = 2000) -> [LifetimeSample] {
        let stream = RandomStream(seed: seed)
        return (0..<count).map { _ in
            let t = truth.sample(using: stream)
            return t > window ? LifetimeSample(seconds: window, censored: true) : LifetimeSample(seconds: t)
        }
    }
}

@Suite("Lifetime fitting")
struct LifetimeFitTests {
    /// Synthetic data (n = 2000, ≈ 20 % censored at a fixed window) from each model: the fit
    /// of the true model puts every parameter within 3 of its standard errors of the truth,
    /// |θ̂ − θ| ≤ 3·SE(θ̂) (asymptotically normal MLE: a correct fit fails one such check with
    /// probability 0.27 %, and never with these fixed seeds), and the censored fraction is in
    /// 10–30 %.
    @Test(arguments: LifetimeFitCase.all)
    func fittedParametersAreWithinThreeStandardErrorsOfTheTruth(_ c: LifetimeFitCase) throws {
        let samples = c.samples()
        let censored = samples.filter(\.censored).count
        #expect((200...600).contains(censored), "censored \(censored) of 2000")
        let fit = try LifetimeFit.fit(c.model, to: samples)
        #expect(fit.parameters.count == c.trueParameters.count)
        for (parameter, truth) in zip(fit.parameters, c.trueParameters) {
            #expect(parameter.standardError > 0)
            #expect(abs(parameter.value - truth) <= 3 * parameter.standardError,
                    "\(parameter.name) \(parameter.value) ± \(parameter.standardError) vs truth \(truth)")
        }
        // The maximum is a maximum: no lower than the likelihood of the truth.
        #expect(fit.logLikelihood >= (try LifetimeFit.logLikelihood(of: c.truth, samples: samples)))
        #expect(fit.aic == 2 * Double(c.model.parameterCount) - 2 * fit.logLikelihood)
    }

    /// The model the data were drawn from has the lowest AIC of the three; the others trail
    /// by more than 2 (Burnham & Anderson's "substantially less support") — except that the
    /// Weibull nests the exponential, so on exponential data it may tie: there the exponential
    /// must be within ΔAIC ≤ 2 of the best and the fitted Weibull shape within 3 SE of 1.
    @Test(arguments: LifetimeFitCase.all)
    func theTrueModelHasTheLowestAIC(_ c: LifetimeFitCase) throws {
        let ranking = try LifetimeFit.fitAll(c.samples())
        #expect(ranking.fits.map(\.aic) == ranking.fits.map(\.aic).sorted())
        #expect(ranking.sampleCount == 2000)
        #expect(ranking.eventCount + ranking.censoredCount == 2000)
        if c.model == .exponential {
            let exponential = try #require(ranking.fit(of: .exponential))
            #expect(ranking.deltaAIC(exponential) <= 2)
            let shape = try #require(ranking.fit(of: .weibull)?.parameter("shape"))
            #expect(abs(shape.value - 1) <= 3 * shape.standardError)
            #expect(ranking.deltaAIC(try #require(ranking.fit(of: .logNormal))) > 2)
        } else {
            #expect(ranking.best.model == c.model, "ranking \(ranking.fits.map { ($0.model, $0.aic) })")
            for fit in ranking.fits.dropFirst() {
                #expect(ranking.deltaAIC(fit) > 2, "\(fit.model) ΔAIC \(ranking.deltaAIC(fit))")
            }
        }
    }

    /// The true model also fits in the KS sense: D = sup |F̂_KM − F| is below the 1 % critical
    /// value of the uncensored test, 1.63/√n (conservative here: estimated parameters and
    /// censoring both shrink D).
    @Test(arguments: LifetimeFitCase.all)
    func theTrueModelHasASmallKolmogorovSmirnovDistance(_ c: LifetimeFitCase) throws {
        let fit = try LifetimeFit.fit(c.model, to: c.samples())
        #expect(fit.ksStatistic > 0)
        #expect(fit.ksStatistic < 1.63 / 2000.0.squareRoot(), "D = \(fit.ksStatistic)")
    }

    /// Exponential closed form, by hand: events 100, 300, 1000 and censored 200, 400 give
    /// mean = Σt/#events = 2000/3, SE = mean/√3, log L = −3 ln(2000/3) − 3, AIC = 2 − 2 log L.
    @Test func exponentialClosedFormMatchesAHandComputation() throws {
        let samples = [
            LifetimeSample(seconds: 100), LifetimeSample(seconds: 200, censored: true), LifetimeSample(seconds: 300),
            LifetimeSample(seconds: 400, censored: true), LifetimeSample(seconds: 1000),
        ]
        let fit = try LifetimeFit.fit(.exponential, to: samples)
        let mean = 2000.0 / 3
        #expect(fit.distribution == .exponential(mean: mean))
        let parameter = try #require(fit.parameter("mean"))
        #expect(isApproximatelyEqual(parameter.value, mean, relativeTolerance: 1e-14))
        #expect(isApproximatelyEqual(parameter.standardError, mean / 3.0.squareRoot(), relativeTolerance: 1e-14))
        let logL = -3 * log(mean) - 3
        #expect(isApproximatelyEqual(fit.logLikelihood, logL, relativeTolerance: 1e-14))
        #expect(isApproximatelyEqual(fit.aic, 2 - 2 * logL, relativeTolerance: 1e-14))
        #expect(fit.iterations == 0)
        // The general log-likelihood agrees: Σ_events (−ln θ − t/θ) + Σ_censored (−t/θ).
        #expect(isApproximatelyEqual(try LifetimeFit.logLikelihood(of: fit.distribution, samples: samples), logL, relativeTolerance: 1e-14))
    }

    /// Censoring matters: on the Weibull data (20 % censored at 4.4 h), treating the censored
    /// lifetimes as reclamations biases the scale low by many standard errors (the naive
    /// scale is more than 3 naive SE below the truth), while the censored fit is within 3 SE.
    @Test func ignoringCensoringBiasesTheFitWhileTheCensoredFitRecoversTheTruth() throws {
        let c = LifetimeFitCase.all[1]
        let samples = c.samples()
        let naiveSamples = samples.map { LifetimeSample(seconds: $0.seconds, censored: false) }
        let censoredFit = try #require(try LifetimeFit.fit(.weibull, to: samples).parameter("scale"))
        let naiveFit = try #require(try LifetimeFit.fit(.weibull, to: naiveSamples).parameter("scale"))
        #expect(abs(censoredFit.value - 7200) <= 3 * censoredFit.standardError)
        #expect(7200 - naiveFit.value > 3 * naiveFit.standardError, "naive scale \(naiveFit.value) ± \(naiveFit.standardError)")
        // Exponential too: Σt/#events versus Σt/n.
        let censoredMean = try LifetimeFit.fit(.exponential, to: LifetimeFitCase.all[0].samples()).parameters[0]
        let naiveMean = try LifetimeFit.fit(.exponential, to: LifetimeFitCase.all[0].samples().map { LifetimeSample(seconds: $0.seconds) }).parameters[0]
        #expect(abs(censoredMean.value - 7200) <= 3 * censoredMean.standardError)
        #expect(7200 - naiveMean.value > 3 * naiveMean.standardError)
    }

    /// The reported standard errors are those of the inverse observed information: they match
    /// a central finite-difference Hessian of the public log-likelihood in the natural
    /// parameters (step 10⁻⁴ relative) to 10⁻³ relative. At the optimum the gradient is zero,
    /// so the delta method and a direct natural-parameter Hessian must agree.
    @Test(arguments: [LifetimeFitCase.all[1], LifetimeFitCase.all[2]])
    func standardErrorsMatchAFiniteDifferenceHessian(_ c: LifetimeFitCase) throws {
        let samples = c.samples()
        let fit = try LifetimeFit.fit(c.model, to: samples)
        let p = fit.parameters.map(\.value)
        func logL(_ x: [Double]) -> Double {
            let distribution: Distribution = c.model == .weibull ? .weibull(scale: x[0], shape: x[1]) : .logNormal(mu: x[0], sigma: x[1])
            return try! LifetimeFit.logLikelihood(of: distribution, samples: samples)
        }
        let h = p.map { 1e-4 * max(abs($0), 1e-2) }
        var information = [[0.0, 0.0], [0.0, 0.0]]
        for i in 0..<2 {
            for j in 0..<2 {
                func shifted(_ si: Double, _ sj: Double) -> Double {
                    var x = p
                    x[i] += si * h[i]
                    x[j] += sj * h[j]
                    return logL(x)
                }
                information[i][j] = -(shifted(1, 1) - shifted(1, -1) - shifted(-1, 1) + shifted(-1, -1)) / (4 * h[i] * h[j])
            }
        }
        let determinant = information[0][0] * information[1][1] - information[0][1] * information[1][0]
        let variances = [information[1][1] / determinant, information[0][0] / determinant]
        for (parameter, variance) in zip(fit.parameters, variances) {
            #expect(isApproximatelyEqual(parameter.standardError, variance.squareRoot(), relativeTolerance: 1e-3),
                    "\(parameter.name): \(parameter.standardError) vs \(variance.squareRoot())")
        }
        #expect(isApproximatelyEqual(fit.covariance[0][1], -information[0][1] / determinant, relativeTolerance: 1e-3))
    }

    /// The analytic gradients and Hessians of log L agree with central finite differences
    /// (step 10⁻⁵, relative tolerance 10⁻⁵), for both two-parameter models, at a point away
    /// from the optimum and with censored samples present.
    @Test func analyticDerivativesMatchFiniteDifferences() throws {
        let data = try LifetimeData(LifetimeFitCase.all[2].samples(count: 300))
        let models: [(Double, Double) -> LogLikelihoodPoint] = [
            { data.weibull(logScale: $0, logShape: $1) }, { data.logNormal(mu: $0, logSigma: $1) },
        ]
        for evaluate in models {
            let x = (0.3, -0.2), h = 1e-5
            let point = evaluate(x.0, x.1)
            let g0 = (evaluate(x.0 + h, x.1).value - evaluate(x.0 - h, x.1).value) / (2 * h)
            let g1 = (evaluate(x.0, x.1 + h).value - evaluate(x.0, x.1 - h).value) / (2 * h)
            #expect(isApproximatelyEqual(point.gradient.0, g0, relativeTolerance: 1e-5))
            #expect(isApproximatelyEqual(point.gradient.1, g1, relativeTolerance: 1e-5))
            let h00 = (evaluate(x.0 + h, x.1).gradient.0 - evaluate(x.0 - h, x.1).gradient.0) / (2 * h)
            let h01 = (evaluate(x.0, x.1 + h).gradient.0 - evaluate(x.0, x.1 - h).gradient.0) / (2 * h)
            let h11 = (evaluate(x.0, x.1 + h).gradient.1 - evaluate(x.0, x.1 - h).gradient.1) / (2 * h)
            #expect(isApproximatelyEqual(point.hessian.0, h00, relativeTolerance: 1e-5))
            #expect(isApproximatelyEqual(point.hessian.1, h01, relativeTolerance: 1e-5))
            #expect(isApproximatelyEqual(point.hessian.2, h11, relativeTolerance: 1e-5))
        }
    }

    /// Changing the time unit changes only what it must: data × 60 gives scales × 60 (and
    /// mu + ln 60), the same shapes and sigma, and log L lower by #events · ln 60 (densities
    /// per minute versus per second).
    @Test func fitsDoNotDependOnTheTimeUnit() throws {
        let samples = LifetimeFitCase.all[1].samples(count: 500)
        let scaled = samples.map { LifetimeSample(seconds: $0.seconds * 60, censored: $0.censored) }
        let events = Double(samples.filter { !$0.censored }.count)
        for model in LifetimeModel.allCases {
            let a = try LifetimeFit.fit(model, to: samples)
            let b = try LifetimeFit.fit(model, to: scaled)
            #expect(isApproximatelyEqual(b.logLikelihood, a.logLikelihood - events * log(60), relativeTolerance: 1e-8))
            #expect(isApproximatelyEqual(b.ksStatistic, a.ksStatistic, relativeTolerance: 1e-6))
            let expected: [Double] = switch model {
            case .exponential: [a.parameters[0].value * 60]
            case .weibull: [a.parameters[0].value * 60, a.parameters[1].value]
            case .logNormal: [a.parameters[0].value + log(60), a.parameters[1].value]
            }
            #expect(isApproximatelyEqual(b.parameters.map(\.value), expected, relativeTolerance: 1e-7), "\(model)")
        }
    }

    /// KS by hand, no censoring: exponential with mean 2 against 1, 2, 3, 5. The ECDF steps
    /// 0 → ¼ → ½ → ¾ → 1; the gaps just before each step are F(1) = 0.3935, F(2) − ¼ = 0.3821,
    /// F(3) − ½ = 0.2769, F(5) − ¾ = 0.1679 and after it smaller, so D = F(1) = 1 − e^−½ exactly.
    @Test func kolmogorovSmirnovMatchesAHandComputationWithoutCensoring() {
        let samples = [3.0, 1, 5, 2].map { LifetimeSample(seconds: $0) }
        let d = LifetimeFit.kolmogorovSmirnov(samples) { 1 - exp(-$0 / 2) }
        #expect(isApproximatelyEqual(d, 1 - exp(-0.5), relativeTolerance: 1e-15))
        // And with the Distribution's own CDF (GSL) on the same data.
        let viaGSL = LifetimeFit.kolmogorovSmirnov(samples) { Distribution.exponential(mean: 2).lifetimeCDF($0) }
        #expect(isApproximatelyEqual(viaGSL, 1 - exp(-0.5), relativeTolerance: 1e-12))
    }

    /// KS by hand, with censoring: events at 1, 3, 4 and one censored at 2 against F(t) = t/5.
    /// Kaplan–Meier: Ŝ = ¾ after 1 (4 at risk), ¾ · ½ = ⅜ after 3 (2 at risk), 0 after 4; so
    /// F̂ steps 0 → 0.25 → 0.625 → 1 and the largest gap is at 3 before the step:
    /// |0.25 − 0.6| = 0.35. A censored sample after the last event adds the gap at t_max.
    @Test func kolmogorovSmirnovUsesKaplanMeierUnderCensoring() {
        let samples = [
            LifetimeSample(seconds: 1), LifetimeSample(seconds: 2, censored: true),
            LifetimeSample(seconds: 3), LifetimeSample(seconds: 4),
        ]
        #expect(isApproximatelyEqual(LifetimeFit.kolmogorovSmirnov(samples) { $0 / 5 }, 0.35, relativeTolerance: 1e-14))
        // Events 1, 2 (n = 4 then 3 at risk), censored 3 and 10: F̂ = 0.25, 0.5 then flat to 10.
        // Against F(t) = t/20: gaps 0.05, 0.2, 0.15, 0.4 at 1⁻, 1, 2⁻, 2, then |0.5 − 0.5| = 0 at 10.
        let tail = [
            LifetimeSample(seconds: 1), LifetimeSample(seconds: 2),
            LifetimeSample(seconds: 3, censored: true), LifetimeSample(seconds: 10, censored: true),
        ]
        #expect(isApproximatelyEqual(LifetimeFit.kolmogorovSmirnov(tail) { $0 / 20 }, 0.4, relativeTolerance: 1e-14))
        // Against F(t) = t/10: the flat stretch ends at F(10) = 1, a gap of 0.5 at t_max.
        #expect(isApproximatelyEqual(LifetimeFit.kolmogorovSmirnov(tail) { min($0 / 10, 1) }, 0.5, relativeTolerance: 1e-14))
    }

    /// Bad samples are errors with one-line messages, never traps: none at all, all censored,
    /// a negative, an infinite or a zero duration (refused: it has no finite log-density).
    @Test func badSamplesAreErrors() {
        #expect(throws: LifetimeFitError.noSamples) { try LifetimeFit.fitAll([]) }
        let allCensored = [10.0, 20, 30].map { LifetimeSample(seconds: $0, censored: true) }
        #expect(throws: LifetimeFitError.noEvents(censored: 3)) { try LifetimeFit.fit(.weibull, to: allCensored) }
        let negative = [LifetimeSample(seconds: 10), LifetimeSample(seconds: -5)]
        #expect(throws: LifetimeFitError.invalidDuration(index: 1, seconds: -5)) { try LifetimeFit.fit(.exponential, to: negative) }
        let infinite = [LifetimeSample(seconds: .infinity)]
        #expect(throws: LifetimeFitError.invalidDuration(index: 0, seconds: .infinity)) { try LifetimeFit.fitAll(infinite) }
        let zero = [LifetimeSample(seconds: 10), LifetimeSample(seconds: 20), LifetimeSample(seconds: 0, censored: true)]
        #expect(throws: LifetimeFitError.zeroDuration(index: 2)) { try LifetimeFit.fit(.logNormal, to: zero) }
        #expect(throws: (any Error).self) { try LifetimeFit.fit(.weibull, to: [LifetimeSample(seconds: .nan)]) }

        #expect(LifetimeFitError.noSamples.description == "no lifetimes to fit: expected at least one sample, found none")
        #expect(LifetimeFitError.noEvents(censored: 3).description
            == "no reclamation to fit: expected at least one uncensored lifetime, found 3 samples, all censored")
        #expect(LifetimeFitError.invalidDuration(index: 1, seconds: -5).description
            == "lifetime 1: expected a finite duration of at least 0 seconds, found -5.0")
    }

    /// Data that cannot identify a two-parameter model — every reclamation at the same instant
    /// with nothing observed for longer, where the Weibull likelihood grows without bound as the
    /// shape → ∞ and the log-normal's as sigma → 0 — give a clear error, not a silent result.
    /// A single sample observed for longer (censored) makes the maximum exist again.
    @Test func degenerateDataAreErrorsNotSilentResults() throws {
        let samples = [100.0, 100, 100, 100].map { LifetimeSample(seconds: $0) } + [LifetimeSample(seconds: 50, censored: true)]
        for model in [LifetimeModel.weibull, .logNormal] {
            #expect(throws: LifetimeFitError.unboundedLikelihood(model: model, seconds: 100)) { try LifetimeFit.fit(model, to: samples) }
        }
        #expect(LifetimeFitError.unboundedLikelihood(model: .weibull, seconds: 100).description
            == "weibull fit: expected reclamations of different lengths (or a sample observed for longer), found every reclamation at 100.0 seconds, the longest duration, where the likelihood has no maximum (shape → ∞)")
        // The exponential is still defined: mean = 450 / 4.
        #expect(try LifetimeFit.fit(.exponential, to: samples).distribution == .exponential(mean: 112.5))
        let observedLonger = samples + [LifetimeSample(seconds: 300, censored: true)]
        for model in [LifetimeModel.weibull, .logNormal] {
            let fit = try LifetimeFit.fit(model, to: observedLonger)
            #expect(fit.parameters.allSatisfy { $0.value.isFinite && $0.standardError.isFinite && $0.standardError > 0 })
        }
    }

    /// A minimiser that cannot reach an acceptable maximum reports it: with one reclamation at
    /// 1 s and fifty nodes still up after 10¹² s, the Weibull maximum sits at shape ≈ 0.04 and
    /// scale ≈ 10⁵⁸ s, far outside the accepted range (scale within e^±40 of the mean duration);
    /// the error names the model and what ran off.
    @Test func nonConvergenceIsAnError() {
        let samples = [LifetimeSample(seconds: 1)] + (0..<50).map { LifetimeSample(seconds: 1e12 + Double($0), censored: true) }
        do {
            let fit = try LifetimeFit.fit(.weibull, to: samples)
            Issue.record("expected an error, got \(fit.parameters)")
        } catch {
            guard case .didNotConverge(.weibull, _, let reason) = error else {
                Issue.record("expected didNotConverge, got \(error)")
                return
            }
            #expect(reason.hasPrefix("the scale ran off to "), "\(reason)")
            #expect(error.description.hasPrefix("weibull fit did not converge after "))
        }
    }
}
