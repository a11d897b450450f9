/// One entry of a state's Pareto frontier: a partial schedule's progress and cost.
///
/// Progress is `intervals·tick − runs·overhead` (whole intervals of productive runs and their
/// count), so partial schedules with equal progress have bit-for-bit equal `progress`.
struct FrontierEntry {
    var progress: Double
    /// Billed cost of the ended runs plus the run in progress as if released now.
    var cost: Double
    var intervals: Int32
    var runs: Int32
    /// The partial schedule's lexicographic rank among all entries at its boundary (while being
    /// built: its parent's rank).
    var rank: Int32
    /// Its index in the history (while being built: its parent's index).
    var id: Int32
}

/// The best complete schedule found so far.
struct Candidate {
    var cost: Double
    var completion: Double
    var interval: Int
    var parentRank: Int32
    var choice: UInt32
    var parentID: Int32
}

/// How the entries of a source turn into the entries of a target state over one interval.
struct Move {
    /// `nil` for idle.
    var cluster: RunCluster?
    /// The run's state before the interval (0 for a launch).
    var from: Int
    var intervals: Int32
    var runs: Int32
    var cost: Double
    /// Overhead to pay in the interval before computing.
    var pending: Double
}

/// What the entries of a target state at the next boundary must satisfy.
struct Target {
    /// The most compute still possible by the deadline from the state.
    var reachable: Double
    /// See `PlanningModel.relaxationGap`.
    var adjustment: Double
    /// The state in `CostToGoBound`.
    var relaxed: Int
    /// The boundary, for the lower bound.
    var boundary: Int
}

/// The incumbent and the pruning limit it sets.
struct Incumbent {
    var best: Candidate?
    var upper: Double
    let tolerance: Double

    var limit: Double { upper + 4 * tolerance }

    /// Keeps `candidate` if it is cheaper, or as cheap and earlier, or as cheap, as early and
    /// lexicographically smaller.
    mutating func offer(_ candidate: Candidate, timeTolerance: Double) {
        if let best {
            if candidate.cost > best.cost + tolerance { return }
            if candidate.cost >= best.cost - tolerance {
                if candidate.completion > best.completion + timeTolerance { return }
                if candidate.completion >= best.completion - timeTolerance {
                    if candidate.interval != best.interval {
                        if candidate.interval > best.interval { return }
                    } else if (candidate.parentRank, candidate.choice) >= (best.parentRank, best.choice) {
                        return
                    }
                }
            }
        }
        best = candidate
        upper = Swift.min(upper, candidate.cost)
    }
}

/// A growable array of bitwise-copyable values in memory its owner frees (`FrontierSearch`):
/// appends after `reserve` are plain stores, without the checks of `Array`.
struct RawBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// Makes room for `minimum` elements in all.
    @inline(__always)
    mutating func reserve(_ minimum: Int) {
        if minimum > capacity { grow(to: minimum) }
    }

    mutating func grow(to minimum: Int) {
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: Swift.max(minimum, 2 * capacity))
        fresh.moveInitialize(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = Swift.max(minimum, 2 * capacity)
    }

    /// Appends `value`; room must have been reserved.
    @inline(__always)
    mutating func append(_ value: Element) {
        (base + count).initialize(to: value)
        count += 1
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    func elements(_ range: Range<Int>) -> UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    func deallocate() { base.deallocate() }
}

/// Owns a `FrontierSearch`'s memory.
final class SearchBox {
    var search = FrontierSearch()

    init() {}

    deinit { search.deallocate() }
}

