import DiscreteEvent
import Testing

@Suite("Detached events")
struct DetachedEventTests {
    /// Rule: an event detached and reattached keeps its place among events of equal
    /// `(time, priority)` — before those scheduled after it, even while it was out.
    @Test func reattachedEventKeepsItsPlaceInTheFIFOOrder() throws {
        var sim = Simulation<String>()
        sim.schedule("a", at: 5, priority: 3)
        let b = sim.schedule("b", at: 5, priority: 3)
        sim.schedule("c", at: 5, priority: 3)
        let taken = sim.detach(b)
        let detached = try #require(taken)
        #expect(detached.time == 5 && detached.priority == 3 && detached.event == "b")
        #expect(!sim.isPending(b) && sim.pendingCount == 2)
        sim.schedule("d", at: 5, priority: 3)
        sim.schedule("e", at: 5, priority: 2)
        let handle = sim.reattach(detached)
        #expect(sim.isPending(handle))
        try sim.checkInvariants()
        var order: [String] = []
        while let event = sim.next() { order.append(event) }
        #expect(order == ["e", "a", "b", "c", "d"])
    }

    /// Rule: `detached(_:at:priority:)` orders an event as if it were scheduled at that moment:
    /// after pending events of equal key, before those scheduled later; and `isNext` says
    /// whether it precedes every pending event.
    @Test func detachedEventIsOrderedAsIfScheduledThen() throws {
        var sim = Simulation<String>()
        sim.schedule("x", at: 5, priority: 3)
        let y = sim.detached("y", at: 5, priority: 3)
        #expect(!sim.isNext(y))                                  // x has the same key and came first
        let early = sim.detached("early", at: 4.5, priority: 3)
        let urgent = sim.detached("urgent", at: 5, priority: 2)
        #expect(sim.isNext(early) && sim.isNext(urgent))
        sim.schedule("z", at: 5, priority: 3)
        #expect(sim.next() == "x")
        #expect(sim.isNext(y))                                   // z was scheduled after y
        let delivered = sim.deliver(y)
        #expect(delivered == "y")
        #expect(sim.now == 5 && sim.eventsDelivered == 2)
        #expect(sim.next() == "z")
    }

    /// Rule: detaching a delivered or cancelled event finds nothing; a queue emptied by detaching
    /// makes every detached event next.
    @Test func detachingAStaleHandleFindsNothing() throws {
        var sim = Simulation<Int>()
        let delivered = sim.schedule(1, at: 1)
        let cancelled = sim.schedule(2, at: 2)
        let kept = sim.schedule(3, at: 3)
        #expect(sim.next() == 1)
        sim.cancel(cancelled)
        let deliveredAgain = sim.detach(delivered), cancelledAgain = sim.detach(cancelled)
        #expect(deliveredAgain == nil && cancelledAgain == nil)
        let taken = sim.detach(kept)
        let three = try #require(taken)
        #expect(sim.pendingCount == 0 && sim.nextEventTime == nil)
        #expect(sim.isNext(three))
        try sim.checkInvariants()
    }

    /// Rule: a process that takes some of its events out of the queue, delivers them itself
    /// while each is next, reschedules them detached and puts them back, sees the events, times
    /// and delivery count that scheduling everything through the queue gives — with random
    /// times, priorities that tie, other events and cancellations in between.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func detachedLoopsDeliverWhatTheQueueWould(seed: UInt64) throws {
        let reference = Self.runModel(seed: seed, detaching: false)
        let detaching = Self.runModel(seed: seed, detaching: true)
        #expect(reference.log.count > 500)
        #expect(detaching.detachedDeliveries > 100)  // the side loop did run
        #expect(detaching.log == reference.log)
        #expect(detaching.delivered == reference.delivered)
    }

    /// A model of `workers` workers that each retry every so often (events `worker(i)`), and
    /// `others` that fire at random, schedule more of themselves and sometimes cancel a
    /// worker's attempt. Times are rounded to whole units so that ties are common. With
    /// `detaching`, after each event the workers' pending events are detached and delivered in a
    /// loop of the model's own for as long as one of them is next.
    static func runModel(seed: UInt64, detaching: Bool)
        -> (log: [String], delivered: Int, detachedDeliveries: Int)
    {
        enum Event { case worker(Int), other(Int) }
        var rng = SplitMix64(seed: seed)
        var draws: [Double] = []  // one sequence of draws, consumed in delivery order by both runs
        for _ in 0..<20_000 { draws.append(Double(rng.below(4))) }
        var next = 0
        func draw() -> Double {
            next += 1
            return draws[next % draws.count]
        }
        let workers = 3
        var sim = Simulation<Event>()
        var handles: [EventHandle?] = Array(repeating: nil, count: workers)
        var log: [String] = []
        var detachedDeliveries = 0
        for worker in 0..<workers { handles[worker] = sim.schedule(.worker(worker), at: Double(worker), priority: 1) }
        for other in 0..<4 { sim.schedule(.other(other), at: Double(2 * other), priority: other % 3) }

        func handleWorker(_ worker: Int) -> Double {
            log.append("\(sim.now) w\(worker)")
            return sim.now + draw()
        }
        while sim.now < 2_000, let event = sim.next() {
            switch event {
            case .worker(let worker):
                handles[worker] = sim.schedule(.worker(worker), at: handleWorker(worker), priority: 1)
            case .other(let other):
                log.append("\(sim.now) o\(other)")
                sim.schedule(.other(other), at: sim.now + 1 + draw() * 2, priority: other % 3)
                if draw() == 0, let handle = handles[other % workers], sim.cancel(handle) {
                    handles[other % workers] = sim.schedule(.worker(other % workers), at: sim.now + draw(), priority: 1)
                }
            }
            guard detaching else { continue }
            var pending: [DetachedEvent<Event>] = []
            for worker in 0..<workers {
                pending.append(sim.detach(handles[worker]!)!)
            }
            while true {
                var first = 0
                for index in 1..<workers where pending[index].precedes(pending[first]) { first = index }
                guard sim.now < 2_000, sim.isNext(pending[first]) else { break }
                guard case .worker(let worker) = sim.deliver(pending[first]) else { break }
                detachedDeliveries += 1
                pending[first] = sim.detached(.worker(worker), at: handleWorker(worker), priority: 1)
            }
            for worker in 0..<workers {
                guard case .worker(let index) = pending[worker].event else { continue }
                handles[index] = sim.reattach(pending[worker])
            }
        }
        return (log, sim.eventsDelivered, detachedDeliveries)
    }
}
