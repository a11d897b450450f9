import DiscreteEvent
import Testing

/// Runs to exhaustion, returning (time, event) pairs in delivery order.
private func trace<E>(_ sim: inout Simulation<E>, until limit: Double = .infinity) -> [(Double, E)] {
    var out: [(Double, E)] = []
    sim.run(until: limit) { sim, event in out.append((sim.now, event)) }
    return out
}

@Suite("Simulation")
struct SimulationTests {
    /// The clock starts at 0; `next()` advances it to each event's time in ascending order and
    /// counts deliveries; with nothing pending it returns nil and leaves the clock alone.
    @Test func nextAdvancesClock() {
        var sim = Simulation<String>()
        #expect(sim.now == 0 && sim.eventsDelivered == 0 && sim.pendingCount == 0)
        sim.schedule("b", at: 2)
        sim.schedule("a", after: 1)
        #expect(sim.next() == "a" && sim.now == 1)
        sim.schedule("c", after: 0.5)   // relative to now = 1
        #expect(sim.next() == "c" && sim.now == 1.5)
        #expect(sim.next() == "b" && sim.now == 2)
        #expect(sim.next() == nil && sim.now == 2)
        #expect(sim.eventsDelivered == 3)
    }

    /// Delivery is by time, then priority (lower first), then scheduling order.
    @Test func deliveryOrder() {
        var sim = Simulation<String>()
        sim.schedule("t2 p1 first", at: 2, priority: 1)
        sim.schedule("t2 p0", at: 2, priority: 0)
        sim.schedule("t1", at: 1, priority: 5)
        sim.schedule("t2 p1 second", at: 2, priority: 1)
        sim.schedule("t2 urgent", at: 2, priority: -1)
        #expect(trace(&sim).map(\.1) == ["t1", "t2 urgent", "t2 p0", "t2 p1 first", "t2 p1 second"])
    }

    /// A cancelled pending event is never delivered, and `cancel` reports it was pending.
    @Test func cancelledEventIsNeverDelivered() throws {
        var sim = Simulation<String>()
        sim.schedule("keep", at: 1)
        let doomed = sim.schedule("doomed", at: 2)
        sim.schedule("keep too", at: 3)
        #expect(sim.isPending(doomed))
        let wasPending = sim.cancel(doomed)
        #expect(wasPending)
        #expect(!sim.isPending(doomed))
        try sim.checkInvariants()
        #expect(trace(&sim).map(\.1) == ["keep", "keep too"])
        #expect(sim.eventsDelivered == 2)
    }

    /// Cancelling an event that was already delivered returns false and changes nothing.
    @Test func cancelDeliveredReturnsFalse() {
        var sim = Simulation<Int>()
        let first = sim.schedule(1, at: 1)
        sim.schedule(2, at: 2)
        #expect(sim.next() == 1)
        #expect(!sim.isPending(first))
        let cancelled = sim.cancel(first)
        #expect(!cancelled)
        #expect(sim.pendingCount == 1)
    }

    /// Cancelling twice: the first returns true, the second false.
    @Test func doubleCancel() {
        var sim = Simulation<Int>()
        let handle = sim.schedule(1, at: 1)
        let first = sim.cancel(handle)
        let second = sim.cancel(handle)
        #expect(first)
        #expect(!second)
        #expect(sim.pendingCount == 0)
    }

    /// After a slot is reused, the old handle is stale: it is not pending and cancelling it
    /// neither succeeds nor cancels the new event in that slot.
    @Test func staleHandleAfterSlotReuse() {
        var sim = Simulation<String>(minimumCapacity: 1)
        let old = sim.schedule("old", at: 1)
        #expect(sim.next() == "old")
        let new = sim.schedule("new", at: 2)
        #expect(sim.capacity == 1)   // the only slot was reused
        #expect(!sim.isPending(old))
        let cancelled = sim.cancel(old)
        #expect(!cancelled)
        #expect(sim.isPending(new))
        #expect(sim.next() == "new")
    }

    /// A handler may cancel a later event (a preemption cancels the checkpoint in flight),
    /// which is then never delivered, and may schedule new ones.
    @Test func cancelFromInsideHandler() throws {
        enum Event: Equatable { case preempt, checkpointDone, restart }
        var sim = Simulation<Event>()
        let checkpoint = sim.schedule(.checkpointDone, at: 60)
        sim.schedule(.preempt, at: 45)
        var seen: [(Double, Event)] = []
        var cancelled: Bool?
        sim.run { sim, event in
            seen.append((sim.now, event))
            if event == .preempt {
                cancelled = sim.cancel(checkpoint)
                sim.schedule(.restart, after: 30)
            }
        }
        #expect(cancelled == true)
        #expect(seen.map(\.1) == [.preempt, .restart])
        #expect(seen.map(\.0) == [45, 75])
        try sim.checkInvariants()
    }

