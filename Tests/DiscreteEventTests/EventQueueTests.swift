import DiscreteEvent
import Testing

/// Pops everything, returning the payloads in delivery order.
private func drain<P>(_ queue: inout EventQueue<P>) throws -> [P] {
    var out: [P] = []
    while let (_, payload) = queue.popFirst() {
        out.append(payload)
        try queue.checkInvariants()
    }
    return out
}

@Suite("EventQueue")
struct EventQueueTests {
    /// Events come out in ascending time, whatever the insertion order.
    @Test func ordersByTime() throws {
        var queue = EventQueue<Int>()
        for time in [5.0, 1, 4, 2, 3, 0.5, 10, 7] { queue.insert(Int(time * 10), at: time) }
        try queue.checkInvariants()
        #expect(try drain(&queue) == [5, 10, 20, 30, 40, 50, 70, 100])
    }

    /// At equal time, a lower priority value comes out first (URGENT = 0 before NORMAL = 1).
    @Test func ordersByPriorityAtEqualTime() throws {
        var queue = EventQueue<String>()
        queue.insert("normal", at: 3, priority: 1)
        queue.insert("later", at: 4, priority: -5)
        queue.insert("urgent", at: 3, priority: 0)
        queue.insert("earlier", at: 2, priority: 9)
        queue.insert("very urgent", at: 3, priority: -1)
        #expect(try drain(&queue) == ["earlier", "very urgent", "urgent", "normal", "later"])
    }

