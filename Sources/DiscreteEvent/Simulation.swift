/// A discrete-event simulation: a clock, an `EventQueue` of pending events, and a run loop.
///
/// **Ordering guarantee.** Events are delivered in ascending time; at equal time in ascending
/// priority (lower value first, like SimPy's `URGENT = 0 < NORMAL = 1`); at equal
/// `(time, priority)` in the order they were scheduled (FIFO). A cancelled event is never
/// delivered. The clock never goes backwards: scheduling before `now`, or at a non-finite
/// time, is a programming error and traps.
///
/// The kernel knows nothing of what events mean: `Event` is usually a small enum, and the
/// handler passed to `run(until:_:)` interprets it, scheduling and cancelling further events.
///
/// ```swift
/// enum Event { case preempted, checkpointDone }
/// var sim = Simulation<Event>()
/// var checkpoint = sim.schedule(.checkpointDone, after: 60)
/// sim.schedule(.preempted, at: 45, priority: -1)
/// sim.run(until: 3600) { sim, event in
///     switch event {
///     case .preempted: sim.cancel(checkpoint)   // the checkpoint in flight is lost
///     case .checkpointDone: checkpoint = sim.schedule(.checkpointDone, after: 60)
///     }
/// }
/// ```
///
/// A `Simulation` is a value: copying it forks the whole future (the copy is lazy, on first
/// mutation). `reset()` empties it for the next replication while keeping its storage.
public struct Simulation<Event> {
    @usableFromInline var queue: EventQueue<Event>
    @usableFromInline var currentTime: Double
    @usableFromInline var deliveredCount: Int
    @usableFromInline var stopRequested: Bool

    /// Creates a simulation at time 0 with room for `minimumCapacity` pending events.
    ///
    /// - Complexity: O(`minimumCapacity`).
    @inlinable
    public init(minimumCapacity: Int = 64) {
        queue = EventQueue(minimumCapacity: minimumCapacity)
        currentTime = 0
        deliveredCount = 0
        stopRequested = false
    }

    /// The simulation clock: the time of the event being (or last) delivered, or the `limit`
    /// of the last `run(until:)` / `next(until:)` that found nothing more to deliver. Starts
    /// at 0 and never decreases.
    @inlinable public var now: Double { currentTime }

    /// How many events have been delivered since creation or the last `reset()`.
    @inlinable public var eventsDelivered: Int { deliveredCount }

    /// The number of scheduled events not yet delivered or cancelled.
    ///
    /// - Complexity: O(1).
    @inlinable public var pendingCount: Int { queue.count }

    /// The number of events that can be pending at once without allocating.
    ///
    /// - Complexity: O(1).
    @inlinable public var capacity: Int { queue.capacity }

    /// Schedules `event` at the absolute time `time`.
    ///
    /// ```swift
    /// let handle = sim.schedule(.spotReclaimed, at: 7200)
    /// ```
    ///
    /// - Precondition: `time` is finite and `time >= now`; `priority` is 16-bit
    ///   (`EventQueue.priorities`).
    /// - Complexity: O(log n).
    @inlinable
    @discardableResult
    public mutating func schedule(_ event: Event, at time: Double, priority: Int = 0) -> EventHandle {
        // `time.isFinite && time >= now` (`now` is finite) as two plain comparisons: LLVM turns
        // a range check against infinity into a slower bitwise classification.
        precondition(time >= currentTime && time <= .greatestFiniteMagnitude,
                     "event time \(time) must be finite and not before now (\(currentTime))")
        return queue.insert(event, atFinite: time, priority: priority)
    }

    /// Schedules `event` `delay` time units after `now`.
    ///
    /// ```swift
    /// sim.schedule(.checkpointDone, after: writeSeconds)
    /// ```
    ///
    /// - Precondition: `delay` is finite and not negative; `priority` is 16-bit.
    /// - Complexity: O(log n).
    @inlinable
    @discardableResult
    public mutating func schedule(_ event: Event, after delay: Double, priority: Int = 0) -> EventHandle {
        precondition(delay >= 0 && delay <= .greatestFiniteMagnitude, "delay \(delay) must be finite and not negative")
        return schedule(event, at: currentTime + delay, priority: priority)
    }

    /// Cancels a pending event: it will never be delivered.
    ///
    /// ```swift
    /// sim.cancel(checkpointHandle)   // preempted: the checkpoint never completes
    /// ```
    ///
    /// - Returns: `true` if the event was pending; `false` if it was already delivered or
    ///   cancelled (a stale handle never cancels a newer event).
    /// - Complexity: O(log n).
    @inlinable
    @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool {
        queue.remove(handle) != nil
    }

