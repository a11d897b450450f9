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
/// Priorities are 16-bit (``priorities``): each entry keeps `(priority, sequence)` packed in one
/// 64-bit key.
///
/// **Storage.** A slot table of three parallel arrays (payload, heap position, generation) with
/// a free list of slot numbers; the heap itself holds 24-byte entries
/// `(time, priority and sequence, slot)`, so sifting never moves payloads. Removal is a true
/// removal through the position index, not a lazy tombstone, so the heap never holds dead
/// entries. All arrays are sized together to `capacity` slots and only grow (by doubling) when
/// more events are pending at once than ever before; `removeAll()` keeps them. In the steady
/// state, insert/pop/remove therefore allocate nothing (beyond what copying a `Payload` does).
///
/// **The front entry.** An event inserted while it precedes every pending event is not put in
/// the heap: it is held aside as the *front* entry, and popped from there without touching the
/// heap. Only one event is held so (one inserted still earlier pushes it into the heap), and it
/// always precedes every heap entry, so the order is exactly that of the heap alone. In a
/// simulation most events are scheduled a short delay ahead — the next step of a process that
/// was just woken — and are the next to be delivered: they cost neither a sift-up nor a
/// sift-down.
///
/// **The vacant root.** Popping the heap's root leaves the root *vacant* instead of refilling it
/// at once with the heap's last entry. If the next operation is an insertion — the handler of
/// the event just delivered scheduling the next one, the commonest case — the new entry fills
/// the root and sifts down from there: one sift instead of two (the last entry's down, the new
/// one's up), and usually a short one, since the new entry tends to be early. Any other
/// operation that needs the heap's order (popping, removing by handle) first refills the root
/// the usual way; peeking at the next event compares the root's two children. The order of
/// delivery is the same: it is the total order of the keys, however the heap holds them.
///
/// The arrays live in one buffer object (``Buffers``) of fixed-size raw allocations, and the
/// counts in the queue value itself: a mutation checks once that the buffers are not shared
/// (copy-on-write, so the queue is a value) and then works on raw memory, with no per-element
/// uniqueness or bounds checks. Indices are kept in range by the heap arithmetic and the slot
/// table (verified by `checkInvariants()` in the tests).
///
/// Unlike SimPy's `(time, priority, sequence, event)` heap, the queue has no clock: any finite
/// time may be inserted. `Simulation` adds the clock and the "not before now" rule.
public struct EventQueue<Payload> {
    /// The priorities a queue accepts: 16-bit signed values.
    public static var priorities: ClosedRange<Int> { Int(Int16.min)...Int(Int16.max) }

    /// One heap element. Small (24 bytes) and payload-free so that sift operations are cheap.
    @usableFromInline
    struct Entry: Sendable {
        @usableFromInline var time: Double
        /// `(priority, sequence)` as one key: the priority offset by 2¹⁵ in the top 16 bits and
        /// the sequence in the low 48, so that comparing keys compares priorities, then
        /// sequences — one comparison instead of two.
        @usableFromInline var order: UInt64
        @usableFromInline var slot: Int32

        @inlinable init(time: Double, priority: Int, sequence: UInt64, slot: Int32) {
            self.init(time: time, order: Entry.order(priority: priority, sequence: sequence), slot: slot)
        }

        @inlinable init(time: Double, order: UInt64, slot: Int32) {
            self.time = time
            self.order = order
            self.slot = slot
        }

        /// The packed key: the priority offset to be unsigned in the high 16 bits, the
        /// sequence in the low 48.
        @inlinable static func order(priority: Int, sequence: UInt64) -> UInt64 {
            UInt64(truncatingIfNeeded: priority &+ 0x8000) << 48 | sequence
        }

        @inlinable var priority: Int { Int(truncatingIfNeeded: order >> 48) &- 0x8000 }
        @inlinable var sequence: UInt64 { order & Entry.sequenceMask }
        /// The sequences a key can hold: 2⁴⁸ − 1 insertions between two `removeAll()`.
        @inlinable static var sequenceMask: UInt64 { (1 << 48) - 1 }