/// The forward dynamic programme of ``OmniscientPlanner``, with buffers reused across plans
/// (held by a `SearchBox`, which frees them).
struct FrontierSearch {
    /// The frontiers at the current boundary, state after state (`currentStart` delimits them).
    var current = RawBuffer<FrontierEntry>(capacity: 4096)
    var next = RawBuffer<FrontierEntry>(capacity: 4096)
    var currentStart: [Int] = []
    var nextStart: [Int] = []
    var spotEnded = RawBuffer<FrontierEntry>(capacity: 1024)
    var onDemandEnded = RawBuffer<FrontierEntry>(capacity: 1024)
    var idleOrSpotEnded = RawBuffer<FrontierEntry>(capacity: 1024)
    var allEnded = RawBuffer<FrontierEntry>(capacity: 1024)
    var idleOrOnDemandEnded = RawBuffer<FrontierEntry>(capacity: 1024)
    var scratchA = RawBuffer<FrontierEntry>(capacity: 1024)
    var scratchB = RawBuffer<FrontierEntry>(capacity: 1024)
    /// The pieces emitted for one target state, one after the other (`pieceEnds`).
    var pieces = RawBuffer<FrontierEntry>(capacity: 1024)
    var pieceEnds: [Int] = []
    var ends: [Int] = []
    var merged: [Int] = []
    /// For each entry ever kept: its parent's index (high 30 bits) and its interval's choice.
    var history = RawBuffer<UInt32>(capacity: 1 << 16)
    /// Scratch for ranks, all −1 between uses.
    var bucket = RawBuffer<Int32>(capacity: 1024)
    /// Scratch for compacting the history: a bit per entry, and the marks before each word.
    var marks = RawBuffer<UInt64>(capacity: 1024)
    var ranks = RawBuffer<Int32>(capacity: 1024)
    /// The history's size that triggers the first compaction, and the next one.
    var historyLimit = 1 << 20
    var compactAt = 1 << 20
    var keys: [(Double, Int)] = []
    var routes: [(from: Int, to: Int)] = []
    /// Entries kept over the last search (for diagnostics).
    var entriesKept = 0
    /// When positive, each state keeps only this many entries, those with the least bound: a
    /// fast heuristic (beam search) rather than the exact programme.
    var beam = 0

    func deallocate() {
        for buffer in [current, next, spotEnded, onDemandEnded, idleOrSpotEnded, allEnded, idleOrOnDemandEnded,
                       scratchA, scratchB, pieces]
        {
            buffer.deallocate()
        }
        history.deallocate()
        bucket.deallocate()
        marks.deallocate()
        ranks.deallocate()
    }

    // MARK: - The programme

    /// The choices of the cheapest deadline-meeting schedule up to its completion, or `nil`
    /// when the search found none below `upper`.
    mutating func run(_ model: PlanningModel, bound: CostToGoBound, incumbent upper: Double) -> [ClusterChoice]? {
        let spotLast = model.spot.last
        let stateCount = 1 + spotLast + model.onDemand.last
        var incumbent = Incumbent(best: nil, upper: upper, tolerance: model.costTolerance)

        current.count = 0
        current.append(FrontierEntry(progress: 0, cost: 0, intervals: 0, runs: 0, rank: 0, id: 0))
        currentStart = [0] + Array(repeating: 1, count: stateCount)
        nextStart = Array(repeating: 0, count: stateCount + 1)
        history.count = 0
        history.append(0)
        entriesKept = 1
        compactAt = historyLimit

        for b in 0..<model.intervalCount {
            step(b, model, bound, &incumbent)
            swap(&current, &next)
            swap(&currentStart, &nextStart)
            if current.count == 0 { break }
            if history.count >= compactAt { compactHistory(&incumbent) }
        }
        guard let best = incumbent.best else { return nil }
        var choices = Array(repeating: ClusterChoice.idle, count: best.interval + 1)
        choices[best.interval] = best.choice == 1 ? .spot : .onDemand
        var id = Int(best.parentID)
        for k in stride(from: best.interval - 1, through: 0, by: -1) {
            let link = history[id]
            choices[k] = link & 3 == 0 ? .idle : (link & 3 == 1 ? .spot : .onDemand)
            id = Int(link >> 2)
        }
        return choices
    }

