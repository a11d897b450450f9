/// Spot capacity (and optionally price) per tick, as replayed by the engine.
///
/// A trace is a step function on a fixed grid: tick `k` covers the time
/// `[k·tick, (k+1)·tick)` and carries the number of spot instances available during it. It is
/// read from a measured file by ``TraceReader/read(path:format:values:tick:field:)``, which
/// normalises every ``TraceFormat``'s convention to this one form.
///
/// ```swift
/// let trace = try TraceReader.read(
///     path: "us-west-2b_v100_1.json", format: .spotTraces, values: .available,
///     tick: 195, field: "pools[0].spot.availability.trace")
/// trace.counts.count        // 20158
/// trace.upRuns().first      // (seconds: …, censored: true)
/// ```
public struct Trace: Sendable, Hashable {
    /// Seconds per tick (as declared by the scenario).
    public var tick: Double
    /// Spot instances available during tick k, i.e. over [k·tick, (k+1)·tick). Never negative.
    public var counts: [Int]
    /// True when the file only says up or down (count 1 = "the zone has capacity", for a gang
    /// of any size), false when counts are literal instance counts.
    public var isBinary: Bool
    /// USD per node-hour in force during each tick, when the file carries prices (same length
    /// as counts), else nil.
    public var prices: [Double]?
    /// The file the trace came from, for messages.
    public var source: String

    /// A trace of `counts` on ticks of `tick` seconds; the caller keeps the invariants the
    /// reader guarantees (counts ≥ 0, `prices` as long as `counts` when present).
    public init(tick: Double, counts: [Int], isBinary: Bool, prices: [Double]? = nil, source: String) {
        self.tick = tick
        self.counts = counts
        self.isBinary = isBinary
        self.prices = prices
        self.source = source
    }

    /// Up-times: maximal runs of ticks with count > 0, as (seconds, censored), in trace order.
    ///
    /// A run's length is its number of ticks times ``tick``. `censored` is true for a run that
    /// touches either end of the trace: it started before the trace began or had not ended
    /// when it stopped, so its true length is only known to be at least `seconds` (a run
    /// covering the whole trace is censored at both ends, and reported once). Used for fitting
    /// lifetime models.
    ///
    /// For literal counts above 1 the runs are still of count > 0 — "some capacity" — not of
    /// any one instance, whose lifetime the count does not identify. For SkyPilot "preemption"
    /// traces (one node kept running and relaunched) each run is one node's life, so these
    /// are the preemption-lifetime samples as well.
    ///
    /// ```swift
    /// Trace(tick: 60, counts: [1, 1, 0, 2, 0, 1], isBinary: false, source: "t").upRuns()
    /// // [(120, true), (60, false), (60, true)]
    /// ```
    ///
    /// - Complexity: O(n) in the number of ticks.
    public func upRuns() -> [(seconds: Double, censored: Bool)] {
        var runs: [(seconds: Double, censored: Bool)] = []
        var start: Int?
        for (index, count) in counts.enumerated() {
            if count > 0 {
                if start == nil { start = index }
            } else if let first = start {
                runs.append((Double(index - first) * tick, first == 0))
                start = nil
            }
        }
        if let first = start {
            runs.append((Double(counts.count - first) * tick, true))
        }
        return runs
    }
}
