import CGSL
import Foundation
import Stochastics

/// One replication's realisation of a ``PriceProcess``: the spot price at each moment and
/// the cost of running a node over an interval.
///
/// The path is generated lazily, forward in time, as queries reach further: a grid of
/// segments (start time, price, integral of the price up to the start) is appended to and
/// kept for the whole replication, so several nodes may ask about overlapping intervals in
/// any order. ``reset(process:stream:)`` empties the grid keeping its capacity: once the
/// capacity has grown to what a replication needs, no query allocates.
///
/// Random draws (log-OU only) come from the stream given to `reset`, which the path keeps
/// and draws from as it extends; give it a stream of its own (the engine's component
/// `8·pool + 3`, see `StreamComponent`) so that every policy of one replication sees the same
/// prices. A path is not `Sendable` (it holds the stream): one per task.
///
/// ```swift
/// var path = PricePath()
/// let stream = RandomStream(seed: 42, replication: 0, component: 3)
/// path.reset(process: .logOrnsteinUhlenbeck(mean: 0.97, volatilityPerSqrtHour: 0.3,
///                                           reversionTime: 21_600, step: 300), stream: stream)
/// let p = path.price(at: 3600)               // USD per node-hour
/// let usd = path.cost(from: 0, to: 7200)     // USD for one node over two hours
/// ```
///
/// - Complexity: `price(at:)` and `cost(from:to:)` are amortised O(1) for a log-OU path plus
///   the grid steps newly generated, O(log n) for a series of n points; O(1) for a constant.
public struct PricePath {
    private enum Kind {
        case constant(Double)
        case series([(time: Double, price: Double)])
        /// ln μ, e^{−θΔ}, σ√((1 − e^{−2θΔ})/(2θ)), σ/√(2θ), Δ.
        case logOU(logMean: Double, decay: Double, innovation: Double, stationary: Double, step: Double)
        /// A trace's per-tick prices from tick `start`, continuing from tick 0 past the end
        /// when `wrap`, else holding the last price.
        case ticks(prices: [Double], start: Int, tick: Double, wrap: Bool)
    }

    private var kind: Kind = .constant(0)
    private var stream: RandomStream?
    /// Segment k is [starts[k], starts[k + 1]) (the last generated one, for a series whose
    /// points are exhausted, extends forever) at `prices[k]`.
    private var starts: [Double] = []
    private var prices: [Double] = []
    /// ∫₀^{starts[k]} price dt, in USD·seconds per hour.
    private var integrals: [Double] = []
    /// The log-price of the last log-OU segment generated.
    private var logPrice = 0.0
    /// The segment the last lookup found (queries move forward, mostly).
    private var hint = 0

    /// An empty path: a constant price of 0 until ``reset(process:stream:)``.
    public init() {}

    /// A path of `process` drawing from `stream`; same as `init()` then `reset`.
    public init(process: PriceProcess, stream: RandomStream) {
        reset(process: process, stream: stream)
    }

    /// Starts a new realisation of `process`, drawing from `stream` (reseed the stream first
    /// for a new replication: the same stream state gives the same path).
    ///
    /// Draws nothing yet; keeps the grid's capacity.
    ///
    /// - Precondition: `process.isValid` (the scenario decoder guarantees it). Checked in full
    ///   only by debug builds — `isValid` is O(n) for a series of n points and `reset` runs once
    ///   per replication; release builds check a series' order as its segments are generated.
    /// - Complexity: O(1), no allocation.
    public mutating func reset(process: PriceProcess, stream: RandomStream) {
        assert(process.isValid, "PricePath needs a valid price process")
        self.stream = stream
        starts.removeAll(keepingCapacity: true)
        prices.removeAll(keepingCapacity: true)
        integrals.removeAll(keepingCapacity: true)
        hint = 0
        logPrice = 0
        switch process {
        case .constant(let price):
            kind = .constant(price)
        case .series(let points):
            kind = .series(points)
        case .logOrnsteinUhlenbeck(let mean, let sigma, let theta, let step):
            let decay = exp(-theta * step)
            // 1 − e^{−2θΔ} without cancellation for small θΔ.
            let innovation = sigma * (-expm1(-2 * theta * step) / (2 * theta)).squareRoot()
            let stationary = sigma / (2 * theta).squareRoot()
            kind = .logOU(logMean: log(mean), decay: decay, innovation: innovation, stationary: stationary, step: step)
        case .traced(let prices, let tick):
            kind = .ticks(prices: prices, start: 0, tick: tick, wrap: false)
        }
    }

    /// Starts a replay of `prices` (one per tick of `tick` seconds) from tick `start`: the
    /// window of a replayed trace. Past the last price the replay continues from the first when
    /// `wrap`, else holds the last price.
    ///
    /// - Complexity: O(1), no allocation.
    public mutating func reset(prices: [Double], tick: Double, start: Int, wrap: Bool) {
        stream = nil
        starts.removeAll(keepingCapacity: true)
        self.prices.removeAll(keepingCapacity: true)
        integrals.removeAll(keepingCapacity: true)
        hint = 0
        logPrice = 0
        kind = .ticks(prices: prices, start: start, tick: tick, wrap: wrap)
    }

