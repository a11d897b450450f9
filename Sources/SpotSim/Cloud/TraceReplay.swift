/// Which window of a trace each replication replays.
public enum TraceWindows: Sendable, Hashable {
    /// Start ticks drawn uniformly from the replication's own stream, so that many replications
    /// cover the trace.
    case random
    /// Replication r starts at tick `starts[r]`.
    case listed([Int])
}

/// What happens when a replication needs the trace past its last tick.
public enum TracePastEnd: String, Sendable, Hashable, CaseIterable {
    /// Continue from the trace's first tick.
    case wrap
    /// The replication fails with an error naming the trace.
    case refuse
}

/// A pool's spot capacity replayed from a measured trace: the trace, which window each
/// replication replays, and what happens past its end.
///
/// Tick k of a window starting at tick s is the trace's tick s + k: capacity during replication
/// time [k·tick, (k+1)·tick) is `counts[s + k]`. A binary trace's non-zero value means capacity
/// for any number of nodes; a counting trace's value is the number of spot nodes that can run,
/// and a drop from c to c' reclaims min(c − c', running) of the job's running spot nodes.
///
/// ```swift
/// let replay = TraceReplay(trace: trace, windows: .listed([19, 191, 531]), pastEnd: .refuse)
/// replay.start(replication: 1, draw: 0.5)   // 191
/// ```
public struct TraceReplay: Sendable, Hashable {
    public var trace: Trace
    public var windows: TraceWindows
    public var pastEnd: TracePastEnd
    /// Ticks a random window must fit before the trace ends (with `refuse`): random starts are
    /// drawn from `0...(count − windowTicks)`.
    public var windowTicks: Int
    /// `nextChange[k]`: the first tick after k whose count differs from tick k's, or the tick
    /// count when none does.
    let nextChange: [Int]

    public init(trace: Trace, windows: TraceWindows, pastEnd: TracePastEnd, windowTicks: Int = 0) {
        self.trace = trace
        self.windows = windows
        self.pastEnd = pastEnd
        self.windowTicks = windowTicks
        var next = Array(repeating: trace.counts.count, count: trace.counts.count)
        if trace.counts.count > 1 {
            for k in stride(from: trace.counts.count - 2, through: 0, by: -1) {
                next[k] = trace.counts[k + 1] != trace.counts[k] ? k + 1 : next[k + 1]
            }
        }
        nextChange = next
    }

    public static func == (a: TraceReplay, b: TraceReplay) -> Bool {
        a.trace == b.trace && a.windows == b.windows && a.pastEnd == b.pastEnd && a.windowTicks == b.windowTicks
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(trace)
        hasher.combine(windows)
        hasher.combine(pastEnd)
        hasher.combine(windowTicks)
    }

    /// Ticks in the trace.
    public var tickCount: Int { trace.counts.count }

    /// Capacity drops per second of trace time (a drop reclaims the job's nodes): the rate
    /// the `young` and `daly` checkpoint intervals use, like an alternating process's
    /// reclaim probability ÷ mean cycle.
    public var dropsPerSecond: Double {
        let counts = trace.counts
        guard counts.count > 1 else { return 0 }
        var drops = 0
        for k in 1..<counts.count where counts[k] < counts[k - 1] { drops += 1 }
        return Double(drops) / (Double(counts.count) * trace.tick)
    }

    /// The number of possible random starts.
    public var randomStarts: Int {
        pastEnd == .wrap ? tickCount : Swift.max(1, tickCount - windowTicks + 1)
    }

    /// The first tick of replication `replication`'s window; `draw` is a uniform number in
    /// [0, 1) from the replication's stream (used only for random windows).
    public func start(replication: Int, draw: Double) -> Int {
        switch windows {
        case .listed(let starts):
            return starts[replication]
        case .random:
            return Swift.min(Int(draw * Double(randomStarts)), randomStarts - 1)
        }
    }

    /// The spot nodes that can run at trace tick `index` (`Int.max` for a binary trace's up).
    @inline(__always)
    func capacity(atTick index: Int) -> Int {
        let count = trace.counts[index]
        return trace.isBinary && count > 0 ? Int.max : count
    }
}
