import Foundation
import Stochastics
import Testing
@testable import SpotSim

/// Spot price paths: the log-Ornstein–Uhlenbeck process against its analytic moments, exact
/// costs of piecewise-constant paths, and reproducibility.
@Suite struct PricePathTests {
    /// `|estimate − truth|` must be within twice the 95 % Student-t half-width of `summary`
    /// (≈ 3.93 standard errors for 200 values). The per-path estimates are independent and
    /// identically distributed (independent streams, each path started from the stationary
    /// law), with expectation exactly `truth` (the estimators below are unbiased), so by the
    /// central limit theorem a correct generator exceeds this bound with probability ≈ 8·10⁻⁵
    /// per check; the seeds are fixed, so the outcome is deterministic. Wrong discretisations
    /// (e.g. Euler's σ√Δ innovation, or starting at ln μ) miss it by tens of standard errors.
    static func expectWithinCI(_ values: [Double], _ truth: Double, _ label: String) {
        let summary = Summary(values)
        let interval = summary.confidenceInterval95!
        let halfWidth = (interval.upperBound - interval.lowerBound) / 2
        #expect(abs(summary.mean - truth) <= 2 * halfWidth, "\(label): \(summary.mean) vs \(truth) ± \(2 * halfWidth)")
    }

    /// The grid values X_k = ln price(kΔ) of a log-OU path form a stationary AR(1) sequence:
    /// mean ln μ, variance σ²/(2θ), lag-k autocorrelation e^{−θkΔ} (Gillespie 1996). Checked
    /// over 200 independent paths of 2000 steps each, with per-path unbiased estimators that
    /// use the known mean and variance.
    @Test func logOUMatchesAnalyticMoments() {
        let mu = 0.97, sigmaPerSqrtHour = 0.3, reversion = 2.0 * 3600, step = 3600.0
        let process = PriceProcess.logOrnsteinUhlenbeck(
            mean: mu, volatilityPerSqrtHour: sigmaPerSqrtHour, reversionTime: reversion, step: step
        )
        let theta = 1 / reversion, sigma = sigmaPerSqrtHour / 60
        let logMean = log(mu)
        let variance = sigma * sigma / (2 * theta)                    // 0.09
        let lags = [1, 3]
        let paths = 200, steps = 2000

        var means: [Double] = [], variances: [Double] = []
        var correlations: [[Double]] = lags.map { _ in [] }
        var path = PricePath()
        let stream = RandomStream(seed: 1)
        var x = [Double](repeating: 0, count: steps)
        for replication in 0..<paths {
            stream.reseed(seed: 2024, replication: UInt64(replication), component: 3)
            path.reset(process: process, stream: stream)
            for k in 0..<steps {
                // The middle of step k: the price is constant on [kΔ, (k+1)Δ).
                x[k] = log(path.price(at: (Double(k) + 0.5) * step))
            }
            means.append(x.reduce(0, +) / Double(steps))
            variances.append(x.reduce(0) { $0 + ($1 - logMean) * ($1 - logMean) } / Double(steps))
            for (index, lag) in lags.enumerated() {
                var sum = 0.0
                for k in 0..<(steps - lag) { sum += (x[k] - logMean) * (x[k + lag] - logMean) }
                correlations[index].append(sum / Double(steps - lag) / variance)
            }
        }
        Self.expectWithinCI(means, logMean, "mean of ln price")
        Self.expectWithinCI(variances, variance, "variance of ln price")
        for (index, lag) in lags.enumerated() {
            Self.expectWithinCI(correlations[index], exp(-theta * Double(lag) * step), "lag-\(lag) autocorrelation")
        }
    }

    /// A log-OU path's price is constant within each step and changes at step boundaries.
    @Test func logOUPriceIsHeldWithinAStep() {
        var path = PricePath(
            process: .logOrnsteinUhlenbeck(mean: 1, volatilityPerSqrtHour: 0.5, reversionTime: 3600, step: 300),
            stream: RandomStream(seed: 9)
        )
        for k in 0..<50 {
            let start = Double(k) * 300
            let p = path.price(at: start)
            #expect(path.price(at: start + 150) == p)
            #expect(path.price(at: start + 299.999) == p)
            #expect(path.price(at: start + 300) != p)
        }
    }

    /// The cost of a series path is the hand-computed integral ∫ price dt / 3600, for intervals
    /// within one step, across several steps, past the last point (whose price holds forever),
    /// of zero length, and for overlapping intervals queried out of order (several nodes).
    @Test func seriesCostIsTheIntegral() {
        // 1.00/h on [0, 1h), 2.00/h on [1h, 2h), 0.50/h from 2h on.
        let process = PriceProcess.series([(0, 1.0), (3600, 2.0), (7200, 0.5)])
        var path = PricePath(process: process, stream: RandomStream(seed: 1))
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }

