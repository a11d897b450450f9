/// A lower bound on the cost still to pay from any state, by Lagrangian relaxation of the work.
///
/// The relaxation bills every run `∫ price dt` over the time it ran, less `credit` per launch
/// when billing rounds down (never more than the real bill), keeps the free-if-interrupted
/// refund exactly (spot ages are exact up to the window), and drops the need to complete: for
/// a multiplier `λ ≥ 0` it finds, by a backward pass over intervals, the least
/// `cost − λ·progress` of any continuation from each state, `h_λ`. Any continuation that
/// computes `w` more seconds then costs at least `h_λ + λ·w` (its progress is ≥ w, and a
/// partial last interval is no better than one of its ends, the relaxed cost being linear and
/// the progress concave in time), so `max_λ h_λ + λ·w` over a grid of multipliers bounds the
/// cost to go. Its states are idle and a run's age, capped where the overhead is paid and the
/// free window over.
struct CostToGoBound {
    /// The most values the table holds (16 MB of `Float`s).
    static let tableLimit = 4 << 20
    /// The multipliers, increasing: on-demand price × (1/12, 2/12, …, 1, 1.025, …, 1.5), and the
    /// cheapest and the median spot price.
    var multipliers: [Double] = []
    /// `values[((b · stateCount) + state) · multipliers.count + i]` = `h_λi` at boundary `b`,
    /// rounded down to `Float` (still a lower bound, at half the memory).
    var values: [Float] = []
    var here: [Double] = []
    var next: [Double] = []
    var spotCap = 1
    var onDemandCap = 1
    var stateCount = 3

    /// The relaxation's state for the search's state (`cluster`, `j`) (0 for idle).
    @inline(__always)
    func state(_ cluster: RunCluster?, _ j: Int) -> Int {
        guard let cluster else { return 0 }
        return cluster == .spot ? Swift.min(j, spotCap) : spotCap + Swift.min(j, onDemandCap)
    }

    @inline(__always)
    func h(_ b: Int, _ state: Int, _ i: Int) -> Double {
        Double(values[(b * stateCount + state) * multipliers.count + i])
    }

    /// Whether the bound from `state` at boundary `b` with `work` seconds left exceeds `limit`.
    /// `hint` is a multiplier index to start from, updated to the best one found: `h_λ + λ·w` is
    /// concave in λ, so climbing from the hint finds the maximum, and consecutive queries with
    /// nearby `work` take a step or two.
    @inline(__always)
    func exceeds(_ limit: Double, boundary b: Int, state: Int, work: Double, hint: inout Int) -> Bool {
        let count = multipliers.count
        let base = (b * stateCount + state) * count
        return values.withUnsafeBufferPointer { h in
            multipliers.withUnsafeBufferPointer { lambda in
                var i = hint
                var best = Double(h[base + i]) + lambda[i] * work
                if best > limit { return true }
                while i + 1 < count {
                    let value = Double(h[base + i + 1]) + lambda[i + 1] * work
                    if value <= best { break }
                    i += 1
                    best = value
                    if best > limit {
                        hint = i
                        return true
                    }
                }
                if i == hint {
                    while i > 0 {
                        let value = Double(h[base + i - 1]) + lambda[i - 1] * work
                        if value <= best { break }
                        i -= 1
                        best = value
                        if best > limit {
                            hint = i
                            return true
                        }
                    }
                }
                hint = i
                return false
            }
        }
    }

    /// The bound from `state` at boundary `b` with `work` seconds left, climbing from the
    /// multiplier index `hint` (see `exceeds`).
    @inline(__always)
    func climb(boundary b: Int, state: Int, work: Double, hint: inout Int) -> Double {
        _ = exceeds(.infinity, boundary: b, state: state, work: work, hint: &hint)
        return h(b, state, hint) + multipliers[hint] * work
    }