    /// At equal (time, priority), events come out in insertion order (FIFO), even when many
    /// inserts and removals are interleaved and the heap is reshuffled in between.
    @Test func fifoAtEqualTimeAndPriorityUnderInterleaving() throws {
        var queue = EventQueue<Int>(minimumCapacity: 4)
        var survivors: [Int] = []            // tied events not removed, in insertion order
        var doomed: [EventHandle] = []       // tied events to be removed later
        var decoys: [EventHandle] = []
        for i in 0..<500 {
            // The tied events: all at (7, 1), payload i ≥ 0.
            let handle = queue.insert(i, at: 7, priority: 1)
            if i % 3 == 0 { doomed.append(handle) } else { survivors.append(i) }
            // Decoys (negative payloads) at other times and priorities, including time 7.
            decoys.append(queue.insert(-1 - i, at: Double(i % 13), priority: i % 3 == 1 ? 0 : 2))
            if i % 4 == 0, let victim = doomed.popLast() { #expect(queue.remove(victim) != nil) }
            if i % 5 == 0 { queue.remove(decoys.removeFirst()) }   // may already be popped
            if i % 7 == 0, let first = queue.first, first.payload < 0 { _ = queue.popFirst() }
            try queue.checkInvariants()
        }
        for victim in doomed { #expect(queue.remove(victim) != nil) }
        var tied: [Int] = []
        while let (time, payload) = queue.popFirst() {
            guard payload >= 0 else { continue }
            #expect(time == 7)
            tied.append(payload)
        }
        #expect(tied == survivors)
    }

    /// `remove` returns the payload of a pending event, which then never comes out; removing
    /// it again, or removing a delivered event, returns nil.
    @Test func removeIsTrueRemoval() throws {
        var queue = EventQueue<String>()
        let a = queue.insert("a", at: 1)
        let b = queue.insert("b", at: 2)
        let c = queue.insert("c", at: 3)
        #expect(queue.remove(b) == "b")
        #expect(queue.count == 2)
        #expect(!queue.contains(b))
        #expect(queue.remove(b) == nil)
        try queue.checkInvariants()
        #expect(queue.popFirst()?.payload == "a")
        #expect(queue.remove(a) == nil)
        #expect(queue.contains(c))
        #expect(try drain(&queue) == ["c"])
        #expect(queue.isEmpty)
    }

    /// A handle whose slot has been reused by a newer event is stale: it neither matches nor
    /// removes the newer event.
    @Test func staleHandleNeverTouchesTheSlotsNextEvent() throws {
        var queue = EventQueue<String>(minimumCapacity: 1)
        let old = queue.insert("old", at: 1)
        #expect(queue.remove(old) == "old")
        let new = queue.insert("new", at: 2)
        #expect(queue.capacity == 1)   // so "new" really did reuse "old"'s slot
        #expect(old != new)
        #expect(!queue.contains(old))
        #expect(queue.remove(old) == nil)
        #expect(queue.contains(new))
        #expect(queue.first?.payload == "new")
    }

    /// `first` peeks at the next event (time, priority, payload) without removing it.
    @Test func firstPeeks() {
        var queue = EventQueue<String>()
        #expect(queue.first == nil)
        queue.insert("b", at: 2, priority: 3)
        queue.insert("a", at: 1, priority: 4)
        let first = queue.first
        #expect(first?.time == 1 && first?.priority == 4 && first?.payload == "a")
        #expect(queue.count == 2)
        #expect(queue.popFirst()?.time == 1)
    }

    /// `removeAll` empties the queue, keeps the capacity, makes all old handles stale, and
    /// restarts the FIFO sequence.
    @Test func removeAllKeepsCapacityAndInvalidatesHandles() throws {
        var queue = EventQueue<Int>(minimumCapacity: 2)
        let handles = (0..<100).map { queue.insert($0, at: Double($0 % 7)) }
        let capacity = queue.capacity
        #expect(capacity >= 100)
        queue.removeAll()
        try queue.checkInvariants()
        #expect(queue.isEmpty && queue.capacity == capacity)
        for handle in handles { #expect(!queue.contains(handle)) }
        let fresh = (0..<100).map { queue.insert($0, at: 1) }
        for handle in handles { #expect(queue.remove(handle) == nil) }
        #expect(queue.capacity == capacity)
        #expect(Set(fresh).isDisjoint(with: handles))
        #expect(try drain(&queue) == Array(0..<100))
    }

    /// An event inserted ahead of every pending one is held as the front entry; one inserted
    /// ahead of it takes its place and pushes it into the heap. Neither changes the order —
    /// FIFO at equal (time, priority) included — and the front entry can be removed.
    @Test func frontEntryKeepsTheOrder() throws {
        var queue = EventQueue<String>(minimumCapacity: 2)
        queue.insert("late", at: 9)
        let front = queue.insert("t5 first", at: 5)         // ahead of "late": the front entry
        queue.insert("t5 second", at: 5)                     // a tie: FIFO after the front entry
        queue.insert("t5 urgent", at: 5, priority: -1)       // ahead of the front entry
        try queue.checkInvariants()
        #expect(queue.first?.payload == "t5 urgent")
        let earliest = queue.insert("t1", at: 1)             // the front again, and removed
        #expect(queue.remove(earliest) == "t1")
        #expect(!queue.contains(earliest))
        try queue.checkInvariants()
        #expect(queue.contains(front))
        #expect(try drain(&queue) == ["t5 urgent", "t5 first", "t5 second", "late"])

        // Removing the front entry leaves the heap's own first event next.
        let a = queue.insert("a", at: 2)
        queue.insert("b", at: 3)
        queue.insert("c", at: 4)
        #expect(queue.remove(a) == "a")
        #expect(queue.first?.payload == "b")
        #expect(try drain(&queue) == ["b", "c"])
    }

    /// Popping the heap's root leaves it vacant until the next operation; whatever comes next —
    /// an insertion (early, late or tied), a peek, another pop, a removal by handle, a clear or
    /// a copy — sees exactly the pending events in order, with the count excluding the popped
    /// one.
    @Test func vacantRootKeepsTheOrder() throws {
        func filled() -> (EventQueue<String>, [String: EventHandle]) {
            var queue = EventQueue<String>(minimumCapacity: 2)
            var handles: [String: EventHandle] = [:]
            for (name, time) in [("e", 5.0), ("b", 2), ("d", 4), ("a", 1), ("c", 3)] {
                handles[name] = queue.insert(name, at: time)
            }
            // Popping "a" (the front entry) and then "b" (the heap's root) leaves the root vacant.
            #expect(queue.popFirst()?.payload == "a")
            #expect(queue.popFirst()?.payload == "b")
            return (queue, handles)
        }

        var (queue, handles) = filled()
        try queue.checkInvariants()
        #expect(queue.count == 3 && !queue.isEmpty)
        #expect(queue.first?.payload == "c" && queue.first?.time == 3)
        // An insertion fills the vacancy wherever it belongs: early, late, or tied (FIFO after "c").
        queue.insert("c2", at: 3)
        try queue.checkInvariants()
        #expect(try drain(&queue) == ["c", "c2", "d", "e"])

        (queue, handles) = filled()
        queue.insert("z", at: 9)
        queue.insert("a0", at: 0.5)
        try queue.checkInvariants()
        #expect(try drain(&queue) == ["a0", "c", "d", "e", "z"])

        // A removal by handle, of the next event and of a later one; a popped handle is stale.
        (queue, handles) = filled()
        #expect(queue.remove(handles["b"]!) == nil)
        #expect(queue.remove(handles["c"]!) == "c")
        try queue.checkInvariants()
        #expect(queue.remove(handles["e"]!) == "e")
        #expect(try drain(&queue) == ["d"])

        // The last pending event popped leaves an empty queue behind its vacant root.
        var single = EventQueue<Int>()
        single.insert(1, at: 1)
        single.insert(2, at: 2)
        #expect(single.popFirst()?.payload == 1)
        #expect(single.popFirst()?.payload == 2)
        #expect(single.isEmpty && single.count == 0 && single.first == nil)
        #expect(single.popFirst() == nil)
        try single.checkInvariants()

        // A clear, and copies, each on their own.
        (queue, handles) = filled()
        var copy = queue
        copy.insert("x", at: 3.5)
        queue.removeAll()
        try queue.checkInvariants()
        #expect(queue.isEmpty && !queue.contains(handles["d"]!))
        #expect(try drain(&copy) == ["c", "x", "d", "e"])
    }

    /// Priorities are 16-bit: the extremes order correctly at equal times.
    @Test func extremePriorities() throws {
        var queue = EventQueue<Int>()
        #expect(EventQueue<Int>.priorities == -32768...32767)
        queue.insert(3, at: 1, priority: 32767)
        queue.insert(1, at: 1, priority: -32768)
        queue.insert(2, at: 1, priority: 0)
        queue.insert(4, at: 1, priority: 32767)
        queue.insert(0, at: 0.5, priority: 32767)
        #expect(queue.first?.priority == 32767)
        #expect(try drain(&queue) == [0, 1, 2, 3, 4])
    }

    /// A priority outside 16 bits traps.
    @Test func outOfRangePriorityTraps() async {
        await #expect(processExitsWith: .failure) {
            var queue = EventQueue<Int>()
            queue.insert(1, at: 0, priority: 32768)
        }
        await #expect(processExitsWith: .failure) {
            var queue = EventQueue<Int>()
            queue.insert(1, at: 0, priority: -32769)
        }
    }

    /// A queue is a value: a copy shares storage until one side changes, and then the two go
    /// their own ways (copy on write), handles included.
    @Test func copiesAreIndependent() throws {
        var original = EventQueue<Int>(minimumCapacity: 2)
        let handles = (0..<6).map { original.insert($0, at: Double(6 - $0)) }
        var copy = original
        #expect(copy.remove(handles[5]) == 5)       // the front entry, in the copy only
        copy.insert(10, at: 0.5)
        #expect(original.contains(handles[5]))
        #expect(original.popFirst()?.payload == 5)
        try original.checkInvariants()
        try copy.checkInvariants()
        #expect(try drain(&original) == [4, 3, 2, 1, 0])
        #expect(try drain(&copy) == [10, 4, 3, 2, 1, 0])
    }

    /// Payloads that hold references are released when delivered, removed, or cleared, so the
    /// slot table does not keep them alive.
    @Test func payloadsAreReleased() {
        final class Token {}
        weak var delivered: Token?
        weak var removed: Token?
        weak var cleared: Token?
        var queue = EventQueue<Token>()
        do {
            let d = Token(), r = Token(), c = Token()
            delivered = d; removed = r; cleared = c
            queue.insert(d, at: 1)
            let handle = queue.insert(r, at: 2)
            queue.insert(c, at: 3)
            _ = queue.popFirst()
            queue.remove(handle)
        }
        #expect(delivered == nil && removed == nil && cleared != nil)
        queue.removeAll()
        #expect(cleared == nil)

        // And when the queue itself goes, with events still pending (front entry and heap).
        weak var pendingFront: Token?
        weak var pendingHeap: Token?
        do {
            var doomed = EventQueue<Token>()
            let f = Token(), h = Token()
            pendingFront = f; pendingHeap = h
            doomed.insert(h, at: 2)
            doomed.insert(f, at: 1)
            #expect(doomed.count == 2)
        }
        #expect(pendingFront == nil && pendingHeap == nil)
    }
}
