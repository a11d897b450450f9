/// How `spotsim check` compares a run with its baseline.
///
/// - `exact`: every number of every result must be identical. Right when the baseline was
///   made by the same spotsim version with the same seed and replications: the simulation is
///   then deterministic, so any difference means the results changed.
/// - `statistical`: a metric regresses only when its mean got worse by more than the
///   tolerance plus the noise of both runs (see ``RegressionCheck``). Right when the seed,
///   the replication count or spotsim itself differ.
/// - `auto` (the default): `exact` when the baseline's spotsim version, seed, replications
///   and statistics mode (exact or streaming, see ``StatisticsMode``) equal the run's, else
///   `statistical`.
///
/// ```swift
/// let decision = CheckMode.auto.decide(baseline: base, current: run)
/// decision.mode     // .statistical
/// decision.reason   // "auto: the seed differs (baseline 1, this run 8)"
/// ```
public enum CheckMode: String, Sendable, Hashable, CaseIterable {
    case auto, exact, statistical

    /// The mode to use for these two reports, and why.
    public func decide(baseline: ParsedReport, current: ParsedReport) -> ModeDecision {
        switch self {
        case .exact: return ModeDecision(mode: .exact, reason: "requested")
        case .statistical: return ModeDecision(mode: .statistical, reason: "requested")
        case .auto:
            var differences: [String] = []
            if baseline.spotsimVersion != current.spotsimVersion {
                differences.append("the spotsim version differs (baseline \(baseline.spotsimVersion), this run \(current.spotsimVersion))")
            }
            if baseline.seed != current.seed {
                differences.append("the seed differs (baseline \(baseline.seed), this run \(current.seed))")
            }
            if baseline.replications != current.replications {
                differences.append("the replications differ (baseline \(baseline.replications), this run \(current.replications))")
            }
            if baseline.statistics != current.statistics {
                differences.append("the statistics differ (baseline \(baseline.statistics.rawValue), this run \(current.statistics.rawValue))")
            }
            if differences.isEmpty {
                let same = current.statistics == .streaming
                    ? "seed \(current.seed), \(current.replications) replications and streaming statistics"
                    : "seed \(current.seed) and \(current.replications) replications"
                return ModeDecision(
                    mode: .exact, reason: "auto: same spotsim version \(current.spotsimVersion), \(same) as the baseline"
                )
            }
            return ModeDecision(mode: .statistical, reason: "auto: " + differences.joined(separator: "; "))
        }
    }
}

/// The mode a check used (``CheckMode/exact`` or ``CheckMode/statistical``, never `auto`)
/// and why, in words for the verdict.
public struct ModeDecision: Sendable, Hashable {
    public var mode: CheckMode
    public var reason: String

    public init(mode: CheckMode, reason: String) {
        precondition(mode != .auto, "a decision is exact or statistical")
        self.mode = mode
        self.reason = reason
    }
}
