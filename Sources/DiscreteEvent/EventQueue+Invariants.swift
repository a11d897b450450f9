/// A broken internal invariant of an `EventQueue` or `Simulation`, found by `checkInvariants()`.
public struct InvariantViolation: Error, CustomStringConvertible, Sendable {
    /// What is wrong, in words.
    public let description: String

    @usableFromInline init(_ description: String) {
        self.description = description
    }
}

extension EventQueue {
    /// Verifies the heap order, the position index, the slot table and the free list.
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

        let slotCount = payloads.count
        guard positions.count == slotCount, generations.count == slotCount else {
            throw fail("slot arrays differ in length")
        }
        // No allocation before the next growth: every array can hold `capacity` elements.
        guard heap.capacity >= slotCount, freeSlots.capacity >= slotCount else {
            throw fail("heap or free list capacity below the slot count \(slotCount)")
        }
        guard heap.count + freeSlots.count == slotCount else {
            throw fail("\(heap.count) pending + \(freeSlots.count) free ≠ \(slotCount) slots")
        }

        var seen = [Bool](repeating: false, count: slotCount)
        var sequences = Set<UInt64>()
        for (index, entry) in heap.enumerated() {
            let slot = Int(entry.slot)
            guard slot >= 0, slot < slotCount else { throw fail("heap[\(index)] has slot \(slot) out of range") }
            guard !seen[slot] else { throw fail("slot \(slot) appears twice") }
            seen[slot] = true
            guard positions[slot] == Int32(index) else {
                throw fail("positions[\(slot)] = \(positions[slot]), expected \(index)")
            }
            guard payloads[slot] != nil else { throw fail("pending slot \(slot) has no payload") }
            guard entry.time.isFinite else { throw fail("heap[\(index)] has time \(entry.time)") }
            guard entry.sequence < nextSequence, sequences.insert(entry.sequence).inserted else {
                throw fail("heap[\(index)] has a duplicate or future sequence \(entry.sequence)")
            }
            if index > 0 {
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
            guard positions[slot] == -1 else { throw fail("free slot \(slot) has position \(positions[slot])") }
            guard payloads[slot] == nil else { throw fail("free slot \(slot) still holds a payload") }
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