    /// A handler can cancel an event scheduled at the very same instant, after it in order.
    @Test func cancelSameInstantFromHandler() {
        var sim = Simulation<Int>()
        sim.schedule(1, at: 5)
        let second = sim.schedule(2, at: 5)
        var seen: [Int] = []
        sim.run { sim, event in
            seen.append(event)
            if event == 1 {
                let cancelled = sim.cancel(second)
                #expect(cancelled)
            }
        }
        #expect(seen == [1])
    }

    /// `run(until:)` delivers events at exactly `limit`, leaves later ones pending, and ends
    /// with the clock at `limit`, even if the last event was earlier.
    @Test func runUntilSemantics() throws {
        var sim = Simulation<String>()
        sim.schedule("before", at: 3)
        sim.schedule("at limit", at: 10)
        let later = sim.schedule("after", at: 10.000001)
        #expect(trace(&sim, until: 10).map(\.1) == ["before", "at limit"])
        #expect(sim.now == 10)
        #expect(sim.isPending(later) && sim.pendingCount == 1)

        // An empty stretch still moves the clock to the limit.
        #expect(trace(&sim, until: 10).isEmpty && sim.now == 10)
        sim.schedule("second run", at: 11)
        #expect(trace(&sim, until: 20).map(\.1) == ["after", "second run"])
        #expect(sim.now == 20)

        // With no limit the run ends when nothing is pending; the clock stays put.
        sim.schedule("last", at: 25)
        #expect(trace(&sim).map(\.1) == ["last"])
        #expect(sim.now == 25)
        try sim.checkInvariants()
    }

    /// `advance(to:)` moves the clock to a time no pending event precedes — events at that
    /// very time stay pending — and otherwise leaves the clock alone; `nextEventTime` peeks.
    @Test func advanceStopsBeforeAPendingEvent() throws {
        var sim = Simulation<String>()
        #expect(sim.nextEventTime == nil)
        #expect(sim.advance(to: 3) && sim.now == 3)          // nothing pending: always
        sim.schedule("at 10", at: 10)
        #expect(sim.nextEventTime == 10)
        #expect(sim.advance(to: 4) && sim.now == 4)
        #expect(!sim.advance(to: 11) && sim.now == 4)        // would pass the event at 10
        #expect(sim.advance(to: 10) && sim.now == 10)        // up to it, and it stays pending
        #expect(sim.pendingCount == 1 && sim.eventsDelivered == 0)
        #expect(sim.next() == "at 10" && sim.now == 10)
        try sim.checkInvariants()
    }

