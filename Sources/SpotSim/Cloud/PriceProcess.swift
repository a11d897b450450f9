import Foundation

/// How a pool's spot price moves over time, in USD per node-hour; a plain value (no random
/// state). ``PricePath`` is one replication's realisation of it.
///
/// Times are seconds from the replication's start.
///
/// - `constant(c)`: `c` forever.
/// - `series(points)`: piecewise constant: `points[i].price` holds on
///   `[points[i].time, points[i + 1].time)`, and the last price holds forever. The first point
///   is at time 0 and times increase strictly (``isValid``). Scenario files read it from a
///   CSV file (`time,price`).
/// - `logOrnsteinUhlenbeck(mean:volatility:reversionRate:step:)`: the log-price X = ln(price)
///   follows the Ornstein–Uhlenbeck SDE
///
///   ```
///   dX = θ (ln μ − X) dt + σ dW
///   ```
///
///   with μ = `mean` (USD per node-hour), σ = `volatility` (per √second), θ = `reversionRate`
///   (per second). X is sampled exactly on the grid t_k = k·Δ, Δ = `step` seconds, and the
///   price is held constant, exp(X_k), on [t_k, t_{k+1}). X_0 is drawn from the stationary
///   law N(ln μ, σ²/(2θ)), and each step uses the exact Gaussian transition
///
///   ```
///   X_{k+1} = ln μ + (X_k − ln μ) e^{−θΔ} + σ √((1 − e^{−2θΔ}) / (2θ)) · N(0, 1)
///   ```
///
///   so the grid values are a stationary AR(1) sequence with mean ln μ, variance σ²/(2θ) and
///   lag-k autocorrelation e^{−θkΔ}, with no discretisation error whatever Δ.
///   μ is therefore the long-run *median* (geometric mean) of the price; its long-run
///   arithmetic mean is μ·exp(σ²/(4θ)) (``longRunMeanPrice``).
///   Scenario files give σ per √hour and the reversion *time* 1/θ; see
///   ``logOrnsteinUhlenbeck(mean:volatilityPerSqrtHour:reversionTime:step:)``.
///
///   Reference for the exact update: D. T. Gillespie, "Exact numerical simulation of the
///   Ornstein–Uhlenbeck process and its integral", Physical Review E 54(2), 2084–2091 (1996)
///   (the exact one-step update of the OU process); also P. Glasserman, *Monte Carlo Methods
///   in Financial Engineering* (Springer, 2003), §3.3 (Gaussian short-rate models: exact
///   simulation of the Vasicek / OU process).
///
/// ```swift
/// let flat = PriceProcess.constant(0.97)
/// let trace = PriceProcess.series([(time: 0, price: 0.97), (time: 6 * 3600, price: 1.40)])
/// let ou = PriceProcess.logOrnsteinUhlenbeck(mean: 0.97, volatilityPerSqrtHour: 0.3,
///                                            reversionTime: 6 * 3600, step: 300)
/// ```
public enum PriceProcess: Sendable {
    /// Always `price` USD per node-hour.
    case constant(Double)
    /// Piecewise constant from `(time, price)` points: first time 0, strictly increasing.
    case series([(time: Double, price: Double)])
    /// Exponential of an Ornstein–Uhlenbeck process; units: `mean` USD per node-hour,
    /// `volatility` per √second, `reversionRate` per second, `step` seconds.
    case logOrnsteinUhlenbeck(mean: Double, volatility: Double, reversionRate: Double, step: Double)
    /// One price per tick of the pool's availability trace, replayed over the same window as
    /// the availability (`price: trace` in a scenario).
    case traced(prices: [Double], tick: Double)

    /// The log-OU process with the units scenario files use: σ per √hour and the mean-reversion
    /// time 1/θ in seconds (so σ_s = σ_h / 60 and θ = 1 / `reversionTime`).
    ///
    /// ```swift
    /// let ou = PriceProcess.logOrnsteinUhlenbeck(mean: 0.97, volatilityPerSqrtHour: 0.3,
    ///                                            reversionTime: 21_600, step: 300)
    /// ```
    public static func logOrnsteinUhlenbeck(
        mean: Double, volatilityPerSqrtHour: Double, reversionTime: Double, step: Double
    ) -> PriceProcess {
        .logOrnsteinUhlenbeck(
            mean: mean, volatility: volatilityPerSqrtHour / 60, reversionRate: 1 / reversionTime, step: step
        )
    }

    /// The price a pool is quoted at before anything happens, USD per node-hour: the constant,
    /// the series' price at time 0, the log-OU's μ (its long-run median). This is
    /// `SpotMarket.price`, used to rank pools by spot price.
    public var nominalPrice: Double {
        switch self {
        case .constant(let price): price
        case .series(let points): points.first?.price ?? .nan
        case .logOrnsteinUhlenbeck(let mean, _, _, _): mean
        case .traced(let prices, _): prices.isEmpty ? .nan : prices.reduce(0, +) / Double(prices.count)
        }
    }

    /// The long-run time-average price, USD per node-hour: the constant; the series' last price
    /// (it holds forever); μ·exp(σ²/(4θ)) for the log-OU (the mean of a log-normal with
    /// log-variance σ²/(2θ)).
    public var longRunMeanPrice: Double {
        switch self {
        case .constant(let price): price
        case .series(let points): points.last?.price ?? .nan
        case .logOrnsteinUhlenbeck(let mean, let volatility, let rate, _):
            mean * exp(volatility * volatility / (4 * rate))
        case .traced(let prices, _): prices.isEmpty ? .nan : prices.reduce(0, +) / Double(prices.count)
        }
    }

    /// The process's name as scenario files write it: `constant`, `series` or `log-ou`.
    public var name: String {
        switch self {
        case .constant: "constant"
        case .series: "series"
        case .logOrnsteinUhlenbeck: "log-ou"
        case .traced: "trace"
        }
    }

    /// Whether the parameters describe a process ``PricePath`` can realise: finite prices ≥ 0;
    /// a non-empty series starting at time 0 with strictly increasing finite times; a log-OU
    /// with μ > 0, σ ≥ 0, θ > 0 and Δ > 0, all finite.
    public var isValid: Bool {
        switch self {
        case .constant(let price):
            return price.isFinite && price >= 0
        case .series(let points):
            guard let first = points.first, first.time == 0 else { return false }
            var previous = -Double.infinity
            for point in points {
                guard point.time.isFinite, point.time > previous, point.price.isFinite, point.price >= 0 else {
                    return false
                }
                previous = point.time
            }
            return true
        case .logOrnsteinUhlenbeck(let mean, let volatility, let rate, let step):
            return mean.isFinite && mean > 0 && volatility.isFinite && volatility >= 0
                && rate.isFinite && rate > 0 && step.isFinite && step > 0
        case .traced(let prices, let tick):
            return !prices.isEmpty && tick > 0 && tick.isFinite && prices.allSatisfy { $0.isFinite && $0 >= 0 }
        }
    }
}

extension PriceProcess: Equatable {
    public static func == (lhs: PriceProcess, rhs: PriceProcess) -> Bool {
        switch (lhs, rhs) {
        case let (.constant(a), .constant(b)):
            return a == b
        case let (.series(a), .series(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.time == $1.time && $0.price == $1.price }
        case let (.logOrnsteinUhlenbeck(m1, v1, r1, s1), .logOrnsteinUhlenbeck(m2, v2, r2, s2)):
            return m1 == m2 && v1 == v2 && r1 == r2 && s1 == s2
        case let (.traced(a, t1), .traced(b, t2)):
            return a == b && t1 == t2
        default:
            return false
        }
    }
}
