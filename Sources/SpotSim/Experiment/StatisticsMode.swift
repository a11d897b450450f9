import Stochastics

/// How a run summarises its replications.
///
/// - `exact` (the default): every replication's value of every cell × metric is kept until the
///   end (about 8 bytes × cells × metrics × replications), then sorted for GSL's exact
///   quantiles and two-pass mean and sd. Needed for `--per-replication`, shards and resumable
///   runs.
/// - `streaming`: no per-replication value is kept. Mean and sd by Welford's update, folded in
///   replication order (the same bits with any thread count); p50/p90/p99 from a
///   ``QuantileSketch`` within ``quantileRelativeError``; paired comparisons and over-optimum
///   computed replication by replication and folded the same way. Memory stays flat in the
///   number of replications (see ``ExperimentRunner/runStreaming(_:progress:stop:)``).
///
/// ```swift
/// let mode = StatisticsMode(rawValue: "streaming")!   // --statistics streaming
/// ```
public enum StatisticsMode: String, Sendable, Hashable, CaseIterable {
    case exact, streaming

    /// The bound on the relative error of each order statistic behind a streaming quantile
    /// (the sketch's α): 10⁻⁴.
    public static let quantileRelativeError = QuantileSketch.defaultRelativeAccuracy
}