        /// Whether `self` is delivered before `other`: lexicographic on (time, priority, sequence).
        @inlinable func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && order < other.order)
        }
    }

    /// `positions[slot]` of a free slot.
    @usableFromInline static var freePosition: Int32 { -1 }
    /// `positions[slot]` of the slot held as the front entry.
    @usableFromInline static var frontPosition: Int32 { -2 }

    /// The queue's memory: `capacity` slots' worth of each array, allocated together and never
    /// resized (growth allocates new `Buffers`). Its pointers are constants, so reading them
    /// needs no exclusivity check; the counts that say which parts are in use live in the queue.
    ///
    /// - `heap[0..<heapCount]`: the binary heap; `heap[0]` is its earliest entry, the children
    ///   of `i` are `2i+1` and `2i+2`.
    /// - `payloads[slot]`: initialised exactly while the slot is pending (position not -1).
    /// - `positions[slot]`: the index of the slot's entry in `heap`; `-2` while it is the front
    ///   entry; `-1` while free.
    /// - `generations[slot]`: bumped each time the slot is freed, to invalidate old handles.
    /// - `freeSlots[0..<freeCount]`: free slot numbers; the last one is reused first.
    @usableFromInline
    final class Buffers {
        @usableFromInline let capacity: Int
        @usableFromInline let heap: UnsafeMutablePointer<Entry>
        @usableFromInline let payloads: UnsafeMutablePointer<Payload>
        @usableFromInline let positions: UnsafeMutablePointer<Int32>
        @usableFromInline let generations: UnsafeMutablePointer<UInt32>
        @usableFromInline let freeSlots: UnsafeMutablePointer<Int32>

        /// Uninitialised arrays of `capacity` slots (the caller initialises positions and
        /// generations at once).
        @usableFromInline
        init(capacity: Int) {
            self.capacity = capacity
            heap = .allocate(capacity: capacity)
            payloads = .allocate(capacity: capacity)
            positions = .allocate(capacity: capacity)
            generations = .allocate(capacity: capacity)
            freeSlots = .allocate(capacity: capacity)
        }

        deinit {
            for slot in 0..<capacity where positions[slot] != EventQueue.freePosition {
                (payloads + slot).deinitialize(count: 1)
            }
            heap.deallocate()
            payloads.deallocate()
            positions.deallocate()
            generations.deallocate()
            freeSlots.deallocate()
        }
    }

    @usableFromInline var buffers: Buffers
    /// Entries in the heap (the front entry aside).
    @usableFromInline var heapCount: Int
    /// Free slots: the free list's length.
    @usableFromInline var freeCount: Int
    /// The front entry, when `hasFront`: it precedes every heap entry.
    @usableFromInline var front: Entry
    @usableFromInline var hasFront: Bool
    /// Whether `heap[0]` is vacant: its entry was popped and the hole not yet refilled (counted
    /// in `heapCount`). Never together with `hasFront`.
    @usableFromInline var rootVacant: Bool
    /// Tie-breaker giving FIFO order at equal (time, priority).
    @usableFromInline var nextSequence: UInt64

    /// Creates an empty queue with room for `minimumCapacity` pending events before it grows.
    ///
    /// - Complexity: O(`minimumCapacity`).
    @inlinable
    public init(minimumCapacity: Int = 64) {
        precondition(minimumCapacity >= 0, "minimumCapacity must not be negative")
        let capacity = Swift.max(minimumCapacity, 1)
        precondition(capacity <= Int(Int32.max), "EventQueue: too many pending events")
        buffers = Buffers(capacity: capacity)
        heapCount = 0
        freeCount = 0
        front = Entry(time: 0, priority: 0, sequence: 0, slot: -1)
        hasFront = false
        rootVacant = false
        nextSequence = 0
        buffers.positions.initialize(repeating: Self.freePosition, count: capacity)
        buffers.generations.initialize(repeating: 0, count: capacity)
        appendFreeSlots(0..<capacity)
    }

    /// The number of pending events.
    ///
    /// - Complexity: O(1).
    @inlinable public var count: Int { heapCount + (hasFront ? 1 : 0) - (rootVacant ? 1 : 0) }

    /// Whether no event is pending.
    ///
    /// - Complexity: O(1).
    @inlinable public var isEmpty: Bool { !hasFront && heapCount == (rootVacant ? 1 : 0) }

    /// The number of slots reserved: how many events can be pending at once without allocating.
    ///
    /// - Complexity: O(1).
    @inlinable public var capacity: Int { buffers.capacity }

    /// Adds `payload` to be delivered at `time`, after every pending event with a smaller
    /// `(time, priority)` and after those already inserted with the same `(time, priority)`.
    ///
    /// ```swift
    /// let handle = queue.insert(.checkpointDone, at: 3600, priority: 1)
    /// ```
    ///
    /// - Precondition: `time` is finite, `priority` is in ``priorities`` (16 bits), and fewer
    ///   than 2⁴⁸ events were inserted since the queue was created or last emptied by
    ///   `removeAll()`.
    /// - Returns: a handle for `remove(_:)` and `contains(_:)`.
    /// - Complexity: O(log n); O(1) when the event precedes every pending one; amortised O(1)
    ///   extra when the slot table has to grow.
    @inlinable @inline(__always)
    @discardableResult
    public mutating func insert(_ payload: __owned Payload, at time: Double, priority: Int = 0) -> EventHandle {
        precondition(time.isFinite, "event time must be finite, got \(time)")
        return insert(payload, atFinite: time, priority: priority)
    }

    /// `insert(_:at:priority:)` for a caller that has already checked that `time` is finite
    /// (`Simulation.schedule` has, against `now`), without checking it again.
    @inlinable @inline(__always)
    mutating func insert(_ payload: __owned Payload, atFinite time: Double, priority: Int) -> EventHandle {
        // One test for both: the priority fits 16 bits, the sequence 48.
        precondition(UInt64(bitPattern: Int64(priority &+ 0x8000)) >> 16 | nextSequence >> 48 == 0,
                     "priority \(priority) is not 16-bit, or 2⁴⁸ insertions without removeAll()")
        let order = Entry.order(priority: priority, sequence: nextSequence)
        nextSequence &+= 1
        return insert(payload, atFinite: time, order: order)
    }

    /// Inserts `payload` at `time` with the packed `(priority, sequence)` key `order`, which
    /// no pending event has: a new event's (``insert(_:atFinite:priority:)``), or a detached
    /// one's coming back (``reattach(_:)``).
    @inlinable @inline(__always)
    mutating func insert(_ payload: __owned Payload, atFinite time: Double, order: UInt64) -> EventHandle {
        if freeCount == 0 {
            grow(to: 2 * capacity)
        } else {
            makeUnique()
        }
        let buffers = self.buffers
        freeCount &-= 1
        let slot = buffers.freeSlots[freeCount]
        (buffers.payloads + Int(slot)).initialize(to: payload)
        let entry = Entry(time: time, order: order, slot: slot)
        if hasFront {
            if entry.precedes(front) {
                // The new entry is the earliest: the old front joins the heap, at its root.
                push(front)
                setFront(entry)
            } else {
                push(entry)
            }
        } else if rootVacant {
            // The heap's root was just popped: the new entry takes its place and sifts down.
            rootVacant = false
            Self.fillHole(at: 0, with: entry, count: heapCount, in: buffers)
        } else if heapCount == 0 || entry.precedes(buffers.heap[0]) {
            setFront(entry)
        } else {
            push(entry)
        }
        return EventHandle(slot: slot, generation: buffers.generations[Int(slot)])
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
        detach(handle)?.event
    }

    /// Whether the event named by `handle` is still pending.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func contains(_ handle: EventHandle) -> Bool {
        let slot = Int(handle.slot)
        let buffers = self.buffers
        return slot >= 0 && slot < buffers.capacity
            && buffers.generations[slot] == handle.generation
            && buffers.positions[slot] != Self.freePosition
    }

    /// The next event to be delivered, without removing it.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var first: (time: Double, priority: Int, payload: Payload)? {
        guard let top = firstEntry else { return nil }
        return (top.time, top.priority, buffers.payloads[Int(top.slot)])
    }

    /// The next event's entry: the front entry, else the heap's root (with the root vacant, the
    /// earlier of its children).
    @inlinable var firstEntry: Entry? {
        if hasFront { return front }
        let heap = buffers.heap
        if rootVacant {
            if heapCount <= 2 { return heapCount == 2 ? heap[1] : nil }
            return heap[2].precedes(heap[1]) ? heap[2] : heap[1]
        }
        return heapCount > 0 ? heap[0] : nil
    }

    /// The time of the next event, without copying its payload.
    @inlinable var firstTime: Double? { firstEntry?.time }

    /// Removes and returns the next event.
    ///
    /// ```swift
    /// while let (time, event) = queue.popFirst() { ... }
    /// ```
    ///
    /// - Complexity: O(log n): O(1) for a front entry; from the heap, the refill of its root is
    ///   left to the next operation (an insertion does it as part of its own sift).
    @inlinable
    public mutating func popFirst() -> (time: Double, payload: Payload)? {
        if hasFront {
            makeUnique()
            hasFront = false
            return (front.time, freeSlot(front.slot))
        }
        guard heapCount > (rootVacant ? 1 : 0) else { return nil }
        makeUnique()
        if rootVacant { refillRoot() }
        // Leave the root vacant: the next insertion, if it comes first, fills it.
        let top = buffers.heap[0]
        rootVacant = true
        return (top.time, freeSlot(top.slot))
    }

    /// Removes every pending event, keeping the capacity, invalidating every outstanding
    /// handle, and restarting the FIFO sequence counter: the queue then behaves exactly like a
    /// new one of the same capacity (same slot assignment order), without allocating.
    ///
    /// - Complexity: O(`capacity`).
    @inlinable
    public mutating func removeAll() {
        makeUnique()
        if hasFront {
            hasFront = false
            _ = freeSlot(front.slot)
        }
        let buffers = self.buffers
        for index in (rootVacant ? 1 : 0)..<heapCount {
            _ = freeSlot(buffers.heap[index].slot)
        }
        rootVacant = false
        heapCount = 0
        freeCount = 0
        appendFreeSlots(0..<buffers.capacity)
        nextSequence = 0
    }
}

