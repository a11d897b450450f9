/// The layouts of measured spot-availability files that ``TraceReader`` understands.
///
/// Each names one public research artifact's convention; the reader turns all of them into a
/// ``Trace`` of available instances per tick.
///
/// | format | file | a value means |
/// |---|---|---|
/// | `spot-traces` | SkyPilot JSON `{"metadata": {"gap_seconds": N}, "data": [...], "prices": [...]}` (prices optional) | available instances |
/// | `skynomad` | skynomad GCP H100 `full.json`, same shape with nested metadata | 1 = preempted, 0 = available |
/// | `bamboo-events` | Bamboo `milliseconds,add|remove,nodeN` lines | the nodes currently added |
/// | `bamboo-counts` | Bamboo `YYYY-MM-DD, HH:MM:SS, count` lines (UTC) | running instances |
public enum TraceFormat: String, CaseIterable, Sendable {
    /// SkyPilot spot-traces JSON: `{"metadata":{"gap_seconds":N}, "data":[counts...]}` with
    /// optional `"prices":[...]`; values are available instances.
    case spotTraces = "spot-traces"
    /// skynomad GCP H100 `full.json`: `{"metadata":{"gap_seconds":600, "price_info":{…}, …},
    /// "data":[0/1...], "prices":[...]}`; 1 = preempted/unavailable.
    case skynomad = "skynomad"
    /// Bamboo `milliseconds,add|remove,nodeN` lines (`p3-trace.csv`, `g4dn-trace.csv`); the
    /// count is the number of nodes currently added.
    case bambooEvents = "bamboo-events"
    /// Bamboo `YYYY-MM-DD, HH:MM:SS, count` lines (`a100x1-east1b.txt`, `v100x1-east1c.txt`).
    case bambooCounts = "bamboo-counts"
}

/// What a tick's value means; each format has a documented default but the scenario may
/// declare it.
public enum TraceValues: String, CaseIterable, Sendable {
    /// The value counts available instances (1 = up).
    case available
    /// The value is 1 when the zone is preempted/unavailable, 0 when available (binary only).
    case preempted
}

extension TraceFormat {
    /// The convention of the format's source: `.preempted` for skynomad, `.available` for the
    /// others.
    public var defaultValues: TraceValues {
        switch self {
        case .skynomad: .preempted
        case .spotTraces, .bambooEvents, .bambooCounts: .available
        }
    }
}