    /// `advance(uncheckedTo:)` moves the clock to a time no pending event precedes, as
    /// `advance(to:)` does, delivering nothing: an event at that very time stays pending and
    /// comes next; moving it backwards traps.
    @Test func advanceUncheckedMovesTheClockOnly() async throws {
        var sim = Simulation<String>()
        sim.schedule("at 10", at: 10)
        let limit = try #require(sim.nextEventTime)
        for step in [2.0, 5, 10] where step <= limit {
            sim.advance(uncheckedTo: step)
            #expect(sim.now == step)
        }
        #expect(sim.pendingCount == 1 && sim.eventsDelivered == 0)
        #expect(sim.next() == "at 10" && sim.now == 10)
        try sim.checkInvariants()
        await #expect(processExitsWith: .failure) {
            var sim = Simulation<Int>()
            sim.advance(uncheckedTo: 5)
            sim.advance(uncheckedTo: 4)
        }
    }

    /// Advancing backwards, or to a non-finite time, traps.
    @Test func advanceBackwardsTraps() async {
        await #expect(processExitsWith: .failure) {
            var sim = Simulation<Int>()
            _ = sim.advance(to: 5)
            _ = sim.advance(to: 4)
        }
        await #expect(processExitsWith: .failure) {
            var sim = Simulation<Int>()
            _ = sim.advance(to: .infinity)
        }
    }

    /// `next(until:)` returns an event due at or before the limit, else nil with now = limit.
    @Test func nextUntilSemantics() {
        var sim = Simulation<Int>()
        sim.schedule(1, at: 5)
        #expect(sim.next(until: 4) == nil && sim.now == 4)
        #expect(sim.next(until: 5) == 1 && sim.now == 5)
        #expect(sim.next(until: .infinity) == nil && sim.now == 5)
    }

    /// The clock never goes backwards across a long run of random schedules and cancels.
    @Test func clockIsMonotonic() throws {
        var rng = SplitMix64(seed: 42)
        var sim = Simulation<Int>(minimumCapacity: 8)
        var handles: [EventHandle] = []
        for i in 0..<50 { handles.append(sim.schedule(i, after: rng.unit() * 10)) }
        var last = sim.now
        var count = 0
        sim.run(until: 500) { sim, event in
            #expect(sim.now >= last)
            last = sim.now
            count += 1
            guard event >= 0 else { return }   // negative events are one-shots
            handles.append(sim.schedule(event, after: rng.unit() * 10, priority: Int(rng.next() % 3)))
            if rng.next() % 4 == 0 { sim.cancel(handles[Int(rng.next() % UInt64(handles.count))]) }
            if rng.next() % 5 == 0 { handles.append(sim.schedule(-1, after: 0)) }
        }
        #expect(count > 1000)
        #expect(sim.now == 500)
        try sim.checkInvariants()
    }

    /// `stop()` makes `run` return right after the current handler, leaving the clock at that
    /// event and the rest pending; the next `run` starts unstopped and continues.
    @Test func stopEndsRunAfterCurrentHandler() {
        var sim = Simulation<Int>()
        for i in 1...5 { sim.schedule(i, at: Double(i)) }
        var seen: [Int] = []
        sim.run(until: 100) { sim, event in
            seen.append(event)
            if event == 2 { sim.stop() }
        }
        #expect(seen == [1, 2])
        #expect(sim.now == 2 && sim.pendingCount == 3)

        sim.stop()   // outside `run`: no effect on the next run
        sim.run(until: 100) { _, event in seen.append(event) }
        #expect(seen == [1, 2, 3, 4, 5])
        #expect(sim.now == 100)
    }

    /// `reset()` returns to time 0 with nothing pending or delivered, keeps the capacity,
    /// makes old handles stale, and the replay then behaves like a fresh simulation.
    @Test func resetKeepsCapacity() throws {
        func replicate(_ sim: inout Simulation<Int>) -> [(Double, Int)] {
            for i in 0..<300 { sim.schedule(i, at: Double(i % 17), priority: i % 2) }
            return trace(&sim, until: 12)
        }
        var sim = Simulation<Int>(minimumCapacity: 4)
        let first = replicate(&sim)
        let old = sim.schedule(-1, at: 50)
        let capacity = sim.capacity
        #expect(capacity >= 300)

        sim.reset()
        #expect(sim.now == 0 && sim.eventsDelivered == 0 && sim.pendingCount == 0)
        #expect(sim.capacity == capacity)
        #expect(!sim.isPending(old) && !sim.cancel(old))
        try sim.checkInvariants()

        let second = replicate(&sim)
        #expect(sim.capacity == capacity)
        #expect(first.map(\.0) == second.map(\.0) && first.map(\.1) == second.map(\.1))
        var fresh = Simulation<Int>(minimumCapacity: 4)
        #expect(replicate(&fresh).map(\.1) == first.map(\.1))
    }

    /// In a long schedule/deliver/cancel loop with a bounded number of pending events, the
    /// capacity stops growing after warm-up: the steady state allocates no slot storage.
    @Test func steadyStateDoesNotGrow() throws {
        var rng = SplitMix64(seed: 7)
        var sim = Simulation<Int>(minimumCapacity: 2)
        var checkpoints: [EventHandle] = []
        checkpoints.reserveCapacity(1)
        func step(_ sim: inout Simulation<Int>) {
            // Hold model with ~100 events, plus a checkpoint that a preemption may cancel.
            guard let event = sim.next(), event >= 0 else { return }   // -1: checkpoint done
            sim.schedule(event, after: rng.exponential(mean: 1))
            if event % 10 == 0 {
                if let handle = checkpoints.popLast() { sim.cancel(handle) }
                checkpoints.append(sim.schedule(-1, after: rng.unit()))
            }
        }
        for i in 0..<100 { sim.schedule(i, after: rng.exponential(mean: 1)) }
        for _ in 0..<10_000 { step(&sim) }
        let warm = sim.capacity
        try sim.checkInvariants()
        for _ in 0..<500_000 { step(&sim) }
        #expect(sim.capacity == warm)
        #expect(sim.pendingCount >= 100)
        try sim.checkInvariants()
    }

    /// Scheduling in the past, at a non-finite time, or with a negative delay traps.
    @Test func schedulingBeforeNowOrNonFiniteTraps() async {
        await #expect(processExitsWith: .failure) {
            var sim = Simulation<Int>()
            sim.schedule(1, at: 5)
            _ = sim.next()
            sim.schedule(2, at: 4)
        }
        await #expect(processExitsWith: .failure) {
            var sim = Simulation<Int>()
            sim.schedule(1, at: .infinity)
        }
        await #expect(processExitsWith: .failure) {
            var sim = Simulation<Int>()
            sim.schedule(1, at: .nan)
        }
        await #expect(processExitsWith: .failure) {
            var sim = Simulation<Int>()
            sim.schedule(1, after: -1)
        }
        await #expect(processExitsWith: .failure) {
            var queue = EventQueue<Int>()
            queue.insert(1, at: -.infinity)
        }
    }
}