    /// Turns the frontiers at boundary `b` into those at `b + 1`, offering every completion
    /// during interval `b` to `incumbent`.
    mutating func step(_ b: Int, _ model: PlanningModel, _ bound: CostToGoBound, _ incumbent: inout Incumbent) {
        let spot = model.spot
        let onDemand = model.onDemand
        let spotLast = spot.last
        let isLast = b == model.intervalCount - 1
        let usable = model.usable[b]
        let reclaimed = b >= 1 && !model.survives[b]
        let spotContinues = b >= 1 && usable && model.survives[b]
        let dominance = Dominance(tolerance: model.costTolerance, margin: model.dominanceMargin[b])

        // The entries whose run (if any) ends at this boundary.
        // An ended entry that cannot beat the incumbent from idle is dropped before merging.
        let filter = EndFilter(bound: bound, boundary: b, limit: incumbent.limit, work: model.work)
        mergeSegments(1...spotLast, dominance: dominance, filter: filter) { j in
            reclaimed ? model.reclaimAdjustment(state: j, at: b) : 0
        }
        swap(&spotEnded, &scratchA)
        mergeSegments((spotLast + 1)...(spotLast + onDemand.last), dominance: dominance, filter: filter) { _ in 0 }
        swap(&onDemandEnded, &scratchA)
        let idle = current.elements(currentStart[0]..<currentStart[1])
        idleOrSpotEnded.count = 0
        Self.merge(idle, spotEnded.elements, into: &idleOrSpotEnded, dominance: dominance)
        allEnded.count = 0
        Self.merge(idleOrSpotEnded.elements, onDemandEnded.elements, into: &allEnded, dominance: dominance)
        idleOrOnDemandEnded.count = 0
        if usable, !reclaimed, b >= 1 {
            Self.merge(idle, onDemandEnded.elements, into: &idleOrOnDemandEnded, dominance: dominance)
        }

        let after = Double(b) * model.tick + model.lengths[b]
        let nextUsable = !isLast && model.usable[b + 1] && model.survives[b + 1]
        func target(_ cluster: RunCluster?, _ j: Int) -> Target {
            guard let cluster else {
                return Target(
                    reachable: model.deadline - after - model.overhead, adjustment: 0, relaxed: 0, boundary: b + 1)
            }
            let continues = cluster == .onDemand || nextUsable
            let pending = continues ? model.pendingOverhead(j) : model.overhead
            return Target(
                reachable: model.deadline - after - pending,
                adjustment: isLast ? 0 : model.relaxationGap(cluster, state: j, at: b + 1),
                relaxed: bound.state(cluster, j), boundary: b + 1)
        }

        next.count = 0
        nextStart[0] = 0
        // Idle.
        let idleMove = Move(cluster: nil, from: 0, intervals: 0, runs: 0, cost: 0, pending: 0)
        Self.emit(allEnded.elements, idleMove, target(nil, 0), b, isLast, model, bound, &incumbent, into: &next)
        if beam > 0 { narrow(from: 0, target(nil, 0), bound, work: model.work) }
        nextStart[1] = next.count
        // Spot, then on-demand, state by state. A source is a launch (0) or the run of state i
        // going on (i); a spot run that can no longer be refunded joins the capped state of its
        // phase.
        for cluster in [RunCluster.spot, .onDemand] {
            let run = cluster == .spot ? spot : onDemand
            let offset = cluster == .spot ? 0 : spotLast
            func route(_ j: Int) -> Int {
                guard cluster == .spot, !isLast, j < run.cap, j >= run.linearCap,
                    !model.spotRefundPossible(at: b + 1, age: j)
                else { return j }
                return run.collapsed(j)
            }
            routes.removeAll(keepingCapacity: true)
            if cluster == .onDemand || usable { routes.append((0, route(1))) }
            if cluster == .onDemand || spotContinues {
                for i in 1...run.last where currentStart[offset + i] < currentStart[offset + i + 1] {
                    routes.append((i, route(run.next(i))))
                }
            }
            let launchSource =
                cluster == .onDemand
                ? idleOrSpotEnded.elements : ((b == 0 || reclaimed) ? allEnded.elements : idleOrOnDemandEnded.elements)
            for j in 1...run.last {
                var sources = 0
                let goal = target(cluster, j)
                for route in routes where route.to == j {
                    let from = route.from
                    let step = model.progressStep(from: from)
                    let move = Move(
                        cluster: cluster, from: from, intervals: step.intervals, runs: step.runs,
                        cost: from == 0
                            ? model.launchCost(cluster, at: b) : model.continueCost(cluster, from: from, at: b),
                        pending: from == 0 ? model.overhead : model.pendingOverhead(from))
                    let source =
                        from == 0
                        ? launchSource : current.elements(currentStart[offset + from]..<currentStart[offset + from + 1])
                    if sources == 0 {
                        pieces.count = 0
                        pieceEnds.removeAll(keepingCapacity: true)
                    }
                    Self.emit(source, move, goal, b, isLast, model, bound, &incumbent, into: &pieces)
                    pieceEnds.append(pieces.count)
                    sources += 1
                }
                collect(sources, dominance: dominance)
                if beam > 0 { narrow(from: nextStart[offset + j], goal, bound, work: model.work) }
                nextStart[1 + offset + j] = next.count
            }
        }
        if isLast {
            next.count = 0
            return
        }
        assignRanks(parents: current.count, spotLast: spotLast)
    }

