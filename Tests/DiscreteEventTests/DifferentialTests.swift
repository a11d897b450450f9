import DiscreteEvent
import Foundation
import Testing

/// A small, fixed-seed generator (SplitMix64), local to each test: no global randomness.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    /// Exponential with the given mean.
    mutating func exponential(mean: Double) -> Double { -mean * Foundation.log(1 - unit()) }
    /// Uniform integer in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// The reference model: a plain array kept sorted by (time, priority, sequence).
private struct NaiveQueue {
    struct Item { var time: Double; var priority: Int; var sequence: Int; var id: Int }
    var items: [Item] = []
    var sequence = 0

    mutating func insert(id: Int, time: Double, priority: Int) {
        let item = Item(time: time, priority: priority, sequence: sequence, id: id)
        sequence += 1
        let index = items.firstIndex {
            ($0.time, $0.priority, $0.sequence) > (item.time, item.priority, item.sequence)
        } ?? items.count
        items.insert(item, at: index)
    }
    mutating func remove(id: Int) -> Bool {
        guard let index = items.firstIndex(where: { $0.id == id }) else { return false }
        items.remove(at: index)
        return true
    }
    mutating func popFirst() -> Item? { items.isEmpty ? nil : items.removeFirst() }
    func contains(id: Int) -> Bool { items.contains { $0.id == id } }
    mutating func removeAll() { items.removeAll(); sequence = 0 }
}

@Suite("Differential against a sorted-array model")
struct DifferentialTests {
    /// Random inserts (with many ties), removals of pending and stale handles, pops, peeks and
    /// clears give exactly the reference model's results, and the queue's invariants hold
    /// after every operation.
    @Test(arguments: [1, 2, 3, 0xDEAD_BEEF] as [UInt64])
    func eventQueueMatchesModel(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var queue = EventQueue<Int>(minimumCapacity: 1)
        var model = NaiveQueue()
        var handles: [Int: EventHandle] = [:]   // every handle ever issued, by payload id
        var nextID = 0
        var largest = 0

        for _ in 0..<20_000 {
            switch rng.below(100) {
            case 0..<35:   // insert; coarse times and priorities force ties
                let time = Double(rng.below(30)) / 2
                let priority = rng.below(3) - 1
                handles[nextID] = queue.insert(nextID, at: time, priority: priority)
                model.insert(id: nextID, time: time, priority: priority)
                nextID += 1
            case 35..<55:  // remove a random handle: pending or stale
                guard nextID > 0 else { continue }
                let id = rng.below(nextID)
                let removed = queue.remove(handles[id]!)
                let expected = model.remove(id: id)
                #expect(removed == (expected ? id : nil))
            case 55..<90:  // pop
                let popped = queue.popFirst()
                let expected = model.popFirst()
                #expect(popped?.payload == expected?.id)
                #expect(popped?.time == expected?.time)
            case 90..<99:  // peek and membership
                let first = queue.first
                let expected = model.items.first
                #expect(first?.payload == expected?.id)
                #expect(first?.time == expected?.time)
                #expect(first?.priority == expected?.priority)
                if nextID > 0 {
                    let id = rng.below(nextID)
                    #expect(queue.contains(handles[id]!) == model.contains(id: id))
                }
            default:       // clear, rarely
                queue.removeAll()
                model.removeAll()
            }
            // `#require`: stop at the first divergence instead of reporting its echoes.
            try #require(queue.count == model.items.count)
            #expect(queue.isEmpty == model.items.isEmpty)
            try queue.checkInvariants()
            largest = max(largest, queue.count)
        }
        #expect(largest >= 16)   // the slot table grew several times from 1
        // Drain what is left, in model order.
        while let expected = model.popFirst() {
            #expect(queue.popFirst()?.payload == expected.id)
        }
        #expect(queue.popFirst() == nil)
        try queue.checkInvariants()
    }

