import Stochastics

/// One replication's realisation of an ``Availability``: when the pool's spot capacity is up,
/// and when it next changes.
///
/// Generated lazily, forward in time, from the stream given to ``reset(availability:stream:)``
/// (the engine's component `8·pool + 2`): the switch times are appended to a list kept for
/// the replication, so queries may come in any order. `reset` empties the list keeping its
/// capacity: in the steady state no query allocates. Not `Sendable` (it holds the stream).
///
/// The state is right-continuous: at a switch time the new state already holds. A period of
/// length 0 (a distribution that can draw 0) is no switch at all: its two switches cancel.
///
/// ```swift
/// var path = AvailabilityPath()
/// path.reset(availability: .alternating(up: .exponential(mean: 28_800), down: .exponential(mean: 7200),
///                                       start: .up, reclaimProbability: 1),
///            stream: RandomStream(seed: 42, replication: 0, component: 2))
/// path.isUp(at: 0)                 // true
/// let drop = path.nextChange(after: 0)   // when capacity first drops
/// ```
///
/// - Complexity: amortised O(1) per switch generated; lookups O(log n) in the switches
///   generated so far (O(1) when queries move forward).
public struct AvailabilityPath {
    private var up: Distribution = .constant(1)
    private var down: Distribution = .constant(1)
    private var stream: RandomStream?
    /// `false` for `always`.
    private var alternating = false
    /// The state on [0, switches[0]).
    private var initiallyUp = true
    /// Switch times, strictly increasing, all > 0.
    private var switches: [Double] = []
    /// The time of the last switch drawn (cancelled ones included); later switches are after it.
    private var frontier = 0.0
    /// The state from `frontier` on, as drawn so far.
    private var frontierUp = true
    private var hint = 0
    /// The replayed trace, and the first tick of this replication's window.
    private var replay: TraceReplay?
    private var startTick = 0
    /// `replay != nil`, kept apart so that the random paths' queries test a flag instead of
    /// copying the optional trace (its outlined copy costs more than the rest of a query).
    private var replaying = false

    /// A path that is always up, until ``reset(availability:stream:)``.
    public init() {}

    /// A path of `availability` drawing from `stream`; same as `init()` then `reset`.
    public init(availability: Availability, stream: RandomStream) {
        reset(availability: availability, stream: stream)
    }

    /// Starts a new realisation of `availability`, drawing from `stream` (reseed it first: the
    /// same stream state gives the same path). Draws the initial state and first period now.
    ///
    /// - Precondition: `availability.isValid` (the scenario decoder guarantees it; checked by
    ///   debug builds only, as `reset` runs once per replication). With a mean period of 0 the
    ///   path would never advance.
    /// - Complexity: O(1) expected (O(n) for an empirical distribution of n values with a
    ///   stationary start, whose mean is computed), no allocation once the capacity suffices.
    public mutating func reset(availability: Availability, stream: RandomStream) {
        assert(availability.isValid, "AvailabilityPath needs a valid availability")
        self.stream = stream
        switches.removeAll(keepingCapacity: true)
        hint = 0
        frontier = 0
        replay = nil
        replaying = false
        switch availability {
        case .trace:
            preconditionFailure("a trace is replayed with reset(replay:startTick:)")
        case .always:
            alternating = false
            initiallyUp = true
            frontierUp = true
        case .alternating(let up, let down, let start, _):
            alternating = true
            self.up = up
            self.down = down
            switch start {
            case .up, .down:
                initiallyUp = start == .up
                frontierUp = initiallyUp
                drawPeriod(length: (initiallyUp ? up : down).sample(using: stream))
            case .stationary:
                initiallyUp = stream.uniform() < availability.longRunUpFraction
                frontierUp = initiallyUp
                let period = (initiallyUp ? up : down).sampleLengthBiased(using: stream)
                drawPeriod(length: stream.uniform() * period)
            }
        }
    }

    /// Goes back to time 0 of the same realisation: the periods drawn so far are kept, and
    /// later ones are drawn from the stream where the last draw left it — the path that
    /// `reset(availability:stream:)` with the stream reseeded would draw again, without the
    /// draws. For another run over the same replication.
    ///
    /// - Complexity: O(1).
    public mutating func rewind() {
        hint = 0
    }

    /// Replays `replay` from trace tick `startTick`.
    ///
    /// - Complexity: O(1).
    public mutating func reset(replay: TraceReplay, startTick: Int) {
        self.replay = replay
        self.startTick = startTick
        replaying = true
        alternating = false
        stream = nil
    }