    /// The multiplier index with the best bound for the whole job from the start.
    func rootMultiplier(work: Double) -> Int {
        var best = 0
        func bound(_ i: Int) -> Double { h(0, 0, i) + multipliers[i] * work }
        for i in multipliers.indices where bound(i) > bound(best) { best = i }
        return best
    }

    /// Fills the table for `model`.
    mutating func build(_ model: PlanningModel) {
        let tick = model.tick
        let window = model.spot.rule.freeIfInterruptedWithin
        let intervals = model.intervalCount
        var free = 0
        if window > 0 {
            free = Int(Swift.min(Double(intervals + 1), (window / tick).rounded(.up)))
            while free <= intervals, Double(free) * tick < window { free += 1 }
        }
        spotCap = Swift.max(model.firstProductive, free, 1)
        onDemandCap = Swift.max(model.firstProductive, 1)
        stateCount = 1 + spotCap + onDemandCap

        multipliers.removeAll(keepingCapacity: true)
        for i in 1...16 { multipliers.append(model.onDemandPrice * Double(i) / 16) }
        for k in 1...24 { multipliers.append(model.onDemandPrice * (1 + 0.025 * Double(k))) }
        let sorted = model.curve.prices.prefix(intervals).sorted()
        if !sorted.isEmpty {
            for price in [sorted[0], sorted[sorted.count / 2]] {
                for factor in [1.0, 1.025, 1.05, 1.1, 1.2] where price * factor < model.onDemandPrice {
                    multipliers.append(price * factor)
                }
            }
        }
        multipliers.sort()
        // At most `tableLimit` values: with many intervals or states, every other multiplier.
        while multipliers.count > 8, (intervals + 1) * stateCount * multipliers.count > Self.tableLimit {
            multipliers = multipliers.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        }
        let count = multipliers.count
        let row = stateCount * count

        let total = (intervals + 1) * row
        if values.count < total { values.append(contentsOf: repeatElement(0, count: total - values.count)) }
        if here.count < row {
            here = Array(repeating: 0, count: row)
            next = here
        }
        let spotCap = spotCap
        let onDemandCap = onDemandCap
        for index in 0..<row { next[index] = 0 }
        values.withUnsafeMutableBufferPointer { table in
            for index in 0..<row { table[intervals * row + index] = 0 }
            for b in stride(from: intervals - 1, through: 0, by: -1) {
                here.withUnsafeMutableBufferPointer { h in
                    next.withUnsafeBufferPointer { after in
                        multipliers.withUnsafeBufferPointer { lambda in
                            Self.step(
                                b, model, h, after, lambda, spotCap: spotCap, onDemandCap: onDemandCap, free: window)
                        }
                    }
                }
                // Store rounded down, so that the stored value is still a lower bound.
                for index in 0..<row {
                    let exact = here[index]
                    var stored = Float(exact)
                    if Double(stored) > exact { stored = stored.nextDown }
                    table[b * row + index] = stored
                }
                swap(&here, &next)
            }
        }
    }

