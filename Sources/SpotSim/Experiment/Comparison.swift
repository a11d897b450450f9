import Stochastics

/// A quantity that compares a grid point with the baseline policy's point of the same job and
/// checkpoint interval, replication by replication.
///
/// Names are stable: JSON, CSV and regression checks refer to them.
public enum ComparisonMetric: String, Sendable, CaseIterable, Hashable {
    /// Baseline cost − cost, USD: positive when the policy is cheaper.
    case savingsUSD = "savings_usd"
    /// (Baseline cost − cost) ÷ baseline cost, per replication: 0.574 is 57.4 % cheaper.
    case savingsFraction = "savings_fraction"
    /// Completion − baseline completion, hours: positive when the policy finishes later.
    case extraCompletionHours = "extra_completion_hours"
}

/// One grid point against the baseline policy: paired differences with their own summaries.
///
/// Within one replication every policy and checkpoint interval faces the same market (common
/// random numbers; see ``Replicator``), so the difference of two policies is computed
/// replication by replication, dᵢ = baselineᵢ − policyᵢ, and summarised as a sample of its own:
/// mean, sd, a 95 % Student-t interval and p50/p90/p99, all from GSL through ``Summary``. Its
/// interval reflects only the noise the two policies do not share, and is usually far
/// narrower than an interval built from the two means' separate errors (when both policies
/// see identical events, every dᵢ is 0 and so are sd and the interval's width).
///
/// **`savings_fraction` is the per-replication ratio** (bᵢ − cᵢ) ÷ bᵢ, summarised like the
/// others, rather than the ratio of mean costs 1 − c̄ ÷ b̄ with a delta-method interval:
/// - it is a paired sample like the other two, so its interval is the same Student-t interval
///   from GSL, with no hand-written variance approximation;
/// - it has a distribution, so p50/p90/p99 mean something ("in nine runs out of ten the policy
///   saved at least …"), which a ratio of means cannot give;
/// - with the default baseline, on-demand, the baseline cost barely varies between
///   replications (it is constant without provisioning randomness), and the two estimators
///   agree; against a baseline whose cost varies a lot, the mean of ratios can differ from
///   1 − c̄ ÷ b̄ (Jensen's inequality) — `savings_usd` ÷ the baseline's mean cost gives the
///   latter.
///
/// The ratio is defined only when the baseline cost is greater than 0 in every replication
/// (a free spot baseline is possible): otherwise `savings_fraction` is `nil`, never a silent 0.
///
/// ```swift
/// let c = Comparison(
///     baseline: "on-demand",
///     cost: [40, 60], completionHours: [12, 14],
///     baselineCost: [100, 100], baselineCompletionHours: [10, 10]
/// )
/// c.summary(.savingsUSD)?.mean             // 50
/// c.summary(.savingsFraction)?.mean        // 0.5
/// c.summary(.extraCompletionHours)?.mean   // 3
/// ```
public struct Comparison: Sendable {
    /// The name of the policy compared with (`on-demand`).
    public var baseline: String
    /// One summary per ``ComparisonMetric/allCases``, in that order; `nil` where undefined.
    public var summaries: [Summary?]

    /// Pairs a grid point's per-replication costs and completion times with the baseline's,
    /// index by index (index = replication).
    ///
    /// - Precondition: the four arrays have the same non-zero count and finite values.
    /// - Complexity: O(n log n) time (GSL sorts for the quantiles), O(n) memory.
    public init(
        baseline: String, cost: [Double], completionHours: [Double],
        baselineCost: [Double], baselineCompletionHours: [Double]
    ) {
        let n = cost.count
        precondition(n > 0 && completionHours.count == n && baselineCost.count == n && baselineCompletionHours.count == n,
                     "paired samples need equal, non-zero counts")
        self.baseline = baseline
        var savings = [Double](repeating: 0, count: n)
        var fractions = [Double](repeating: 0, count: n)
        var extra = [Double](repeating: 0, count: n)
        var fractionDefined = true
        for index in 0..<n {
            let base = baselineCost[index]
            savings[index] = base - cost[index]
            extra[index] = completionHours[index] - baselineCompletionHours[index]
            if base > 0 {
                fractions[index] = savings[index] / base
            } else {
                fractionDefined = false
            }
        }
        var summaries: [Summary?] = []
        for metric in ComparisonMetric.allCases {
            switch metric {
            case .savingsUSD: summaries.append(Summary(sorting: &savings))
            case .savingsFraction: summaries.append(fractionDefined ? Summary(sorting: &fractions) : nil)
            case .extraCompletionHours: summaries.append(Summary(sorting: &extra))
            }
        }
        self.summaries = summaries
    }

    /// The summary of `metric`, or `nil` when it is undefined (``ComparisonMetric/savingsFraction``
    /// when some replication's baseline cost is 0).
    public func summary(_ metric: ComparisonMetric) -> Summary? {
        summaries[ComparisonMetric.allCases.firstIndex(of: metric)!]
    }
}