    /// The trace tick in force at replication time `t` (`nil` past the end without wrap-around).
    @inline(__always)
    private func traceIndex(_ replay: TraceReplay, at t: Double) -> Int? {
        let index = startTick + Int((t / replay.trace.tick + 1e-9).rounded(.down))
        if index < replay.tickCount { return index }
        return replay.pastEnd == .wrap ? index % replay.tickCount : nil
    }

    /// When a replayed trace runs out (replication seconds), or +∞ with wrap-around or for a
    /// random process.
    public var traceEnd: Double {
        guard replaying, let replay, replay.pastEnd == .refuse else { return .infinity }
        return Double(replay.tickCount - startTick) * replay.trace.tick
    }

    /// The spot nodes that can run at time `t`: `Int.max` when capacity is up in a random
    /// process or a binary trace, 0 when down (or past a trace's end).
    public mutating func capacity(at t: Double) -> Int {
        if replaying, let replay {
            guard let index = traceIndex(replay, at: t) else { return 0 }
            return replay.capacity(atTick: index)
        }
        return isUp(at: t) ? Int.max : 0
    }

    /// Whether capacity is up at time `t` (seconds ≥ 0).
    public mutating func isUp(at t: Double) -> Bool {
        if replaying { return capacity(at: t) > 0 }
        guard alternating else { return true }
        precondition(t >= 0 && t.isFinite, "AvailabilityPath times must be finite and >= 0")
        // Switches at or before t are final once the frontier is past t.
        while frontier <= t { drawNext() }
        let count = switchesAtOrBefore(t)
        return count % 2 == 0 ? initiallyUp : !initiallyUp
    }

    /// The time of the first switch (up → down or down → up) strictly after `t`, or of a
    /// replayed trace's next change in count or its end (`past_end: refuse`); +∞ when capacity
    /// never changes (`always`).
    public mutating func nextChange(after t: Double) -> Double {
        if replaying, let replay { return nextTraceChange(replay, after: t) }
        guard alternating else { return .infinity }
        precondition(t >= 0 && t.isFinite, "AvailabilityPath times must be finite and >= 0")
        while true {
            // A switch before the frontier is final (only one at the frontier may be cancelled).
            let final = switches.last == frontier ? switches.count - 1 : switches.count
            if final > 0, switches[final - 1] > t {
                return switches[switchesAtOrBefore(t)]
            }
            drawNext()
        }
    }

    /// The number of switches generated so far (for tests and diagnostics).
    public var generatedSwitches: Int { switches.count }

    /// The first tick boundary after `t` where the replayed count changes, or where the trace
    /// ends (without wrap-around): the engine treats the end as a change and fails there.
    private func nextTraceChange(_ replay: TraceReplay, after t: Double) -> Double {
        let n = replay.tickCount
        let tick = replay.trace.tick
        let elapsed = Int((t / tick + 1e-9).rounded(.down))  // ticks since the window started
        let absolute = startTick + elapsed
        if absolute >= n, replay.pastEnd == .refuse { return .infinity }
        let index = absolute % n
        var next = replay.nextChange[index]  // absolute within this pass of the trace
        if next == n {
            if replay.pastEnd == .refuse { return Double(n - startTick) * tick }  // the end
            if replay.trace.counts[0] == replay.trace.counts[n - 1] {
                let wrapped = replay.nextChange[0]
                if wrapped == n { return .infinity }  // a constant trace
                next = n + wrapped
            }
        }
        return Double(absolute - index + next - startTick) * tick
    }

    // MARK: - Generation

    /// The number of switches ≤ t among those generated.
    private mutating func switchesAtOrBefore(_ t: Double) -> Int {
        let count = switches.count
        // Fast path: t lies after the hinted switch and before the next one.
        if hint <= count, hint == 0 || switches[hint - 1] <= t {
            if hint == count || switches[hint] > t { return hint }
            // The commonest move: t is the next switch (a capacity change reads the new state).
            if hint + 1 == count || switches[hint + 1] > t {
                hint += 1
                return hint
            }
        }
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if switches[mid] <= t { low = mid + 1 } else { high = mid }
        }
        hint = low
        return low
    }

    /// Draws the period that starts at the frontier.
    private mutating func drawNext() {
        drawPeriod(length: (frontierUp ? up : down).sample(using: stream!))
    }

    /// Ends the period that started at the frontier after `length` seconds.
    private mutating func drawPeriod(length: Double) {
        let end = frontier + Swift.max(length, 0)
        frontierUp.toggle()
        if end > frontier {
            switches.append(end)
        } else if switches.last == frontier {
            // An empty period: the switch into it and out of it cancel.
            switches.removeLast()
            if hint > switches.count { hint = switches.count }
        } else if frontier == 0 {
            // An empty first period: the path really starts in the other state.
            initiallyUp.toggle()
        } else {
            switches.append(end)
        }
        frontier = end
    }
}
