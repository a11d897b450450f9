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
    /// See `PlanningModel.boundAdjustment`.
    var adjustment: Double
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

/// The forward dynamic programme of ``OmniscientPlanner``, with buffers reused across plans.
struct FrontierSearch {
    var current: [FrontierEntry] = []
    var next: [FrontierEntry] = []
    var currentStart: [Int] = []
    var nextStart: [Int] = []
    var spotEnded: [FrontierEntry] = []
    var onDemandEnded: [FrontierEntry] = []
    var idleOrSpotEnded: [FrontierEntry] = []
    var allEnded: [FrontierEntry] = []
    var idleOrOnDemandEnded: [FrontierEntry] = []
    var scratchA: [FrontierEntry] = []
    var scratchB: [FrontierEntry] = []
    var pieces: [[FrontierEntry]] = [[], [], []]
    var ends: [Int] = []
    var history: [UInt32] = []
    var bucket: [Int32] = []
    /// Entries kept over the last plan (for diagnostics).
    var entriesKept = 0

    // MARK: - The programme

    /// The choices of the cheapest deadline-meeting schedule up to its completion, or `nil`
    /// when the search found none below `upper`.
    mutating func run(_ model: PlanningModel, incumbent upper: Double) -> [ClusterChoice]? {
        let spotLast = model.spot.last
        let stateCount = 1 + spotLast + model.onDemand.last
        var incumbent = Incumbent(best: nil, upper: upper, tolerance: model.costTolerance)

        current.removeAll(keepingCapacity: true)
        current.append(FrontierEntry(progress: 0, cost: 0, intervals: 0, runs: 0, rank: 0, id: 0))
        currentStart.removeAll(keepingCapacity: true)
        currentStart.append(0)
        for _ in 0..<stateCount { currentStart.append(1) }
        nextStart.removeAll(keepingCapacity: true)
        for _ in 0...stateCount { nextStart.append(0) }
        history.removeAll(keepingCapacity: true)
        history.append(0)
        entriesKept = 1

        for b in 0..<model.intervalCount {
            step(b, model, &incumbent)
            swap(&current, &next)
            swap(&currentStart, &nextStart)
            if current.isEmpty { break }
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
    mutating func step(_ b: Int, _ model: PlanningModel, _ incumbent: inout Incumbent) {
        let spot = model.spot
        let onDemand = model.onDemand
        let spotLast = spot.last
        let isLast = b == model.intervalCount - 1
        let usable = model.usable[b]
        let reclaimed = b >= 1 && !model.survives[b]
        let spotContinues = b >= 1 && usable && model.survives[b]
        let tolerance = model.costTolerance

        // The entries whose run (if any) ends at this boundary.
        mergeSegments(1...spotLast, tolerance: tolerance) { j in
            reclaimed ? model.reclaimAdjustment(state: j, at: b) : 0
        }
        swap(&spotEnded, &scratchA)
        mergeSegments((spotLast + 1)...(spotLast + onDemand.last), tolerance: tolerance) { _ in 0 }
        swap(&onDemandEnded, &scratchA)
        let idleRange = currentStart[0]..<currentStart[1]
        current.withUnsafeBufferPointer { all in
            let idle = UnsafeBufferPointer(rebasing: all[idleRange])
            idleOrSpotEnded.removeAll(keepingCapacity: true)
            spotEnded.withUnsafeBufferPointer { Self.merge(idle, $0, into: &idleOrSpotEnded, tolerance: tolerance) }
            allEnded.removeAll(keepingCapacity: true)
            idleOrSpotEnded.withUnsafeBufferPointer { left in
                onDemandEnded.withUnsafeBufferPointer { Self.merge(left, $0, into: &allEnded, tolerance: tolerance) }
            }
            idleOrOnDemandEnded.removeAll(keepingCapacity: true)
            if usable, !reclaimed, b >= 1 {
                onDemandEnded.withUnsafeBufferPointer {
                    Self.merge(idle, $0, into: &idleOrOnDemandEnded, tolerance: tolerance)
                }
            }
        }

        let time = Double(b) * model.tick
        let after = time + model.lengths[b]
        let nextUsable = !isLast && model.usable[b + 1] && model.survives[b + 1]
        func target(_ cluster: RunCluster?, _ j: Int) -> Target {
            guard let cluster else {
                return Target(reachable: model.deadline - after - model.overhead, adjustment: 0, boundary: b + 1)
            }
            let continues = cluster == .onDemand || nextUsable
            let pending = continues ? model.pendingOverhead(j) : model.overhead
            return Target(
                reachable: model.deadline - after - pending,
                adjustment: isLast ? 0 : model.boundAdjustment(cluster, state: j, at: b + 1), boundary: b + 1)
        }

        next.removeAll(keepingCapacity: true)
        nextStart[0] = 0
        // Idle.
        let idleMove = Move(cluster: nil, from: 0, intervals: 0, runs: 0, cost: 0, pending: 0)
        allEnded.withUnsafeBufferPointer {
            Self.emit($0, idleMove, target(nil, 0), b, isLast, model, &incumbent, into: &next)
        }
        nextStart[1] = next.count
        // Spot, then on-demand, state by state.
        for cluster in [RunCluster.spot, .onDemand] {
            let run = cluster == .spot ? spot : onDemand
            let offset = cluster == .spot ? 0 : spotLast
            let launches = cluster == .onDemand || usable
            let continues = cluster == .onDemand || spotContinues
            for j in 1...run.last {
                let goal = target(cluster, j)
                var sources = 0
                // A launch.
                if j == 1, launches {
                    let step = model.progressStep(from: 0)
                    let move = Move(
                        cluster: cluster, from: 0, intervals: step.intervals, runs: step.runs,
                        cost: model.launchCost(cluster, at: b), pending: model.overhead)
                    let source: [FrontierEntry]
                    if cluster == .onDemand {
                        source = idleOrSpotEnded
                    } else {
                        source = (b == 0 || reclaimed) ? allEnded : idleOrOnDemandEnded
                    }
                    source.withUnsafeBufferPointer {
                        Self.emit($0, move, goal, b, isLast, model, &incumbent, into: &pieces[sources])
                    }
                    sources += 1
                }
                // Runs going on: from j − 1, and into the cap from the last state.
                if continues {
                    var from: [Int] = []
                    if j >= 2 { from.append(j - 1) }
                    if j == run.cap { from.append(run.last) }
                    for i in from where currentStart[offset + i] < currentStart[offset + i + 1] {
                        let step = model.progressStep(from: i)
                        let move = Move(
                            cluster: cluster, from: i, intervals: step.intervals, runs: step.runs,
                            cost: model.continueCost(cluster, from: i, at: b), pending: model.pendingOverhead(i))
                        let range = currentStart[offset + i]..<currentStart[offset + i + 1]
                        current.withUnsafeBufferPointer {
                            Self.emit(
                                UnsafeBufferPointer(rebasing: $0[range]), move, goal, b, isLast, model, &incumbent,
                                into: &pieces[sources])
                        }
                        sources += 1
                    }
                }
                collect(sources, tolerance: tolerance)
                nextStart[1 + offset + j] = next.count
            }
        }
        if isLast {
            next.removeAll(keepingCapacity: true)
            return
        }
        assignRanks(current.count, spotLast: spotLast)
    }

    /// Moves the pieces emitted for one target state into `next`, merged into one frontier.
    mutating func collect(_ count: Int, tolerance: Double) {
        switch count {
        case 0:
            return
        case 1:
            next.append(contentsOf: pieces[0])
        default:
            scratchA.removeAll(keepingCapacity: true)
            pieces[0].withUnsafeBufferPointer { first in
                pieces[1].withUnsafeBufferPointer { Self.merge(first, $0, into: &scratchA, tolerance: tolerance) }
            }
            if count == 3 {
                scratchB.removeAll(keepingCapacity: true)
                scratchA.withUnsafeBufferPointer { first in
                    pieces[2].withUnsafeBufferPointer { Self.merge(first, $0, into: &scratchB, tolerance: tolerance) }
                }
                swap(&scratchA, &scratchB)
            }
            next.append(contentsOf: scratchA)
        }
        for index in 0..<count { pieces[index].removeAll(keepingCapacity: true) }
    }

    /// Gives the entries of `next` their lexicographic ranks and history indices.
    mutating func assignRanks(_ parents: Int, spotLast: Int) {
        let keys = 3 * parents
        if bucket.count < keys { bucket.append(contentsOf: repeatElement(-1, count: keys - bucket.count)) }
        precondition(history.count + next.count < 1 << 30, "OmniscientPlanner: too many frontier entries")
        var state = 0
        for index in next.indices {
            while index >= nextStart[state + 1] { state += 1 }
            let choice: UInt32 = state == 0 ? 0 : (state <= spotLast ? 1 : 2)
            bucket[Int(next[index].rank) * 3 + Int(choice)] = Int32(index)
            history.append(UInt32(next[index].id) << 2 | choice)
            next[index].id = Int32(history.count - 1)
        }
        var rank: Int32 = 0
        for key in 0..<keys where bucket[key] >= 0 {
            next[Int(bucket[key])].rank = rank
            rank += 1
            bucket[key] = -1
        }
        entriesKept += next.count
    }

    // MARK: - Frontier operations

    /// Moves every entry of `source` through `move` into `out` (a frontier, as `source` is):
    /// offers completions to `incumbent`, drops entries that can no longer finish by the
    /// deadline or cost too much.
    static func emit(
        _ source: UnsafeBufferPointer<FrontierEntry>, _ move: Move, _ target: Target, _ b: Int, _ isLast: Bool,
        _ model: PlanningModel, _ incumbent: inout Incumbent, into out: inout [FrontierEntry]
    ) {
        let work = model.work
        let slack = model.timeTolerance
        let length = model.lengths[b]
        for entry in source {
            if let cluster = move.cluster {
                let need = move.pending + (work - entry.progress)
                if need <= length + slack {
                    let cost = entry.cost + model.completionCost(cluster, from: move.from, at: b, after: need)
                    let candidate = Candidate(
                        cost: cost, completion: Double(b) * model.tick + need, interval: b, parentRank: entry.rank,
                        choice: cluster == .spot ? 1 : 2, parentID: entry.id)
                    incumbent.offer(candidate, timeTolerance: slack)
                    continue
                }
            }
            if isLast { continue }
            let intervals = entry.intervals + move.intervals
            let runs = entry.runs + move.runs
            let progress = Double(intervals) * model.tick - Double(runs) * model.overhead
            let remaining = work - progress
            if remaining > target.reachable + slack { continue }
            let cost = entry.cost + move.cost
            if cost - target.adjustment + model.lowerBound(remaining, at: target.boundary) > incumbent.limit {
                continue
            }
            out.append(
                FrontierEntry(
                    progress: progress, cost: cost, intervals: intervals, runs: runs, rank: entry.rank, id: entry.id))
        }
    }

    /// Appends `entry` to the frontier that starts at `floor` in `out`, in increasing progress,
    /// dropping what it dominates (or itself, when dominated). Costs within `tolerance` are equal;
    /// of two entries with equal progress and cost the lower rank stays.
    @inline(__always)
    static func push(_ entry: FrontierEntry, into out: inout [FrontierEntry], floor: Int, tolerance: Double) {
        while out.count > floor {
            let top = out[out.count - 1]
            if entry.progress > top.progress {
                if entry.cost <= top.cost + tolerance {
                    out.removeLast()
                    continue
                }
                break
            }
            // Equal progress.
            if entry.cost < top.cost - tolerance || (entry.cost <= top.cost + tolerance && entry.rank < top.rank) {
                out.removeLast()
                continue
            }
            return
        }
        out.append(entry)
    }

    /// Appends the Pareto frontier of the union of frontiers `a` and `b` to `out`.
    static func merge(
        _ a: UnsafeBufferPointer<FrontierEntry>, _ b: UnsafeBufferPointer<FrontierEntry>, into out: inout [FrontierEntry],
        tolerance: Double, adjustA: Double = 0, adjustB: Double = 0
    ) {
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
            push(entry, into: &out, floor: floor, tolerance: tolerance)
        }
    }

    /// The Pareto frontier of the union of the states `states` of `current`, each entry's cost
    /// changed by `adjustment(state)`, into `scratchA` (merged pairwise).
    mutating func mergeSegments(_ states: ClosedRange<Int>, tolerance: Double, adjustment: (Int) -> Double) {
        scratchA.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        // Round one: pairs of states of `current` into scratchA.
        var pending: Int? = nil
        current.withUnsafeBufferPointer { all in
            for state in states where currentStart[state] < currentStart[state + 1] {
                guard let first = pending else {
                    pending = state
                    continue
                }
                pending = nil
                let a = UnsafeBufferPointer(rebasing: all[currentStart[first]..<currentStart[first + 1]])
                let b = UnsafeBufferPointer(rebasing: all[currentStart[state]..<currentStart[state + 1]])
                Self.merge(
                    a, b, into: &scratchA, tolerance: tolerance, adjustA: adjustment(first), adjustB: adjustment(state))
                ends.append(scratchA.count)
            }
            if let last = pending {
                let shift = adjustment(last)
                for index in currentStart[last]..<currentStart[last + 1] {
                    var entry = all[index]
                    entry.cost += shift
                    scratchA.append(entry)
                }
                ends.append(scratchA.count)
            }
        }
        // Further rounds between scratchA and scratchB.
        while ends.count > 1 {
            scratchB.removeAll(keepingCapacity: true)
            var merged: [Int] = []
            merged.reserveCapacity((ends.count + 1) / 2)
            scratchA.withUnsafeBufferPointer { all in
                var index = 0
                var start = 0
                while index < ends.count {
                    let end = ends[index]
                    if index + 1 < ends.count {
                        let second = ends[index + 1]
                        Self.merge(
                            UnsafeBufferPointer(rebasing: all[start..<end]),
                            UnsafeBufferPointer(rebasing: all[end..<second]), into: &scratchB, tolerance: tolerance)
                        start = second
                        index += 2
                    } else {
                        scratchB.append(contentsOf: all[start..<end])
                        start = end
                        index += 1
                    }
                    merged.append(scratchB.count)
                }
            }
            swap(&scratchA, &scratchB)
            ends = merged
        }
    }
}
