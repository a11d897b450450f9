import Stochastics

/// The summaries of every metric for every cell of a scenario's grid.
public struct ExperimentResult: Sendable {
    public var scenario: Scenario
    public var cells: [CellResult]
    /// The metrics summarised, in report order (``Scenario/metrics``).
    public var metrics: [Metric] { scenario.metrics }

    /// The policy the cells' comparisons are against (`scenario.baseline`); `nil` for none.
    public var baseline: PolicySpec? { scenario.baseline }
}

/// One grid point's summaries, one per metric of ``ExperimentResult/metrics`` in that order,
/// and its comparison with the baseline policy.
public struct CellResult: Sendable {
    public var cell: Cell
    public var summaries: [Summary]
    /// The metrics of `summaries`, in order.
    public var metrics: [Metric] = Metric.allCases
    /// Cost above the `omniscient` policy's in the same replication (USD, paired), against the
    /// omniscient cell of the same job, interval and primary pool; `nil` when there is none
    /// and for `omniscient`'s own cells.
    public var overOptimum: Summary? = nil
    /// The paired comparison with the baseline policy's cell of the same job and interval;
    /// `nil` for the baseline's own cells and when the scenario has no baseline.
    public var comparison: Comparison? = nil

    public init(cell: Cell, summaries: [Summary], metrics: [Metric] = Metric.allCases, comparison: Comparison? = nil) {
        self.cell = cell
        self.summaries = summaries
        self.metrics = metrics
        self.comparison = comparison
    }

    /// The summary of `metric`.
    public func summary(_ metric: Metric) -> Summary {
        summaries[metrics.firstIndex(of: metric)!]
    }
}
