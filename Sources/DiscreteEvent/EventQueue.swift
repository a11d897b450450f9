/// A reference to one scheduled event, used to cancel it or ask whether it is still pending.
///
/// A handle names a slot in the queue's slot table together with the slot's generation. The
/// generation is bumped every time the slot is freed (delivery, removal, `removeAll`), so a
/// handle kept after its event was delivered or cancelled is *stale*: it never matches the
/// newer event that reuses the slot, and `remove`/`contains` simply answer `nil`/`false`.
///
/// ```swift
/// var queue = EventQueue<String>()
/// let handle = queue.insert("checkpoint", at: 10)
/// queue.remove(handle)      // "checkpoint"
/// queue.remove(handle)      // nil: stale
/// ```
///
/// Handles are only meaningful for the queue that issued them. A generation wraps after 2³²
/// reuses of the same slot.
public struct EventHandle: Hashable, Sendable {
    @usableFromInline let slot: Int32
    @usableFromInline let generation: UInt32

    @inlinable init(slot: Int32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }
}

/// A priority queue of timed events: an indexed binary heap with O(log n) removal by handle.
///
/// **Ordering guarantee.** Events come out in ascending `time`; at equal time in ascending
/// `priority` (lower value first, like SimPy's `URGENT = 0 < NORMAL = 1`); at equal
/// `(time, priority)` in the order they were inserted (FIFO). A removed event never comes out.
///
/// ```swift
/// var queue = EventQueue<String>()
/// queue.insert("b", at: 2)
/// queue.insert("a", at: 1)
/// queue.insert("urgent", at: 2, priority: -1)
/// queue.popFirst()   // (1, "a"), then (2, "urgent"), then (2, "b")
/// ```
///
/// **Storage.** A slot table of three parallel arrays (payload, heap position, generation) with
/// a free list of slot numbers; the heap itself holds 32-byte entries
/// `(time, priority, sequence, slot)`, so sifting never moves payloads. Removal is a true
/// removal through the position index, not a lazy tombstone, so the heap never holds dead
/// entries. All arrays are sized together to `capacity` slots and only grow (by doubling) when
/// more events are pending at once than ever before; `removeAll()` keeps them. In the steady
/// state, insert/pop/remove therefore allocate nothing (beyond what copying a `Payload` does).
///
/// Unlike SimPy's `(time, priority, sequence, event)` heap, the queue has no clock: any finite
/// time may be inserted. `Simulation` adds the clock and the "not before now" rule.
public struct EventQueue<Payload> {
    /// One heap element. Small and payload-free so that sift operations are cheap.
    @usableFromInline
    struct Entry: Sendable {
        @usableFromInline var time: Double
        @usableFromInline var priority: Int
        @usableFromInline var sequence: UInt64
        @usableFromInline var slot: Int32

        @inlinable init(time: Double, priority: Int, sequence: UInt64, slot: Int32) {
            self.time = time
            self.priority = priority
            self.sequence = sequence
            self.slot = slot
        }

        /// Whether `self` is delivered before `other`: lexicographic on (time, priority, sequence).
        @inlinable func precedes(_ other: Entry) -> Bool {
            if time != other.time { return time < other.time }
            if priority != other.priority { return priority < other.priority }
            return sequence < other.sequence
        }
    }

    /// The binary heap: `heap[0]` is the next event; the children of `i` are `2i+1` and `2i+2`.
    @usableFromInline var heap: ContiguousArray<Entry>
    /// Per slot: the payload while pending, `nil` while free.
    @usableFromInline var payloads: ContiguousArray<Payload?>
    /// Per slot: the index of its entry in `heap`, or `-1` while free.
    @usableFromInline var positions: ContiguousArray<Int32>
    /// Per slot: bumped each time the slot is freed, to invalidate old handles.
    @usableFromInline var generations: ContiguousArray<UInt32>
    /// Free slot numbers; the last one is reused first.
    @usableFromInline var freeSlots: ContiguousArray<Int32>
    /// Tie-breaker giving FIFO order at equal (time, priority).
    @usableFromInline var nextSequence: UInt64