    /// Keeps only the `beam` entries of `next[start...]` with the least bound, in order.
    mutating func narrow(from start: Int, _ target: Target, _ bound: CostToGoBound, work: Double) {
        guard next.count - start > beam else { return }
        keys.removeAll(keepingCapacity: true)
        var hint = bound.multipliers.count / 2
        for index in start..<next.count {
            let entry = next[index]
            let rest = bound.climb(
                boundary: target.boundary, state: target.relaxed, work: work - entry.progress, hint: &hint)
            let key = (entry.cost - target.adjustment + rest, index)
            // Keep the `beam` least keys, sorted.
            if keys.count == beam {
                guard key < keys[beam - 1] else { continue }
                keys.removeLast()
            }
            var slot = keys.count
            while slot > 0, key < keys[slot - 1] { slot -= 1 }
            keys.insert(key, at: slot)
        }
        var kept = keys.map(\.1)
        kept.sort()
        for (offset, index) in kept.enumerated() { next[start + offset] = next[index] }
        next.count = start + kept.count
    }

    /// Moves the pieces emitted for one target state into `next`, merged into one frontier.
    mutating func collect(_ count: Int, dominance: Dominance) {
        guard count > 0 else { return }
        if count == 1 {
            Self.append(pieces.elements, to: &next)
            return
        }
        scratchA.count = 0
        Self.append(pieces.elements(0..<pieceEnds[0]), to: &scratchA)
        for index in 1..<count {
            scratchB.count = 0
            Self.merge(
                scratchA.elements, pieces.elements(pieceEnds[index - 1]..<pieceEnds[index]), into: &scratchB,
                dominance: dominance)
            swap(&scratchA, &scratchB)
        }
        Self.append(scratchA.elements, to: &next)
    }

    /// Drops from the history every entry that no entry of the current frontier (nor the
    /// incumbent) descends from, renumbering the rest; memory then follows the live schedules
    /// rather than every entry ever kept. Marks are bits, and an entry's new index is the count
    /// of marks before it.
    mutating func compactHistory(_ incumbent: inout Incumbent) {
        let count = history.count
        let words = (count + 63) / 64
        marks.reserve(words)
        ranks.reserve(words + 1)
        let bits = marks.base
        let before = ranks.base
        let links = history.base
        for word in 0..<words { bits[word] = 0 }
        func mark(_ id: Int) {
            var index = id
            while bits[index >> 6] & (1 << UInt64(index & 63)) == 0 {
                bits[index >> 6] |= 1 << UInt64(index & 63)
                if index == 0 { break }
                index = Int(links[index] >> 2)
            }
        }
        mark(0)
        for index in 0..<current.count { mark(Int(current[index].id)) }
        if let best = incumbent.best { mark(Int(best.parentID)) }
        var total: Int32 = 0
        for word in 0..<words {
            before[word] = total
            total &+= Int32(bits[word].nonzeroBitCount)
        }
        func renumbered(_ index: Int) -> Int32 {
            let below = bits[index >> 6] & ((1 << UInt64(index & 63)) &- 1)
            return before[index >> 6] &+ Int32(below.nonzeroBitCount)
        }
        // Parents come before their children, so one forward pass moves every kept link down.
        for word in 0..<words {
            var set = bits[word]
            while set != 0 {
                let index = word << 6 | set.trailingZeroBitCount
                set &= set &- 1
                let link = links[index]
                let moved = index == 0 ? 0 : UInt32(renumbered(Int(link >> 2))) << 2 | (link & 3)
                links[Int(renumbered(index))] = moved
            }
        }
        history.count = Int(total)
        for index in 0..<current.count { current[index].id = renumbered(Int(current[index].id)) }
        if let best = incumbent.best { incumbent.best?.parentID = renumbered(Int(best.parentID)) }
        compactAt = Swift.max(historyLimit, 2 * Int(total) + 4 * current.count)
    }

