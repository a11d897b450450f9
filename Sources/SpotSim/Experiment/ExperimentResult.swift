import Stochastics

/// The summaries of every metric for every cell of a scenario's grid.
public struct ExperimentResult: Sendable {
    public var scenario: Scenario
    public var cells: [CellResult]
}

/// One grid point's summaries, one per `Metric.allCases` in that order.
public struct CellResult: Sendable {
    public var cell: Cell
    public var summaries: [Summary]

    /// The summary of `metric`.
    public func summary(_ metric: Metric) -> Summary {
        summaries[Metric.allCases.firstIndex(of: metric)!]
    }
}