        #expect(close(path.cost(from: 0, to: 10_800), 1.0 + 2.0 + 0.5))      // three whole hours
        #expect(close(path.cost(from: 1800, to: 9000), 0.5 + 2.0 + 0.25))    // ½h at 1, 1h at 2, ½h at 0.5
        #expect(close(path.cost(from: 100, to: 200), 100.0 / 3600))          // within the first step
        #expect(close(path.cost(from: 3600, to: 7200), 2.0))                 // exactly one step
        #expect(path.cost(from: 5000, to: 5000) == 0)                        // zero length
        #expect(path.cost(from: 0, to: 0) == 0)
        #expect(close(path.cost(from: 7200, to: 7200 + 36_000), 5.0))        // 10h at the last price
        let longCost: Double = 600.0 / 3600 + 2.0 + 0.5 * (100_000.0 - 7200) / 3600
        #expect(close(path.cost(from: 3000, to: 100_000), longCost))
        #expect(close(path.cost(from: 1800, to: 9000), 2.75))                // again, after later queries
        #expect(path.price(at: 3599.999) == 1.0)
        #expect(path.price(at: 3600) == 2.0)                                 // segments are closed on the left
        #expect(path.price(at: 1e9) == 0.5)
        #expect(path.generatedSegments == 3)
    }

    /// A constant process costs price × hours.
    @Test func constantCost() {
        var path = PricePath(process: .constant(0.97), stream: RandomStream(seed: 1))
        #expect(abs(path.cost(from: 0, to: 7200) - 1.94) < 1e-12)
        #expect(path.cost(from: 10, to: 10) == 0)
        #expect(path.price(at: 123_456) == 0.97)
    }

    /// The cost of a log-OU path over an interval spanning many steps equals the sum, step by
    /// step, of the price held in the step times the overlap.
    @Test func logOUCostIsTheSumOverSteps() {
        let step = 300.0
        var path = PricePath(
            process: .logOrnsteinUhlenbeck(mean: 2, volatilityPerSqrtHour: 0.4, reversionTime: 7200, step: step),
            stream: RandomStream(seed: 77)
        )
        let t0 = 1234.5, t1 = 98_765.4
        var expected = 0.0
        var k = Int(t0 / step)
        while Double(k) * step < t1 {
            let low = max(t0, Double(k) * step), high = min(t1, Double(k + 1) * step)
            expected += path.price(at: Double(k) * step) * (high - low) / 3600
            k += 1
        }
        let cost = path.cost(from: t0, to: t1)
        #expect(abs(cost - expected) <= 1e-10 * expected)
        // Pieces add up to the whole.
        let split = path.cost(from: t0, to: 50_000) + path.cost(from: 50_000, to: t1)
        #expect(abs(split - cost) <= 1e-10 * cost)
    }

    /// `reset` with a stream reseeded to the same seed reproduces the same path, whatever was
    /// queried before; another seed gives another path.
    @Test func resetReproducesThePath() {
        let process = PriceProcess.logOrnsteinUhlenbeck(mean: 1, volatilityPerSqrtHour: 0.3, reversionTime: 21_600, step: 300)
        let stream = RandomStream(seed: 1)
        var path = PricePath()
        func prices(seed: UInt64, queryFirst: Double? = nil) -> [Double] {
            stream.reseed(seed: seed, replication: 5, component: 3)
            path.reset(process: process, stream: stream)
            if let queryFirst { _ = path.price(at: queryFirst) }
            return (0..<200).map { path.price(at: Double($0) * 450) }
        }
        let first = prices(seed: 11)
        #expect(prices(seed: 11, queryFirst: 200_000) == first)
        #expect(prices(seed: 11) == first)
        #expect(prices(seed: 12) != first)
    }

    /// The nominal price is the constant, the series' first price, or the log-OU's μ; the
    /// long-run mean of the log-OU is μ·exp(σ²/(4θ)).
    @Test func nominalAndLongRunPrices() {
        #expect(PriceProcess.constant(0.5).nominalPrice == 0.5)
        #expect(PriceProcess.series([(0, 1.5), (60, 0.7)]).nominalPrice == 1.5)
        #expect(PriceProcess.series([(0, 1.5), (60, 0.7)]).longRunMeanPrice == 0.7)
        let ou = PriceProcess.logOrnsteinUhlenbeck(mean: 0.97, volatilityPerSqrtHour: 0.3, reversionTime: 21_600, step: 300)
        #expect(ou.nominalPrice == 0.97)
        #expect(abs(ou.longRunMeanPrice - 0.97 * exp(0.09 * 6 / 4)) < 1e-12)
        #expect(SpotMarket(priceProcess: ou, lifetime: .exponential(mean: 1), notice: 0).price == 0.97)
        #expect(!PriceProcess.series([(10, 1)]).isValid)
        #expect(!PriceProcess.series([(0, 1), (0, 2)]).isValid)
    }
}