    /// Copies of a queue (forks) evolve independently: each one, with its own handles, keeps
    /// matching its own copy of the model through inserts, removals and pops (copy on write).
    @Test func forkedQueuesMatchTheirModels() throws {
        var rng = SplitMix64(seed: 77)
        var queues = [EventQueue<Int>(minimumCapacity: 1)]
        var models = [NaiveQueue()]
        var handles: [[Int: EventHandle]] = [[:]]   // per queue: the handles it issued or inherited
        var nextID = 0
        for _ in 0..<10_000 {
            let k = rng.below(queues.count)
            switch rng.below(100) {
            case 0..<40:
                let time = Double(rng.below(20)) / 2
                let priority = rng.below(3) - 1
                handles[k][nextID] = queues[k].insert(nextID, at: time, priority: priority)
                models[k].insert(id: nextID, time: time, priority: priority)
                nextID += 1
            case 40..<55:
                guard let id = handles[k].keys.randomElement(using: &rng) else { continue }
                let expected = models[k].remove(id: id)
                #expect(queues[k].remove(handles[k][id]!) == (expected ? id : nil))
            case 55..<97:
                let expected = models[k].popFirst()
                #expect(queues[k].popFirst()?.payload == expected?.id)
            default:   // fork queue k (at most four live queues: the oldest other one goes)
                if queues.count == 4 {
                    let victim = k == 0 ? 1 : 0
                    queues.remove(at: victim); models.remove(at: victim); handles.remove(at: victim)
                }
                let source = Swift.min(k, queues.count - 1)
                queues.append(queues[source]); models.append(models[source]); handles.append(handles[source])
            }
            for index in queues.indices {
                try #require(queues[index].count == models[index].items.count)
                try queues[index].checkInvariants()
            }
        }
        for index in queues.indices {
            while let expected = models[index].popFirst() {
                #expect(queues[index].popFirst()?.payload == expected.id)
            }
        }
    }

    /// The same differential check through `Simulation`: schedule (absolute and relative),
    /// cancel, `next`, `next(until:)`, `advance(to:)`; the clock always equals the model's, and the simulation
    /// invariants (including "nothing pending before now") hold after every operation.
    @Test(arguments: [11, 12] as [UInt64])
    func simulationMatchesModel(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var sim = Simulation<Int>(minimumCapacity: 1)
        var model = NaiveQueue()
        var now = 0.0
        var handles: [EventHandle] = []
        var largest = 0

        for _ in 0..<20_000 {
            switch rng.below(100) {
            case 0..<25:
                let time = sim.now + Double(rng.below(8)) / 4   // sim.now: never trap, even if diverged
                let priority = rng.below(2)
                handles.append(sim.schedule(handles.count, at: time, priority: priority))
                model.insert(id: handles.count - 1, time: time, priority: priority)
            case 25..<45:
                let delay = Double(rng.below(8)) / 4
                handles.append(sim.schedule(handles.count, after: delay))
                model.insert(id: handles.count - 1, time: sim.now + delay, priority: 0)
            case 45..<55:
                guard !handles.isEmpty else { continue }
                let id = rng.below(handles.count)
                #expect(sim.cancel(handles[id]) == model.remove(id: id))
                #expect(!sim.isPending(handles[id]))
            case 55..<80:
                let expected = model.popFirst()
                #expect(sim.next() == expected?.id)
                if let expected { now = expected.time }
            case 80..<85:   // advance the clock by hand, as a model's own event would
                let target = sim.now + Double(rng.below(6)) / 4
                #expect(sim.nextEventTime == model.items.first?.time)
                let expected = target <= (model.items.first?.time ?? .infinity)
                #expect(sim.advance(to: target) == expected)
                if expected { now = target }
            default:
                let limit = sim.now + Double(rng.below(4)) / 4
                if let first = model.items.first, first.time <= limit {
                    #expect(sim.next(until: limit) == model.popFirst()?.id)
                    now = first.time
                } else {
                    #expect(sim.next(until: limit) == nil)
                    now = limit
                }
            }
            try #require(sim.now == now)   // stop at the first divergence
            try #require(sim.pendingCount == model.items.count)
            try sim.checkInvariants()
            largest = max(largest, sim.pendingCount)
        }
        #expect(largest >= 32)
    }
}