    /// Whether the event named by `handle` is scheduled and not yet delivered or cancelled.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func isPending(_ handle: EventHandle) -> Bool {
        queue.contains(handle)
    }

    /// The time of the next pending event, or `nil` when none is pending.
    ///
    /// - Complexity: O(1).
    @inlinable public var nextEventTime: Double? { queue.firstTime }

    /// Moves the clock forward to `time` without delivering an event — unless a pending event
    /// is earlier, when it returns `false` and leaves the clock alone.
    ///
    /// For a model that keeps an event of its own outside the queue — say, the one pending
    /// step of a process, which always comes first at its instant — and delivers it itself when
    /// no queued event is earlier. Events pending at `time` itself stay pending, to be delivered
    /// after the model's own event (as if it had the lowest priority value).
    ///
    /// ```swift
    /// if sim.advance(to: step) { takeStep() } else if let event = sim.next() { handle(event) }
    /// ```
    ///
    /// - Returns: whether the clock moved to `time` (no pending event is earlier).
    /// - Precondition: `time` is finite and not before `now`.
    /// - Complexity: O(1).
    @inlinable
    public mutating func advance(to time: Double) -> Bool {
        precondition(time >= currentTime && time <= .greatestFiniteMagnitude,
                     "cannot advance the clock from \(currentTime) to \(time)")
        guard time <= queue.firstTime ?? .infinity else { return false }
        currentTime = time
        return true
    }

    /// Moves the clock forward to `time`, which the caller knows no pending event precedes:
    /// `advance(to:)` without its look at the queue.
    ///
    /// For a model that delivers several of its own events in a row: it reads `nextEventTime`
    /// once, and while it schedules and cancels nothing it may move the clock to each of its
    /// events not after that time with this. Moving the clock past a pending event breaks the
    /// ordering guarantee; debug builds check that none is earlier.
    ///
    /// ```swift
    /// let limit = sim.nextEventTime ?? .infinity
    /// while step <= limit { sim.advance(uncheckedTo: step); step = takeStep() }
    /// ```
    ///
    /// - Precondition: `time` is finite and not before `now`, and no pending event is earlier.
    /// - Complexity: O(1).
    @inlinable
    public mutating func advance(uncheckedTo time: Double) {
        precondition(time >= currentTime && time <= .greatestFiniteMagnitude,
                     "cannot advance the clock from \(currentTime) to \(time)")
        assert(time <= queue.firstTime ?? .infinity, "advance(uncheckedTo: \(time)) would pass a pending event")
        currentTime = time
    }

    /// Removes the earliest pending event, advances `now` to its time, and returns it.
    ///
    /// ```swift
    /// while let event = sim.next() { handle(event) }
    /// ```
    ///
    /// - Returns: the event, or `nil` (clock unchanged) when nothing is pending.
    /// - Complexity: O(log n).
    @inlinable
    public mutating func next() -> Event? {
        guard let (time, event) = queue.popFirst() else { return nil }
        currentTime = time
        deliveredCount += 1
        return event
    }

    /// Like `next()`, but only delivers an event at or before `limit`.
    ///
    /// ```swift
    /// while let event = sim.next(until: horizon) { handle(event) }
    /// // now == horizon
    /// ```
    ///
    /// - Returns: the event; or `nil` when none is due at or before `limit`, having advanced
    ///   `now` to `limit` (left unchanged if `limit` is infinite). Later events stay pending.
    /// - Precondition: `limit >= now`.
    /// - Complexity: O(log n).
    @inlinable
    public mutating func next(until limit: Double) -> Event? {
        precondition(limit >= currentTime, "limit \(limit) is before now (\(currentTime))")
        guard let time = queue.firstTime, time <= limit else {
            if limit < .infinity { currentTime = limit }
            return nil
        }
        return next()
    }

    /// Delivers events to `handler` in order until none is due at or before `limit`, or the
    /// handler calls `stop()`.
    ///
    /// The handler receives the simulation `inout` so it can schedule, cancel, read `now`,
    /// or stop. Events at exactly `limit` are delivered; afterwards `now == limit` (unless
    /// `limit` is infinite, when `now` stays at the last event's time, or the run was stopped,
    /// when it stays at the time of the event whose handler stopped it).
    ///
    /// ```swift
    /// sim.run(until: 86_400) { sim, event in
    ///     if case .jobFinished = event { sim.stop() }
    /// }
    /// ```
    ///
    /// - Precondition: `limit >= now`.
    /// - Complexity: O(k log n) for k events delivered, plus the handler's cost.
    @inlinable
    public mutating func run(until limit: Double = .infinity, _ handler: (inout Simulation<Event>, Event) -> Void) {
        stopRequested = false
        defer { stopRequested = false }
        while !stopRequested, let event = next(until: limit) {
            handler(&self, event)
        }
    }

    /// Makes a running `run(until:_:)` return once the current handler returns.
    ///
    /// Outside `run` it has no effect: each `run` starts unstopped.
    ///
    /// - Complexity: O(1).
    @inlinable
    public mutating func stop() {
        stopRequested = true
    }

    /// Returns to the initial state — `now = 0`, no events delivered, none pending, every
    /// outstanding handle stale — keeping the reserved capacity, so the next replication
    /// allocates nothing.
    ///
    /// - Complexity: O(`capacity`).
    @inlinable
    public mutating func reset() {
        queue.removeAll()
        currentTime = 0
        deliveredCount = 0
        stopRequested = false
    }
}

extension Simulation: Sendable where Event: Sendable {}