    /// One boundary of the backward pass: `h` at boundary `b` from `after` at `b + 1`.
    static func step(
        _ b: Int, _ model: PlanningModel, _ h: UnsafeMutableBufferPointer<Double>, _ after: UnsafeBufferPointer<Double>,
        _ lambda: UnsafeBufferPointer<Double>, spotCap: Int, onDemandCap: Int, free window: Double
    ) {
        let count = lambda.count
        let tick = model.tick
        let overhead = model.overhead
        let length = model.lengths[b]
        let start = Double(b) * tick
        let spotRate = model.curve.prices[b]
        let usable = model.usable[b]
        let reclaimed = b >= 1 && !model.survives[b]
        func gain(_ age: Int) -> Double {
            let elapsed = Double(age) * tick
            return Swift.max(0, elapsed + length - overhead) - Swift.max(0, elapsed - overhead)
        }
        // Idle at b: stay idle, or launch.
        let launchGain = gain(0)
        let spotLaunch = spotRate * length - model.spotCredit
        let onDemandLaunch = model.onDemandPrice * length - model.onDemandCredit
        let spotFirst = 1 * count
        let onDemandFirst = (spotCap + 1) * count
        for i in 0..<count {
            var v = after[i]
            if usable { v = Swift.min(v, spotLaunch - lambda[i] * launchGain + after[spotFirst + i]) }
            v = Swift.min(v, onDemandLaunch - lambda[i] * launchGain + after[onDemandFirst + i])
            h[i] = v
        }
        // Spot runs: reclaimed here (refunded within the window), or go on.
        for j in 1...spotCap {
            let row = j * count
            if reclaimed {
                var refund = 0.0
                if Double(j) * tick < window {
                    refund = -(model.curve.cost(from: start - Double(j) * tick, to: start) - model.spotCredit)
                }
                for i in 0..<count { h[row + i] = refund + h[i] }
            } else if usable && b >= 1 {
                let cost = spotRate * length
                let step = gain(j)
                let target = Swift.min(j + 1, spotCap) * count
                for i in 0..<count { h[row + i] = Swift.min(h[i], cost - lambda[i] * step + after[target + i]) }
            } else {
                for i in 0..<count { h[row + i] = h[i] }
            }
        }
        // On-demand runs go on or end.
        let onDemandCost = model.onDemandPrice * length
        for j in 1...onDemandCap {
            let row = (spotCap + j) * count
            let step = gain(j)
            let target = (spotCap + Swift.min(j + 1, onDemandCap)) * count
            for i in 0..<count { h[row + i] = Swift.min(h[i], onDemandCost - lambda[i] * step + after[target + i]) }
        }
    }

    /// The schedule that follows the relaxation's best choice for multiplier `i` from the real
    /// state, with the deadline safety net (on-demand for good once waiting one more interval
    /// would leave too little time): a good incumbent for the search.
    func policySchedule(_ model: PlanningModel, multiplier i: Int, count: Int) -> [ClusterChoice] {
        var schedule = Array(repeating: ClusterChoice.idle, count: count)
        let lambda = multipliers[i]
        let tick = model.tick
        var progress = 0.0
        var running = ClusterChoice.idle
        var age = 0
        var forced = false
        func h(_ b: Int, _ state: Int) -> Double { self.h(b, state, i) }
        for b in 0..<model.intervalCount {
            if running == .spot, b >= 1, !model.survives[b] || !model.usable[b] {
                running = .idle
                age = 0
            }
            let length = model.lengths[b]
            let start = Double(b) * tick
            func gain(_ age: Int) -> Double {
                let elapsed = Double(age) * tick
                return Swift.max(0, elapsed + length - model.overhead) - Swift.max(0, elapsed - model.overhead)
            }
            var choice = ClusterChoice.onDemand
            if !forced {
                var best = h(b + 1, 0)
                choice = .idle
                for cluster in [RunCluster.spot, .onDemand] where cluster == .onDemand || model.usable[b] {
                    let current = running == cluster.choice ? age : 0
                    let rate = cluster == .spot ? model.curve.prices[b] : model.onDemandPrice
                    let credit = current > 0 ? 0 : (cluster == .spot ? model.spotCredit : model.onDemandCredit)
                    let value = rate * length - credit - lambda * gain(current) + h(b + 1, state(cluster, current + 1))
                    if value < best {
                        best = value
                        choice = cluster.choice
                    }
                }
                let current = running == choice ? age : 0
                let after = progress + (choice == .idle ? 0 : gain(current))
                if choice != .onDemand, after < model.work,
                    model.work - after + model.overhead > model.deadline - (start + length) + model.timeTolerance
                {
                    choice = .onDemand
                    forced = true
                }
            }
            schedule[b] = choice
            if choice == .idle {
                running = .idle
                age = 0
                continue
            }
            if running != choice {
                running = choice
                age = 0
            }
            let pending = Swift.max(0, model.overhead - Double(age) * tick)
            if pending + (model.work - progress) <= length + model.timeTolerance { break }
            progress += Swift.max(0, length - pending)
            age += 1
        }
        return schedule
    }
}
