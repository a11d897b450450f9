import Foundation

/// How much worse than the baseline a metric may get, beyond the noise of both runs, before
/// `spotsim check` calls it a regression: a fraction of the baseline's mean (`5%`) or an
/// amount in the metric's own unit (`0.5`).
///
/// ```swift
/// Tolerance(parsing: "5%")                  // .relative(0.05)
/// Tolerance(parsing: "0.5")                 // .absolute(0.5)
/// Tolerance.relative(0.05).amount(baselineMean: -200)   // 10: relative to |mean|
/// ```
public enum Tolerance: Sendable, Hashable, CustomStringConvertible {
    /// A fraction of the baseline mean's magnitude: 0.05 is 5 %.
    case relative(Double)
    /// An amount in the metric's unit (USD, hours, a fraction for goodput).
    case absolute(Double)

    /// `5%` (relative) or `0.5` (absolute), finite and not negative; `nil` otherwise.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") {
            let number = trimmed.dropLast().trimmingCharacters(in: .whitespaces)
            guard let percent = Double(number), percent.isFinite, percent >= 0 else { return nil }
            self = .relative(percent / 100)
        } else {
            guard let amount = Double(trimmed), amount.isFinite, amount >= 0 else { return nil }
            self = .absolute(amount)
        }
    }

    /// The tolerance in the metric's unit for a baseline mean of `baselineMean`.
    public func amount(baselineMean: Double) -> Double {
        switch self {
        case .relative(let fraction): return fraction * abs(baselineMean)
        case .absolute(let amount): return amount
        }
    }

    /// `5%` or `0.5`.
    public var description: String {
        switch self {
        case .relative(let fraction): return "\(JSONWriter.number(fraction * 100))%"
        case .absolute(let amount): return JSONWriter.number(amount)
        }
    }
}

/// The tolerances of a check: one for every metric (0 unless given) and per-metric
/// overrides, parsed from `--tolerance` values.
///
/// ```swift
/// let set = try ToleranceSet(parsing: ["2%", "cost_usd=10", "goodput=0.01"])
/// set.tolerance(for: "cost_usd")          // .absolute(10)
/// set.tolerance(for: "completion_hours")  // .relative(0.02)
/// ```
public struct ToleranceSet: Sendable, Hashable {
    /// The tolerance of every metric without its own.
    public var global: Tolerance
    /// Tolerances by metric name.
    public var perMetric: [String: Tolerance]

    public init(global: Tolerance = .absolute(0), perMetric: [String: Tolerance] = [:]) {
        self.global = global
        self.perMetric = perMetric
    }

    /// Parses `--tolerance` values: `5%`, `0.5`, `NAME=5%` or `NAME=0.5`, where NAME is one of
    /// ``MetricDirection/knownMetrics``. At most one value without a name, and one per name.
    ///
    /// - Throws: ``CheckUsageError`` naming the value and what was expected.
    public init(parsing values: [String]) throws(CheckUsageError) {
        self.init()
        var sawGlobal = false
        for value in values {
            let expected = "a tolerance like 5% (of the baseline mean) or 0.5 (in the metric's unit), optionally after a metric name: cost_usd=2%"
            if let equals = value.firstIndex(of: "=") {
                let name = value[..<equals].trimmingCharacters(in: .whitespaces)
                guard MetricDirection.of(name) != nil else {
                    throw CheckUsageError("--tolerance \(value): '\(name)' is not a metric; metrics: \(MetricDirection.knownMetrics.joined(separator: ", "))")
                }
                guard let tolerance = Tolerance(parsing: String(value[value.index(after: equals)...])) else {
                    throw CheckUsageError("--tolerance: expected \(expected), found '\(value)'")
                }
                guard perMetric[name] == nil else {
                    throw CheckUsageError("--tolerance: \(name) has two tolerances; give one")
                }
                perMetric[name] = tolerance
            } else {
                guard let tolerance = Tolerance(parsing: value) else {
                    throw CheckUsageError("--tolerance: expected \(expected), found '\(value)'")
                }
                guard !sawGlobal else {
                    throw CheckUsageError("--tolerance: two tolerances for every metric (\(global), \(tolerance)); give one, and NAME=VALUE for a metric's own")
                }
                sawGlobal = true
                global = tolerance
            }
        }
    }

    /// The tolerance of the metric named `metric`: its own, else the global one.
    public func tolerance(for metric: String) -> Tolerance {
        perMetric[metric] ?? global
    }
}