    /// Creates an empty queue with room for `minimumCapacity` pending events before it grows.
    ///
    /// - Complexity: O(`minimumCapacity`).
    @inlinable
    public init(minimumCapacity: Int = 64) {
        precondition(minimumCapacity >= 0, "minimumCapacity must not be negative")
        heap = []
        payloads = []
        positions = []
        generations = []
        freeSlots = []
        nextSequence = 0
        growSlots(to: Swift.max(minimumCapacity, 1))
    }

    /// The number of pending events.
    ///
    /// - Complexity: O(1).
    @inlinable public var count: Int { heap.count }

    /// Whether no event is pending.
    ///
    /// - Complexity: O(1).
    @inlinable public var isEmpty: Bool { heap.isEmpty }

    /// The number of slots reserved: how many events can be pending at once without allocating.
    ///
    /// - Complexity: O(1).
    @inlinable public var capacity: Int { payloads.count }

    /// Adds `payload` to be delivered at `time`, after every pending event with a smaller
    /// `(time, priority)` and after those already inserted with the same `(time, priority)`.
    ///
    /// ```swift
    /// let handle = queue.insert(.checkpointDone, at: 3600, priority: 1)
    /// ```
    ///
    /// - Precondition: `time` is finite.
    /// - Returns: a handle for `remove(_:)` and `contains(_:)`.
    /// - Complexity: O(log n); amortised O(1) extra when the slot table has to grow.
    @inlinable
    @discardableResult
    public mutating func insert(_ payload: Payload, at time: Double, priority: Int = 0) -> EventHandle {
        precondition(time.isFinite, "event time must be finite, got \(time)")
        if freeSlots.isEmpty { growSlots(to: 2 * capacity) }
        let slot = freeSlots.removeLast()
        payloads[Int(slot)] = payload
        let entry = Entry(time: time, priority: priority, sequence: nextSequence, slot: slot)
        nextSequence &+= 1
        push(entry)
        return EventHandle(slot: slot, generation: generations[Int(slot)])
    }

    /// Removes the pending event named by `handle`.
    ///
    /// ```swift
    /// if let cancelled = queue.remove(checkpointHandle) { ... }
    /// ```
    ///
    /// - Returns: its payload, or `nil` if it was already delivered or removed (a stale handle
    ///   never removes a newer event that reuses the slot).
    /// - Complexity: O(log n).
    @inlinable
    @discardableResult
    public mutating func remove(_ handle: EventHandle) -> Payload? {
        guard contains(handle) else { return nil }
        return removeEntry(at: Int(positions[Int(handle.slot)]))
    }

    /// Whether the event named by `handle` is still pending.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func contains(_ handle: EventHandle) -> Bool {
        let slot = Int(handle.slot)
        return slot < generations.count
            && generations[slot] == handle.generation
            && positions[slot] >= 0
    }

    /// The next event to be delivered, without removing it.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var first: (time: Double, priority: Int, payload: Payload)? {
        guard let top = heap.first else { return nil }
        return (top.time, top.priority, payloads[Int(top.slot)]!)
    }

    /// The time of the next event, without copying its payload.
    @inlinable var firstTime: Double? { heap.first?.time }

    /// Removes and returns the next event.
    ///
    /// ```swift
    /// while let (time, event) = queue.popFirst() { ... }
    /// ```
    ///
    /// - Complexity: O(log n).
    @inlinable
    public mutating func popFirst() -> (time: Double, payload: Payload)? {
        guard let top = heap.first else { return nil }
        return (top.time, removeEntry(at: 0))
    }

    /// Removes every pending event, keeping the capacity, invalidating every outstanding
    /// handle, and restarting the FIFO sequence counter: the queue then behaves exactly like a
    /// new one of the same capacity (same slot assignment order), without allocating.
    ///
    /// - Complexity: O(`capacity`).
    @inlinable
    public mutating func removeAll() {
        for entry in heap {
            let slot = Int(entry.slot)
            payloads[slot] = nil
            positions[slot] = -1
            generations[slot] &+= 1
        }
        heap.removeAll(keepingCapacity: true)
        freeSlots.removeAll(keepingCapacity: true)
        for slot in (0..<Int32(capacity)).reversed() { freeSlots.append(slot) }
        nextSequence = 0
    }
}

