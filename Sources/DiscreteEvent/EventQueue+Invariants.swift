/// A broken internal invariant of an `EventQueue` or `Simulation`, found by `checkInvariants()`.
public struct InvariantViolation: Error, CustomStringConvertible, Sendable {
    /// What is wrong, in words.
    public let description: String

    @usableFromInline init(_ description: String) {
        self.description = description
    }
}

extension EventQueue {
    /// Verifies the heap order, the position index, the slot table and the free list (a pending
    /// slot's payload is initialised exactly while its position is not -1) and that the front
    /// entry, if any, precedes the heap.
    ///
    /// Meant for tests and debugging; it does not change the queue.
    ///
    /// ```swift
    /// try queue.checkInvariants()
    /// ```
    ///
    /// - Throws: `InvariantViolation` naming the first broken rule.
    /// - Complexity: O(`capacity`).
    public func checkInvariants() throws(InvariantViolation) {
        func fail(_ message: String) -> InvariantViolation { InvariantViolation("EventQueue: " + message) }

        let slotCount = buffers.capacity
        let heap = UnsafeBufferPointer(start: buffers.heap, count: heapCount)
        let positions = UnsafeBufferPointer(start: buffers.positions, count: slotCount)
        let freeSlots = UnsafeBufferPointer(start: buffers.freeSlots, count: freeCount)
        guard heapCount >= 0, freeCount >= 0, count + freeCount == slotCount else {
            throw fail("\(count) pending + \(freeCount) free ≠ \(slotCount) slots")
        }

        var seen = [Bool](repeating: false, count: slotCount)
        var sequences = Set<UInt64>()
        guard !(hasFront && rootVacant) else { throw fail("a front entry and a vacant root at once") }
        guard !rootVacant || heapCount > 0 else { throw fail("a vacant root in an empty heap") }
        if hasFront {
            let slot = Int(front.slot)
            guard slot >= 0, slot < slotCount else { throw fail("the front entry has slot \(slot) out of range") }
            seen[slot] = true
            guard positions[slot] == Self.frontPosition else {
                throw fail("positions[\(slot)] = \(positions[slot]) for the front entry")
            }
            guard front.time.isFinite else { throw fail("the front entry has time \(front.time)") }
            guard front.sequence < nextSequence else { throw fail("the front entry has a future sequence") }
            sequences.insert(front.sequence)
            if heapCount > 0, !front.precedes(heap[0]) {
                throw fail("the front entry does not precede heap[0]")
            }
        }
        for (index, entry) in heap.enumerated() where !(rootVacant && index == 0) {
            let slot = Int(entry.slot)
            guard slot >= 0, slot < slotCount else { throw fail("heap[\(index)] has slot \(slot) out of range") }
            guard !seen[slot] else { throw fail("slot \(slot) appears twice") }
            seen[slot] = true
            guard positions[slot] == Int32(index) else {
                throw fail("positions[\(slot)] = \(positions[slot]), expected \(index)")
            }
            guard entry.time.isFinite else { throw fail("heap[\(index)] has time \(entry.time)") }
            guard entry.sequence < nextSequence, sequences.insert(entry.sequence).inserted else {
                throw fail("heap[\(index)] has a duplicate or future sequence \(entry.sequence)")
            }
            if index > 0, !(rootVacant && index <= 2) {
                let parent = (index - 1) / 2
                guard heap[parent].precedes(entry) else {
                    throw fail("heap[\(parent)] does not precede its child heap[\(index)]")
                }
            }
        }
        for slot in freeSlots {
            let slot = Int(slot)
            guard slot >= 0, slot < slotCount else { throw fail("free slot \(slot) out of range") }
            guard !seen[slot] else { throw fail("slot \(slot) is both pending and free, or free twice") }
            seen[slot] = true
            guard positions[slot] == Self.freePosition else { throw fail("free slot \(slot) has position \(positions[slot])") }
        }
    }
}

extension Simulation {
    /// Verifies the queue's invariants and that no pending event is earlier than `now`.
    ///
    /// - Throws: `InvariantViolation` naming the first broken rule.
    /// - Complexity: O(`capacity`).
    public func checkInvariants() throws(InvariantViolation) {
        try queue.checkInvariants()
        guard currentTime.isFinite, currentTime >= 0 else {
            throw InvariantViolation("Simulation: now = \(currentTime)")
        }
        if let time = queue.firstTime, time < currentTime {
            throw InvariantViolation("Simulation: pending event at \(time) before now = \(currentTime)")
        }
    }
}
