/// An event held by the model outside the queue that keeps its place in the delivery order.
///
/// For a model that, for a while, knows more about some of its events than the queue needs
/// to: a handful of events that it schedules, delivers and reschedules among themselves many
/// times in a row — say, node launches retried every minute while a pool has no capacity —
/// can be detached from the queue, delivered by the model in a loop of its own while each is
/// the next event (``Simulation/isNext(_:)``), and put back afterwards. Each carries its
/// `(time, priority, sequence)` key, so the order of delivery is exactly the queue's: a
/// detached event is delivered when, and only when, the queue would have delivered it, and
/// one put back (``Simulation/reattach(_:)``) sits where it sat before, however many events
/// were scheduled in the meantime.
///
/// ```swift
/// var pending = sim.detach(handle)!              // out of the queue, order kept
/// while sim.isNext(pending) {
///     let event = sim.deliver(pending)           // the clock moves; counted as delivered
///     pending = sim.detached(event, after: 60)   // ordered as if scheduled now
/// }
/// handle = sim.reattach(pending)                 // back where the queue would hold it
/// ```
///
/// A detached event is a value: the model keeps it, delivers it at most once, and either
/// delivers it or reattaches it. The queue does not know about it, so `pendingCount`,
/// `nextEventTime` and `run(until:)` ignore it until it is reattached.
public struct DetachedEvent<Event> {
    /// When it is due.
    public let time: Double
    /// The packed `(priority, sequence)` key it had, or would have had, in the queue.
    @usableFromInline let order: UInt64
    /// The event.
    public let event: Event

    @inlinable init(time: Double, order: UInt64, event: Event) {
        self.time = time
        self.order = order
        self.event = event
    }

    /// Its priority.
    @inlinable public var priority: Int { Int(truncatingIfNeeded: order >> 48) &- 0x8000 }

    /// Whether it comes before `other` in the delivery order: the earlier time; at equal times
    /// the lower priority value; at equal `(time, priority)` the one scheduled first.
    @inlinable public func precedes(_ other: DetachedEvent) -> Bool {
        time < other.time || (time == other.time && order < other.order)
    }
}

extension DetachedEvent: Sendable where Event: Sendable {}

// MARK: - The queue

extension EventQueue {
    /// Removes the pending event named by `handle` and returns it with its place in the order.
    ///
    /// - Returns: the event, or `nil` if it was already delivered or removed.
    /// - Complexity: O(log n).
    @inlinable
    public mutating func detach(_ handle: EventHandle) -> DetachedEvent<Payload>? {
        guard contains(handle) else { return nil }
        makeUnique()
        if rootVacant { refillRoot() }
        let position = buffers.positions[Int(handle.slot)]
        if position == Self.frontPosition {
            hasFront = false
            let entry = front
            return DetachedEvent(time: entry.time, order: entry.order, event: freeSlot(handle.slot))
        }
        let entry = buffers.heap[Int(position)]
        return DetachedEvent(time: entry.time, order: entry.order, event: removeEntry(at: Int(position)))
    }

    /// `payload` at `time`, ordered as if inserted now but not inserted: it takes the next
    /// sequence number.
    ///
    /// - Precondition: `time` is finite and `priority` is 16-bit.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public mutating func detached(_ payload: __owned Payload, at time: Double, priority: Int = 0) -> DetachedEvent<Payload> {
        precondition(time.isFinite, "event time must be finite, got \(time)")
        precondition(UInt64(bitPattern: Int64(priority &+ 0x8000)) >> 16 | nextSequence >> 48 == 0,
                     "priority \(priority) is not 16-bit, or 2⁴⁸ insertions without removeAll()")
        let order = Entry.order(priority: priority, sequence: nextSequence)
        nextSequence &+= 1
        return DetachedEvent(time: time, order: order, event: payload)
    }

    /// Puts a detached event back, at its place in the order.
    ///
    /// - Precondition: it came from this queue since it was last emptied, and is not pending
    ///   (it was not reattached already).
    /// - Returns: a handle for `remove(_:)` and `contains(_:)`.
    /// - Complexity: O(log n).
    @inlinable
    @discardableResult
    public mutating func reattach(_ detached: __owned DetachedEvent<Payload>) -> EventHandle {
        precondition(detached.order & Entry.sequenceMask < nextSequence, "a detached event from another queue")
        return insert(detached.event, atFinite: detached.time, order: detached.order)
    }

    /// Whether `detached` comes before every pending event.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func precedesFirst(_ detached: DetachedEvent<Payload>) -> Bool {
        guard let first = firstEntry else { return true }
        return detached.time < first.time || (detached.time == first.time && detached.order < first.order)
    }
}

// MARK: - The simulation

extension Simulation {
    /// Takes the pending event named by `handle` out of the queue, keeping its place in the
    /// order (see ``DetachedEvent``).
    ///
    /// - Returns: the event, or `nil` if it was already delivered or cancelled.
    /// - Complexity: O(log n).
    @inlinable
    public mutating func detach(_ handle: EventHandle) -> DetachedEvent<Event>? {
        queue.detach(handle)
    }

    /// `event` at `time`, ordered as if scheduled now, but held by the model instead of the
    /// queue.
    ///
    /// - Precondition: `time` is finite and not before `now`; `priority` is 16-bit.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public mutating func detached(_ event: Event, at time: Double, priority: Int = 0) -> DetachedEvent<Event> {
        precondition(time >= currentTime && time <= .greatestFiniteMagnitude,
                     "event time \(time) must be finite and not before now (\(currentTime))")
        return queue.detached(event, at: time, priority: priority)
    }

    /// Whether `detached` is due next: no pending event comes before it.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func isNext(_ detached: DetachedEvent<Event>) -> Bool {
        queue.precedesFirst(detached)
    }

    /// Delivers `detached`: moves the clock to its time, counts it among the events
    /// delivered, and returns it.
    ///
    /// - Precondition: it is due next (``isNext(_:)``; checked in debug builds) and not before
    ///   `now`.
    /// - Complexity: O(1).
    @inlinable
    public mutating func deliver(_ detached: DetachedEvent<Event>) -> Event {
        precondition(detached.time >= currentTime, "cannot deliver at \(detached.time), before now (\(currentTime))")
        assert(isNext(detached), "deliver(_:) of an event that a pending one precedes")
        currentTime = detached.time
        deliveredCount += 1
        return detached.event
    }

    /// Puts a detached event back in the queue, where it would be had it never left.
    ///
    /// - Precondition: it is not before `now`, came from this simulation since its last
    ///   `reset()`, and was neither delivered nor reattached already.
    /// - Returns: a handle to cancel it.
    /// - Complexity: O(log n).
    @inlinable
    @discardableResult
    public mutating func reattach(_ detached: __owned DetachedEvent<Event>) -> EventHandle {
        precondition(detached.time >= currentTime, "cannot reattach at \(detached.time), before now (\(currentTime))")
        return queue.reattach(detached)
    }
}