extension EventQueue: Sendable where Payload: Sendable {}

// MARK: - Heap mechanics

extension EventQueue {
    /// Removes the entry at heap index `index`, restores the heap, frees its slot.
    ///
    /// Floyd's bottom-up deletion: the hole left at `index` is walked down to a leaf by
    /// promoting the earlier child (one comparison per level instead of two), then the heap's
    /// last entry is sifted up from that leaf — usually only a step or two, since the last
    /// entry tends to be late. The sift-up may pass `index` when the last entry is early.
    @inlinable
    mutating func removeEntry(at index: Int) -> Payload {
        let removed = heap[index]
        let last = heap.removeLast()
        if index < heap.count {
            withHeapBuffers { heap, positions in
                var hole = index
                while true {
                    var child = 2 * hole + 1
                    guard child < heap.count else { break }
                    if child + 1 < heap.count && heap[child + 1].precedes(heap[child]) { child += 1 }
                    heap[hole] = heap[child]
                    positions[Int(heap[hole].slot)] = Int32(hole)
                    hole = child
                }
                Self.siftUp(last, from: hole, heap: heap, positions: positions)
            }
        }
        let slot = Int(removed.slot)
        let payload = payloads[slot].take()!
        positions[slot] = -1
        generations[slot] &+= 1
        freeSlots.append(removed.slot)
        return payload
    }

    /// Appends `entry` to the heap and sifts it up into place.
    @inlinable
    mutating func push(_ entry: Entry) {
        heap.append(entry)
        withHeapBuffers { heap, positions in
            Self.siftUp(entry, from: heap.count - 1, heap: heap, positions: positions)
        }
    }

    /// Places `entry` at the hole `index` or above it, moving later parents down one level.
    @inlinable
    static func siftUp(
        _ entry: Entry, from index: Int,
        heap: UnsafeMutableBufferPointer<Entry>, positions: UnsafeMutableBufferPointer<Int32>
    ) {
        var hole = index
        while hole > 0 {
            let parentIndex = (hole - 1) / 2
            let parent = heap[parentIndex]
            guard entry.precedes(parent) else { break }
            heap[hole] = parent
            positions[Int(parent.slot)] = Int32(hole)
            hole = parentIndex
        }
        heap[hole] = entry
        positions[Int(entry.slot)] = Int32(hole)
    }

    /// Runs `body` on the heap and the position index as raw buffers: one uniqueness check per
    /// operation instead of one per element written. Indices are kept in range by the heap
    /// arithmetic (checked in debug builds by the buffers, and by `checkInvariants()`).
    @inlinable
    mutating func withHeapBuffers<R>(
        _ body: (UnsafeMutableBufferPointer<Entry>, UnsafeMutableBufferPointer<Int32>) -> R
    ) -> R {
        heap.withUnsafeMutableBufferPointer { heapBuffer in
            positions.withUnsafeMutableBufferPointer { positionBuffer in
                body(heapBuffer, positionBuffer)
            }
        }
    }

    /// Grows every per-slot array (and the heap and free list) to `newCapacity` slots at once,
    /// so that none of them reallocates until the next growth. New slots go on the free list
    /// so that the lowest-numbered one is used first.
    @usableFromInline
    mutating func growSlots(to newCapacity: Int) {
        let oldCapacity = capacity
        precondition(newCapacity <= Int(Int32.max), "EventQueue: too many pending events")
        guard newCapacity > oldCapacity else { return }
        heap.reserveCapacity(newCapacity)
        payloads.reserveCapacity(newCapacity)
        positions.reserveCapacity(newCapacity)
        generations.reserveCapacity(newCapacity)
        freeSlots.reserveCapacity(newCapacity)
        payloads.append(contentsOf: repeatElement(nil, count: newCapacity - oldCapacity))
        positions.append(contentsOf: repeatElement(-1, count: newCapacity - oldCapacity))
        generations.append(contentsOf: repeatElement(0, count: newCapacity - oldCapacity))
        for slot in (oldCapacity..<newCapacity).reversed() { freeSlots.append(Int32(slot)) }
    }
}
