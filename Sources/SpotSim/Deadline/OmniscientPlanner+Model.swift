/// The two clusters a run can be on.
enum RunCluster {
    case spot
    case onDemand

    var choice: ClusterChoice { self == .spot ? .spot : .onDemand }
}

/// The spot price as a function of time: `spotPrice[k]` during interval `k`, the last price from
/// `K·tick` on.
struct SpotPriceCurve {
    let tick: Double
    let prices: [Double]
    /// `prefix[k]` = ∫ price over `[0, k·tick)`.
    let prefix: [Double]

    init(tick: Double, prices: [Double]) {
        self.tick = tick
        self.prices = prices.isEmpty ? [0] : prices
        var prefix = [0.0]
        prefix.reserveCapacity(self.prices.count + 1)
        for price in self.prices { prefix.append(prefix[prefix.count - 1] + price * tick) }
        self.prefix = prefix
    }

    /// ∫ price over `[0, t)`.
    @inline(__always)
    func integral(to t: Double) -> Double {
        let last = prices.count - 1
        let index = t <= 0 ? 0 : Swift.min(Int(t / tick), last)
        return prefix[index] + prices[index] * (t - Double(index) * tick)
    }

    /// ∫ price over `[t0, t1)`; 0 when `t1 <= t0`.
    @inline(__always)
    func cost(from t0: Double, to t1: Double) -> Double {
        t1 <= t0 ? 0 : integral(to: t1) - integral(to: t0)
    }
}

/// What the search needs about one cluster's runs: billing by age and the age states.
///
/// A run's age `n` is the number of whole intervals it has covered. Ages `1..<cap` are exact;
/// from `cap` on, overhead is paid, the billing minimum and the free-if-interrupted window no
/// longer apply and `billed(n·tick) − n·tick` depends on `n` only modulo `period`, so ages
/// `≥ cap` are kept as `cap + (n − cap) mod period`: the states are `1...last`.
struct RunModel {
    let rule: BillingRule
    let cap: Int
    let last: Int
    /// From this age on overhead is paid and billing is linear (the cap but for the free window).
    let linearCap: Int
    let period: Int
    /// `billed[n]` = seconds billed for a run of `n` intervals released voluntarily, `n ∈ 0...last+1`
    /// (a representative `n` for the capped states; `billed[0]` is unused).
    let billed: [Double]
    /// `interruptedBilled[n]` for `n ∈ 0..<cap` (equal to `billed[n]` unless the free window applies).
    let interruptedBilled: [Double]

    init(rule: BillingRule, tick: Double, firstProductive: Int, freeWindow: Bool, intervals: Int) {
        self.rule = rule
        let exactCap = intervals + 1
        var cap = Swift.max(1, firstProductive)
        var linearCap = cap
        let linearSeconds = rule.minimum + rule.granularity
        if linearSeconds.isFinite, linearSeconds > 0 {
            linearCap = Swift.max(linearCap, Int(Swift.min(Double(exactCap), (linearSeconds / tick).rounded(.up))))
            while linearCap < exactCap, Double(linearCap) * tick < linearSeconds { linearCap += 1 }
        }
        let floorSeconds = Swift.max(rule.minimum + rule.granularity, freeWindow ? rule.freeIfInterruptedWithin : 0)
        if floorSeconds.isFinite, floorSeconds > 0 {
            cap = Swift.max(cap, Int(Swift.min(Double(exactCap), (floorSeconds / tick).rounded(.up))))
            while cap < exactCap, Double(cap) * tick < floorSeconds { cap += 1 }
        } else if !floorSeconds.isFinite {
            cap = exactCap
        }
        var period = RunModel.billingPeriod(tick: tick, granularity: rule.granularity)
        if cap >= exactCap || period == nil {
            cap = exactCap
            period = 1
        }
        var last = cap + (period ?? 1) - 1
        var billed = (0...(last + 1)).map { $0 == 0 ? 0 : rule.billedSeconds(forRunning: Double($0) * tick) }
        // The capped states are sound only if the excess over the run length repeats with the period.
        // (from the linear cap on, where refunds aside runs of one phase are alike).
        if cap < exactCap, let q = period {
            let excess = { (n: Int) in rule.billedSeconds(forRunning: Double(n) * tick) - Double(n) * tick }
            let tolerance = 1e-9 * Swift.max(1, rule.granularity)
            let start = Swift.min(linearCap, cap)
            let repeats = (start..<(cap + 2 * q)).allSatisfy { abs(excess($0) - excess($0 + q)) <= tolerance }
            if !repeats {
                cap = exactCap
                last = cap
                period = 1
                billed = (0...(last + 1)).map { $0 == 0 ? 0 : rule.billedSeconds(forRunning: Double($0) * tick) }
            }
        }
        self.cap = cap
        self.last = last
        self.period = period ?? 1
        self.linearCap = cap >= exactCap ? cap : Swift.min(linearCap, cap)
        self.billed = billed
        self.interruptedBilled = (0..<cap).map {
            $0 == 0 ? 0 : rule.billedSeconds(forRunning: Double($0) * tick, interrupted: freeWindow)
        }
    }