    /// The spot price at time `t` (seconds), USD per node-hour. Segments are closed on the
    /// left: at a step or series time the new price applies.
    ///
    /// - Precondition: `t` is finite and ≥ 0.
    public mutating func price(at t: Double) -> Double {
        if case .constant(let price) = kind { return price }
        return prices[segment(containing: t)]
    }

    /// The cost in USD of one node over [t0, t1]: ∫ price dt / 3600 (t in seconds, price in USD
    /// per node-hour). Zero when `t1 == t0`.
    ///
    /// - Precondition: 0 ≤ `t0` ≤ `t1`, both finite.
    public mutating func cost(from t0: Double, to t1: Double) -> Double {
        precondition(t0 <= t1, "PricePath.cost needs t0 <= t1")
        if case .constant(let price) = kind {
            precondition(t0 >= 0 && t1.isFinite, "PricePath times must be finite and >= 0")
            return price * (t1 - t0) / 3600
        }
        if t0 == t1 {
            precondition(t0 >= 0 && t0.isFinite, "PricePath times must be finite and >= 0")
            return 0
        }
        let k0 = segment(containing: t0)
        let k1 = segment(containing: t1)
        if k0 == k1 { return prices[k0] * (t1 - t0) / 3600 }
        let head = prices[k0] * (starts[k0 + 1] - t0)
        let middle = integrals[k1] - integrals[k0 + 1]
        let tail = prices[k1] * (t1 - starts[k1])
        return (head + middle + tail) / 3600
    }

    /// The number of grid segments generated so far (for tests and diagnostics).
    public var generatedSegments: Int { starts.count }

    // MARK: - Generation

    /// The index of the segment containing `t`, generating segments up to it.
    private mutating func segment(containing t: Double) -> Int {
        precondition(t >= 0 && t.isFinite, "PricePath times must be finite and >= 0")
        extend(through: t)
        let count = starts.count
        // Fast path: the hinted segment or the next one (queries move forward).
        if hint < count, starts[hint] <= t {
            if hint + 1 == count || t < starts[hint + 1] { return hint }
            if hint + 2 == count || t < starts[hint + 2] {
                hint += 1
                return hint
            }
        }
        var k: Int
        if case .ticks(_, _, let step, _) = kind {
            k = Swift.min(Int(t / step), count - 1)
            while k > 0, starts[k] > t { k -= 1 }
            while k + 1 < count, starts[k + 1] <= t { k += 1 }
        } else if case .logOU(_, _, _, _, let step) = kind {
            k = Swift.min(Int(t / step), count - 1)
            while k > 0, starts[k] > t { k -= 1 }
            while k + 1 < count, starts[k + 1] <= t { k += 1 }
        } else {
            // Last start ≤ t (starts[0] == 0 ≤ t).
            var low = 0, high = count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if starts[mid] <= t { low = mid } else { high = mid - 1 }
            }
            k = low
        }
        hint = k
        return k
    }

    /// Appends segments until the segment containing `t` is complete (its end is after `t`,
    /// or it is a series' last segment).
    private mutating func extend(through t: Double) {
        while true {
            let count = starts.count
            if count > 0 {
                let next = nextStart(count)
                if next > t { return }
            }
            appendSegment()
        }
    }

    /// The start of segment `k` (not necessarily generated): +∞ past a series' last point.
    private func nextStart(_ k: Int) -> Double {
        switch kind {
        case .constant: return .infinity
        case .series(let points): return k < points.count ? points[k].time : .infinity
        case .logOU(_, _, _, _, let step): return Double(k) * step
        case .ticks(_, _, let tick, _): return Double(k) * tick
        }
    }

    private mutating func appendSegment() {
        let k = starts.count
        let start = nextStart(k)
        let price: Double
        switch kind {
        case .constant(let value):
            price = value
        case .series(let points):
            precondition(k > 0 ? start > starts[k - 1] : start == 0, "a price series starts at 0 and its times increase")
            price = points[k].price
        case .logOU(let logMean, let decay, let innovation, let stationary, _):
            let rng = stream!.rng
            if k == 0 {
                logPrice = logMean + gsl_ran_gaussian(rng, stationary)
            } else {
                logPrice = logMean + (logPrice - logMean) * decay + gsl_ran_gaussian(rng, innovation)
            }
            price = exp(logPrice)
        case .ticks(let values, let first, _, let wrap):
            let index = first + k
            price = index < values.count ? values[index] : (wrap ? values[index % values.count] : values[values.count - 1])
        }
        let integral = k == 0 ? 0 : integrals[k - 1] + prices[k - 1] * (start - starts[k - 1])
        starts.append(start)
        prices.append(price)
        integrals.append(integral)
    }
}