    /// Gives the entries of `next` their lexicographic ranks and history indices.
    mutating func assignRanks(parents: Int, spotLast: Int) {
        let keyCount = 3 * parents
        if bucket.capacity < keyCount {
            bucket.grow(to: keyCount)
            bucket.count = 0
        }
        if bucket.count < keyCount {
            // Keys past `count` are not yet −1.
            for key in bucket.count..<bucket.capacity { (bucket.base + key).initialize(to: -1) }
            bucket.count = bucket.capacity
        }
        precondition(history.count + next.count < 1 << 30, "OmniscientPlanner: too many frontier entries")
        history.reserve(history.count + next.count)
        let entries = next.base
        let count = next.count
        let keys = bucket.base
        let links = history.base
        var id = history.count
        for state in 0..<(nextStart.count - 1) {
            let choice: UInt32 = state == 0 ? 0 : (state <= spotLast ? 1 : 2)
            for index in nextStart[state]..<nextStart[state + 1] {
                let entry = entries + index
                keys[Int(entry.pointee.rank) &* 3 &+ Int(choice)] = Int32(truncatingIfNeeded: index)
                links[id] = UInt32(truncatingIfNeeded: entry.pointee.id) << 2 | choice
                entry.pointee.id = Int32(truncatingIfNeeded: id)
                id &+= 1
            }
        }
        history.count = id
        var rank: Int32 = 0
        for key in 0..<keyCount {
            let index = keys[key]
            if index >= 0 {
                entries[Int(index)].rank = rank
                rank &+= 1
                keys[key] = -1
            }
        }
        entriesKept += count
    }

    // MARK: - Frontier operations

    /// Moves every entry of `source` through `move` into `out` (a frontier, as `source` is):
    /// offers completions to `incumbent`, drops entries that can no longer finish by the
    /// deadline or cost too much.
    static func emit(
        _ source: UnsafeBufferPointer<FrontierEntry>, _ move: Move, _ target: Target, _ b: Int, _ isLast: Bool,
        _ model: PlanningModel, _ bound: CostToGoBound, _ incumbent: inout Incumbent,
        into out: inout RawBuffer<FrontierEntry>
    ) {
        out.reserve(out.count + source.count)
        let work = model.work
        let slack = model.timeTolerance
        let length = model.lengths[b]
        let tick = model.tick
        let overhead = model.overhead
        var hint = bound.multipliers.count / 2
        for entry in source {
            if let cluster = move.cluster {
                let need = move.pending + (work - entry.progress)
                if need <= length + slack {
                    let cost = entry.cost + model.completionCost(cluster, from: move.from, at: b, after: need)
                    let candidate = Candidate(
                        cost: cost, completion: Double(b) * tick + need, interval: b, parentRank: entry.rank,
                        choice: cluster == .spot ? 1 : 2, parentID: entry.id)
                    incumbent.offer(candidate, timeTolerance: slack)
                    continue
                }
            }
            if isLast { continue }
            let intervals = entry.intervals + move.intervals
            let runs = entry.runs + move.runs
            let progress = Double(intervals) * tick - Double(runs) * overhead
            let remaining = work - progress
            if remaining > target.reachable + slack { continue }
            let cost = entry.cost + move.cost
            if bound.exceeds(
                incumbent.limit - cost + target.adjustment, boundary: target.boundary, state: target.relaxed,
                work: remaining, hint: &hint)
            {
                continue
            }
            out.append(
                FrontierEntry(
                    progress: progress, cost: cost, intervals: intervals, runs: runs, rank: entry.rank, id: entry.id))
        }
    }

    static func append(_ entries: UnsafeBufferPointer<FrontierEntry>, to out: inout RawBuffer<FrontierEntry>) {
        out.reserve(out.count + entries.count)
        for entry in entries { out.append(entry) }
    }