    /// The state of a run of age `j ∈ [linearCap, cap)` that can no longer be refunded: the
    /// capped state of its phase.
    @inline(__always)
    func collapsed(_ j: Int) -> Int { cap + ((j - cap) % period + period) % period }

    /// The state after one more interval from state `j`.
    @inline(__always)
    func next(_ j: Int) -> Int { j < last ? j + 1 : cap }

    /// The least `q ≥ 1` with `q·tick` a whole number of billing units, or `nil` when there is
    /// none up to 4096 (the search then keeps exact ages).
    static func billingPeriod(tick: Double, granularity: Double) -> Int? {
        guard granularity > 0, granularity.isFinite else { return 1 }
        let ratio = tick / granularity
        for q in 1...4096 {
            let units = ratio * Double(q)
            if abs(units - units.rounded()) <= 1e-9 * Swift.max(1, units) { return q }
        }
        return nil
    }
}

/// One problem, prepared for the search: interval lengths, price integrals, billing by age and
/// the lower bound on the cost of the remaining work.
struct PlanningModel {
    let tick: Double
    let deadline: Double
    let work: Double
    let overhead: Double
    /// Intervals with positive length (`⌈deadline / tick⌉`, at most the arrays' count).
    let intervalCount: Int
    let lengths: [Double]
    let usable: [Bool]
    let survives: [Bool]
    let curve: SpotPriceCurve
    let onDemandPrice: Double
    let spot: RunModel
    let onDemand: RunModel
    /// The least age `n ≥ 1` with `n·tick ≥ overhead`: from it on a run has paid its overhead.
    let firstProductive: Int
    let timeTolerance: Double
    let costTolerance: Double
    /// What a launch may bill less than the seconds it ran, at most (rounding down: one unit at
    /// the highest price), for the relaxation of `CostToGoBound`.
    let spotCredit: Double
    let onDemandCredit: Double
    /// `firstStop[b]`: the first boundary `k ≥ b` (`k < K`) where a spot run cannot go on, or K.
    let firstStop: [Int]
    /// How much cheaper an entry with more progress must be to dominate one with less, at
    /// boundary `b`. More progress is harmless but for one thing: following the same schedule,
    /// the entry ahead may complete inside a spot run that the provider later reclaims within
    /// its free window, and pay that run (completion is no interruption), while the entry behind
    /// gets it free and completes later on a run it pays. The margin bounds that loss: the
    /// largest bill of a spot run refundable at a reclaim at or after `b`, less the least bill
    /// of the run the entry behind must still complete on (a fresh launch: ≥ d, at the cheapest
    /// price). Zero without a free window or once no reclaim is left.
    let dominanceMargin: [Double]

