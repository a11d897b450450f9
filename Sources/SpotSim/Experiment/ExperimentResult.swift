import Stochastics

/// The summaries of every metric for every cell of a scenario's grid.
public struct ExperimentResult: Sendable {
    public var scenario: Scenario
    public var cells: [CellResult]

    /// The policy the cells' comparisons are against (`scenario.baseline`); `nil` for none.
    public var baseline: PolicySpec? { scenario.baseline }
}

/// One grid point's summaries, one per `Metric.allCases` in that order, and its comparison
/// with the baseline policy.
public struct CellResult: Sendable {
    public var cell: Cell
    public var summaries: [Summary]
    /// The paired comparison with the baseline policy's cell of the same job and interval;
    /// `nil` for the baseline's own cells and when the scenario has no baseline.
    public var comparison: Comparison? = nil

    /// The summary of `metric`.
    public func summary(_ metric: Metric) -> Summary {
        summaries[Metric.allCases.firstIndex(of: metric)!]
    }
}