    /// Appends `entry` to the frontier that starts at `floor` in `out`, in increasing progress,
    /// dropping what it dominates (or itself, when dominated); room must have been reserved.
    /// More progress dominates when at least `margin` cheaper (see `PlanningModel.dominanceMargin`);
    /// equal progress when cheaper. Costs within `tolerance` are equal; of two entries with equal
    /// progress and cost the lower rank stays. (With a margin the frontier's costs need not
    /// increase with progress, and an entry below the top it dominates may stay: harmless.)
    @inline(__always)
    static func push(
        _ entry: FrontierEntry, into out: inout RawBuffer<FrontierEntry>, floor: Int, dominance: Dominance
    ) {
        let tolerance = dominance.tolerance
        while out.count > floor {
            let top = out[out.count - 1]
            if entry.progress > top.progress {
                if entry.cost + dominance.margin <= top.cost + tolerance {
                    out.count -= 1
                    continue
                }
                break
            }
            // Equal progress.
            if entry.cost < top.cost - tolerance || (entry.cost <= top.cost + tolerance && entry.rank < top.rank) {
                out.count -= 1
                continue
            }
            return
        }
        out.append(entry)
    }

    /// Appends the Pareto frontier of the union of frontiers `a` and `b` (costs shifted by
    /// `adjustA`, `adjustB`) to `out`.
    static func merge(
        _ a: UnsafeBufferPointer<FrontierEntry>, _ b: UnsafeBufferPointer<FrontierEntry>,
        into out: inout RawBuffer<FrontierEntry>, dominance: Dominance, adjustA: Double = 0, adjustB: Double = 0
    ) {
        out.reserve(out.count + a.count + b.count)
        let floor = out.count
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            var entry: FrontierEntry
            if j >= b.count || (i < a.count && a[i].progress <= b[j].progress) {
                entry = a[i]
                entry.cost += adjustA
                i += 1
            } else {
                entry = b[j]
                entry.cost += adjustB
                j += 1
            }
            push(entry, into: &out, floor: floor, dominance: dominance)
        }
    }

    /// The Pareto frontier of the union of the states `states` of `current`, each entry's cost
    /// changed by `adjustment(state)` and kept if it passes `filter`, into `scratchA` (merged
    /// pairwise).
    mutating func mergeSegments(
        _ states: ClosedRange<Int>, dominance: Dominance, filter: EndFilter, adjustment: (Int) -> Double
    ) {
        let all = current
        let starts = currentStart
        scratchA.count = 0
        scratchB.count = 0
        ends.removeAll(keepingCapacity: true)
        // Round one: each state of `current`, filtered, into scratchB.
        for state in states where starts[state] < starts[state + 1] {
            let shift = adjustment(state)
            scratchB.reserve(scratchB.count + starts[state + 1] - starts[state])
            var hint = filter.bound.multipliers.count / 2
            for index in starts[state]..<starts[state + 1] {
                var entry = all[index]
                entry.cost += shift
                if filter.bound.exceeds(
                    filter.limit - entry.cost, boundary: filter.boundary, state: 0, work: filter.work - entry.progress,
                    hint: &hint)
                {
                    continue
                }
                scratchB.append(entry)
            }
            if ends.last != scratchB.count { ends.append(scratchB.count) }
        }
        swap(&scratchA, &scratchB)
        // Further rounds between scratchA and scratchB.
        while ends.count > 1 {
            scratchB.count = 0
            merged.removeAll(keepingCapacity: true)
            var index = 0
            var start = 0
            while index < ends.count {
                let end = ends[index]
                if index + 1 < ends.count {
                    let second = ends[index + 1]
                    Self.merge(
                        scratchA.elements(start..<end), scratchA.elements(end..<second), into: &scratchB,
                        dominance: dominance)
                    start = second
                    index += 2
                } else {
                    Self.append(scratchA.elements(start..<end), to: &scratchB)
                    start = end
                    index += 1
                }
                merged.append(scratchB.count)
            }
            swap(&scratchA, &scratchB)
            swap(&ends, &merged)
        }
    }
}

/// When one entry of a state dominates another: see `FrontierSearch.push`.
struct Dominance {
    var tolerance: Double
    var margin: Double
}

/// What an ended entry must satisfy to be worth merging: its bound from idle at its boundary
/// within the limit.
struct EndFilter {
    var bound: CostToGoBound
    var boundary: Int
    var limit: Double
    var work: Double
}