    init(_ problem: OmniscientProblem) {
        let count = problem.spotUsable.count
        precondition(problem.tick > 0 && problem.tick.isFinite, "OmniscientPlanner needs a positive tick")
        precondition(
            problem.spotSurvives.count == count && problem.spotPrice.count == count,
            "OmniscientProblem's spotUsable, spotSurvives and spotPrice need one value per interval")
        precondition(
            problem.onDemandPrice >= 0 && problem.spotPrice.allSatisfy { $0 >= 0 },
            "OmniscientPlanner needs prices >= 0")
        tick = problem.tick
        deadline = problem.deadline
        work = problem.work
        overhead = Swift.max(0, problem.overhead)
        var lengths: [Double] = []
        for k in 0..<count {
            let length = Swift.min(problem.tick, problem.deadline - Double(k) * problem.tick)
            if length <= 0 { break }
            lengths.append(length)
        }
        precondition(
            Double(count) * problem.tick >= problem.deadline - 1e-9 * Swift.max(1, problem.deadline),
            "OmniscientProblem needs ⌈deadline / tick⌉ intervals")
        self.lengths = lengths
        intervalCount = lengths.count
        usable = problem.spotUsable
        survives = problem.spotSurvives
        curve = SpotPriceCurve(tick: problem.tick, prices: problem.spotPrice)
        onDemandPrice = problem.onDemandPrice
        timeTolerance = Swift.max(1e-9, 1e-12 * Swift.max(0, problem.deadline))

        var first = Swift.max(1, Int(Swift.min(Double(count + 1), (overhead / tick).rounded(.up))))
        while first > 1, Double(first - 1) * tick >= overhead { first -= 1 }
        while first <= count, Double(first) * tick < overhead { first += 1 }
        firstProductive = first

        spot = RunModel(
            rule: problem.spotBilling, tick: tick, firstProductive: first, freeWindow: true, intervals: lengths.count)
        onDemand = RunModel(
            rule: problem.onDemandBilling, tick: tick, firstProductive: first, freeWindow: false,
            intervals: lengths.count)

        let maxSpot = problem.spotPrice.max() ?? 0
        costTolerance =
            OmniscientPlanner.costTolerance * Swift.max(maxSpot, problem.onDemandPrice)
            * Swift.max(1, problem.work + overhead)

        var firstStop = Array(repeating: lengths.count, count: lengths.count + 1)
        for k in stride(from: lengths.count - 1, through: 1, by: -1) {
            firstStop[k] = problem.spotUsable[k] && problem.spotSurvives[k] ? firstStop[k + 1] : k
        }
        self.firstStop = firstStop
        // The largest bill of a refundable spot run, over reclaims at or after each boundary.
        let window = problem.spotBilling.freeIfInterruptedWithin
        var margin = Array(repeating: 0.0, count: lengths.count + 1)
        if window > 0 {
            let spotRule = problem.spotBilling
            let curve = SpotPriceCurve(tick: problem.tick, prices: problem.spotPrice)
            let cheapest = Swift.min(problem.spotPrice.min() ?? 0, problem.onDemandPrice)
            let rules = [problem.spotBilling, problem.onDemandBilling]
            let lost = rules.filter { $0.rounding == .down }.map(\.granularity).max() ?? 0
            let lastRunBill = cheapest * Swift.max(0, overhead - lost)
            for k in stride(from: lengths.count - 1, through: 1, by: -1) {
                var largest = 0.0
                if !problem.spotSurvives[k] {
                    var n = 1
                    while n <= k, Double(n) * problem.tick < window {
                        let start = Double(k - n) * problem.tick
                        let billed = spotRule.billedSeconds(forRunning: Double(n) * problem.tick)
                        let bill = curve.cost(from: start, to: start + billed)
                        largest = Swift.max(largest, bill)
                        n += 1
                    }
                }
                margin[k] = Swift.max(margin[k + 1], largest - lastRunBill)
            }
            margin[0] = margin[Swift.min(1, lengths.count)]
        }
        dominanceMargin = margin
        spotCredit = problem.spotBilling.rounding == .down ? problem.spotBilling.granularity * maxSpot : 0
        onDemandCredit =
            problem.onDemandBilling.rounding == .down ? problem.onDemandBilling.granularity * problem.onDemandPrice : 0
    }