/// Sendable as a value: its buffers are only written after `isKnownUniquelyReferenced` (copy on
/// write), so a queue sent to another task never shares mutable memory with the sender's copy.
extension EventQueue: @unchecked Sendable where Payload: Sendable {}

// MARK: - Heap mechanics

extension EventQueue {
    /// Copies the buffers if another queue value shares them (copy-on-write).
    @inlinable
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&buffers) { grow(to: capacity) }
    }

    /// Makes `entry` the front entry.
    ///
    /// - Precondition: there is none, and `entry` precedes every heap entry.
    @inlinable
    mutating func setFront(_ entry: Entry) {
        front = entry
        hasFront = true
        buffers.positions[Int(entry.slot)] = Self.frontPosition
    }

    /// Takes the payload out of pending slot `slot` (no longer in the heap or the front) and
    /// puts the slot on the free list.
    ///
    /// - Precondition: the buffers are unique.
    @inlinable
    mutating func freeSlot(_ slot: Int32) -> Payload {
        let buffers = self.buffers
        let index = Int(slot)
        let payload = (buffers.payloads + index).move()
        buffers.positions[index] = Self.freePosition
        buffers.generations[index] &+= 1
        buffers.freeSlots[freeCount] = slot
        freeCount &+= 1
        return payload
    }

    /// Removes the entry at heap index `index`, restores the heap, frees its slot.
    ///
    /// The heap's last entry fills the hole left at `index` (``fillHole(at:with:count:in:)``).
    /// (Floyd's bottom-up variant, which walks the hole to a leaf first, costs more here: the
    /// queues of a replication are small, and their last entry is often early.)
    ///
    /// - Precondition: the buffers are unique, the root is not vacant and `index < heapCount`.
    @inlinable
    mutating func removeEntry(at index: Int) -> Payload {
        let buffers = self.buffers
        let heap = buffers.heap
        let removed = heap[index]
        heapCount &-= 1
        let count = heapCount
        if index < count {
            Self.fillHole(at: index, with: heap[count], count: count, in: buffers)
        }
        return freeSlot(removed.slot)
    }

    /// Refills the vacant root with the heap's last entry.
    ///
    /// - Precondition: the buffers are unique and the root is vacant.
    @inlinable
    mutating func refillRoot() {
        rootVacant = false
        heapCount &-= 1
        let count = heapCount
        if count > 0 {
            Self.fillHole(at: 0, with: buffers.heap[count], count: count, in: buffers)
        }
    }

    /// Places `entry` at the hole `index` of a heap of `count` entries, or where the heap order
    /// puts it: down while its earlier child precedes it, or — when it does not move down at
    /// all, and `index` is not the root — up while it precedes its parent.
    @inlinable @inline(__always)
    static func fillHole(at index: Int, with entry: Entry, count: Int, in buffers: Buffers) {
        let heap = buffers.heap
        var hole = index
        while true {
            var child = 2 &* hole &+ 1
            guard child < count else { break }
            if child &+ 1 < count && heap[child &+ 1].precedes(heap[child]) { child &+= 1 }
            let moved = heap[child]
            guard moved.precedes(entry) else { break }
            heap[hole] = moved
            buffers.positions[Int(moved.slot)] = Int32(truncatingIfNeeded: hole)
            hole = child
        }
        if hole == index, index > 0 {
            siftUp(entry, from: hole, in: buffers)
        } else {
            heap[hole] = entry
            buffers.positions[Int(entry.slot)] = Int32(truncatingIfNeeded: hole)
        }
    }

    /// Appends `entry` to the heap and sifts it up into place.
    ///
    /// - Precondition: the buffers are unique and have room.
    @inlinable
    mutating func push(_ entry: Entry) {
        let hole = heapCount
        heapCount &+= 1
        Self.siftUp(entry, from: hole, in: buffers)
    }

    /// Places `entry` at the hole `index` or above it, moving later parents down one level.
    @inlinable @inline(__always)
    static func siftUp(_ entry: Entry, from index: Int, in buffers: Buffers) {
        let heap = buffers.heap
        let positions = buffers.positions
        var hole = index
        while hole > 0 {
            let parentIndex = (hole &- 1) / 2
            let parent = heap[parentIndex]
            guard entry.precedes(parent) else { break }
            heap[hole] = parent
            positions[Int(parent.slot)] = Int32(truncatingIfNeeded: hole)
            hole = parentIndex
        }
        heap[hole] = entry
        positions[Int(entry.slot)] = Int32(truncatingIfNeeded: hole)
    }

    /// Appends `slots`, highest first, to the free list, so that the lowest-numbered one is
    /// used first.
    @inlinable
    mutating func appendFreeSlots(_ slots: Range<Int>) {
        let freeSlots = buffers.freeSlots
        for slot in slots.reversed() {
            freeSlots[freeCount] = Int32(truncatingIfNeeded: slot)
            freeCount &+= 1
        }
    }

    /// Replaces the buffers by new ones of `newCapacity` (at least the current) slots holding
    /// the same pending events, handles and free slots, so that no array reallocates until the
    /// next growth; also how shared buffers are copied before a write. New slots go on the free
    /// list so that the lowest-numbered one is used first.
    @usableFromInline
    mutating func grow(to newCapacity: Int) {
        let old = buffers
        let oldCapacity = old.capacity
        precondition(newCapacity <= Int(Int32.max), "EventQueue: too many pending events")
        precondition(newCapacity >= oldCapacity, "EventQueue: the capacity never shrinks")
        let new = Buffers(capacity: newCapacity)
        new.heap.initialize(from: old.heap, count: heapCount)
        new.positions.initialize(from: old.positions, count: oldCapacity)
        new.generations.initialize(from: old.generations, count: oldCapacity)
        (new.positions + oldCapacity).initialize(repeating: Self.freePosition, count: newCapacity - oldCapacity)
        (new.generations + oldCapacity).initialize(repeating: 0, count: newCapacity - oldCapacity)
        new.freeSlots.initialize(from: old.freeSlots, count: freeCount)
        for slot in 0..<oldCapacity where old.positions[slot] != Self.freePosition {
            (new.payloads + slot).initialize(to: old.payloads[slot])
        }
        buffers = new
        appendFreeSlots(oldCapacity..<newCapacity)
    }
}