    // MARK: - Feasibility and the fallback

    /// Whether any schedule meets the deadline: on-demand from 0 does iff `W + d ≤ D`.
    var feasible: Bool { work + overhead <= deadline + timeTolerance && intervalCount > 0 }

    /// The cost of one on-demand run from 0 to completion.
    var onDemandCost: Double {
        onDemandPrice * onDemand.rule.billedSeconds(forRunning: work + overhead)
    }

    /// On-demand in every interval, timed and costed as one run from 0 that goes on past the
    /// deadline until done.
    func allOnDemandPlan(count: Int) -> OmniscientPlan {
        OmniscientPlan(
            schedule: Array(repeating: .onDemand, count: count), cost: onDemandCost, completion: work + overhead,
            meetsDeadline: work + overhead <= deadline + timeTolerance)
    }

    // MARK: - Costs by state

    /// USD for a run on `cluster` billed over `[t0, t1)`.
    @inline(__always)
    func runCost(_ cluster: RunCluster, from t0: Double, to t1: Double) -> Double {
        cluster == .spot ? curve.cost(from: t0, to: t1) : onDemandPrice * Swift.max(0, t1 - t0)
    }

    @inline(__always)
    func model(_ cluster: RunCluster) -> RunModel { cluster == .spot ? spot : onDemand }

    /// The billed cost, if released now, of a run launched at interval `b` that covered it.
    func launchCost(_ cluster: RunCluster, at b: Int) -> Double {
        let t = Double(b) * tick
        return runCost(cluster, from: t, to: t + model(cluster).billed[1])
    }

    /// How the released-now cost of a run in state `j` grows when it covers interval `b` too.
    func continueCost(_ cluster: RunCluster, from j: Int, at b: Int) -> Double {
        let billed = model(cluster).billed
        let t = Double(b) * tick
        let from = t + (billed[j] - Double(j) * tick)
        let to = t + tick + (billed[j + 1] - Double(j + 1) * tick)
        return runCost(cluster, from: from, to: to)
    }

    /// How the cost grows when a run in state `j` (0: launched now) completes `y` seconds into
    /// interval `b`.
    func completionCost(_ cluster: RunCluster, from j: Int, at b: Int, after y: Double) -> Double {
        let run = model(cluster)
        let t = Double(b) * tick
        if j == 0 { return runCost(cluster, from: t, to: t + run.rule.billedSeconds(forRunning: y)) }
        let age = Double(j) * tick
        let from = t + (run.billed[j] - age)
        let to = t + (run.rule.billedSeconds(forRunning: age + y) - age)
        return runCost(cluster, from: from, to: to)
    }

    /// The change of cost when a spot run in state `j < cap` is reclaimed at boundary `b` rather
    /// than released (the free-if-interrupted refund).
    func reclaimAdjustment(state j: Int, at b: Int) -> Double {
        guard j < spot.cap, spot.interruptedBilled[j] != spot.billed[j] else { return 0 }
        let start = Double(b - j) * tick
        return curve.cost(from: start, to: start + spot.interruptedBilled[j])
            - curve.cost(from: start, to: start + spot.billed[j])
    }

    /// Whether a spot run of age `j` at boundary `b` may still be reclaimed within the free
    /// window (a run ends at the first boundary where it cannot go on; only a reclaim refunds).
    @inline(__always)
    func spotRefundPossible(at b: Int, age j: Int) -> Bool {
        let stop = firstStop[b]
        guard stop < intervalCount, !survives[stop] else { return false }
        return Double(stop - b + j) * tick < spot.rule.freeIfInterruptedWithin
    }

    /// Overhead still to pay by a run in state `j`.
    @inline(__always)
    func pendingOverhead(_ j: Int) -> Double { Swift.max(0, overhead - Double(j) * tick) }

    /// Intervals and runs added to the progress (`N·tick − R·d`) by the next interval of a run
    /// in state `j` (0: a launch).
    @inline(__always)
    func progressStep(from j: Int) -> (intervals: Int32, runs: Int32) {
        if j >= firstProductive { return (1, 0) }
        if j + 1 >= firstProductive { return (Int32(j + 1), 1) }
        return (0, 0)
    }

    /// The cost of an entry in state (`cluster`, `j`) at boundary `b` less what the relaxation
    /// of `CostToGoBound` counts for its run so far: the billing past `b` (or short of it, when
    /// rounding down) and the launch credit.
    func relaxationGap(_ cluster: RunCluster, state j: Int, at b: Int) -> Double {
        let t = Double(b) * tick
        let excess = model(cluster).billed[j] - Double(j) * tick
        let credit = cluster == .spot ? spotCredit : onDemandCredit
        return (excess >= 0 ? runCost(cluster, from: t, to: t + excess) : -runCost(cluster, from: t + excess, to: t))
            + credit
    }

    // MARK: - Replaying a schedule

    /// The cost and completion of `schedule` under the problem's rules, or `nil` when it does
    /// not complete by the end of the last interval.
    func evaluate(_ schedule: [ClusterChoice]) -> (cost: Double, completion: Double)? {
        var cost = 0.0
        var progress = 0.0
        var running = ClusterChoice.idle
        var start = 0.0
        func bill(_ cluster: ClusterChoice, from start: Double, to end: Double, interrupted: Bool) -> Double {
            let run: RunCluster = cluster == .spot ? .spot : .onDemand
            let billed = model(run).rule.billedSeconds(
                forRunning: end - start, interrupted: interrupted && run == .spot)
            return runCost(run, from: start, to: start + billed)
        }
        for k in 0..<intervalCount {
            let t = Double(k) * tick
            let choice = schedule[k]
            if running != .idle {
                let reclaimed = running == .spot && !survives[k]
                if reclaimed || choice != running {
                    cost += bill(running, from: start, to: t, interrupted: reclaimed)
                    running = .idle
                }
            }
            if choice == .idle { continue }
            precondition(choice != .spot || usable[k], "OmniscientPlanner: spot chosen where it is not usable")
            if running == .idle {
                running = choice
                start = t
            }
            let pending = Swift.max(0, overhead - (t - start))
            let need = pending + (work - progress)
            if need <= lengths[k] + timeTolerance {
                cost += bill(running, from: start, to: t + need, interrupted: false)
                return (cost, t + need)
            }
            progress += Swift.max(0, lengths[k] - pending)
        }
        return nil
    }

    /// The greedy schedule: spot whenever it is usable, idle otherwise, until waiting one more
    /// interval would leave too little time to finish on-demand; then on-demand to the end.
    func greedySchedule() -> [ClusterChoice] {
        var schedule = Array(repeating: ClusterChoice.idle, count: usable.count)
        var progress = 0.0
        var running = ClusterChoice.idle
        var start = 0.0
        for k in 0..<intervalCount {
            let t = Double(k) * tick
            if running == .spot, !survives[k] { running = .idle }
            var choice: ClusterChoice = .onDemand
            if running != .onDemand {
                let tentative: ClusterChoice = usable[k] ? .spot : .idle
                var after = progress
                if tentative == .spot {
                    let elapsed = running == .spot ? t - start : 0
                    after += Swift.max(0, lengths[k] - Swift.max(0, overhead - elapsed))
                }
                if after >= work || work - after + overhead <= deadline - (t + lengths[k]) + timeTolerance {
                    choice = tentative
                }
            }
            schedule[k] = choice
            if choice == .idle {
                running = .idle
                continue
            }
            if running != choice {
                running = choice
                start = t
            }
            let pending = Swift.max(0, overhead - (t - start))
            if pending + (work - progress) <= lengths[k] + timeTolerance { break }
            progress += Swift.max(0, lengths[k] - pending)
        }
        return schedule
    }
}
