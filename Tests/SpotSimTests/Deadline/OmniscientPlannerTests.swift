@testable import SpotSim
import Testing
import SpotSimTestSupport

/// `OmniscientPlanner` against brute force: every schedule of small problems is enumerated and
/// costed by `Reference`, a plain simulator of the rules of `OmniscientProblem` written here
/// independently of the planner; longer problems are checked against `Reference.exhaustive`, a
/// plain dynamic programme with no dominance, caps or bounds.
@Suite struct OmniscientPlannerTests {

    // MARK: - Brute force

    /// The planner is exact: on many random small problems (K ≤ 9; random availability,
    /// reclaims and prices; overheads on and off tick multiples; per-second, AWS-like with the
    /// 60 s minimum and the free-if-interrupted window, GCP-like, Azure-like per whole minute,
    /// coarse rounding-up rules; deadlines on and off tick multiples) its cost equals the least
    /// cost over all 3^K schedules that meet the deadline, to 1e-9 relative; its schedule,
    /// replayed by the reference simulator, gives the cost and completion it reports; and among
    /// schedules as cheap it completes earliest.
    @Test func matchesBruteForceOnRandomSmallProblems() {
        var random = SplitMix64(seed: 0x5EED_0F_0A11)
        var planner = OmniscientPlanner()
        var feasible = 0
        for index in 0..<600 {
            let problem = Self.randomProblem(&random, index: index)
            let plan = planner.plan(problem)
            let best = Reference.bruteForce(problem)
            guard let best else {
                #expect(!plan.meetsDeadline, "problem \(index): the planner met a deadline no schedule meets")
                continue
            }
            feasible += 1
            #expect(plan.meetsDeadline, "problem \(index)")
            #expect(
                Self.close(plan.cost, best.cost), "problem \(index): planner \(plan.cost), brute force \(best.cost)")
            guard let replay = Reference.simulate(problem, plan.schedule) else {
                Issue.record("problem \(index): the planner's schedule is not valid")
                continue
            }
            #expect(
                Self.close(replay.cost, plan.cost), "problem \(index): replayed \(replay.cost), reported \(plan.cost)")
            #expect(abs(replay.completion - plan.completion) <= 1e-6, "problem \(index)")
            #expect(
                plan.completion <= best.earliestAmongCheapest + 1e-6,
                "problem \(index): a cheapest schedule completes earlier")
        }
        #expect(feasible > 450)
    }

    /// The planner is exact on longer problems too (K from 10 to 24, where run ages pass the
    /// caps, spot runs leave the free window and billing periods repeat): its cost equals the
    /// least cost found by `Reference.exhaustive`, a plain dynamic programme over (interval,
    /// cluster, run start, progress) with no dominance, caps or bounds; and its schedule replays
    /// to the cost it reports.
    @Test func matchesAnExhaustiveProgrammeOnLongerProblems() {
        var random = SplitMix64(seed: 0xC0FF_EE15)
        var planner = OmniscientPlanner()
        var feasible = 0
        for index in 0..<160 {
            let problem = Self.randomProblem(&random, index: index, intervals: 10...24)
            let plan = planner.plan(problem)
            guard let best = Reference.exhaustive(problem) else {
                #expect(!plan.meetsDeadline, "problem \(index): the planner met a deadline no schedule meets")
                continue
            }
            feasible += 1
            #expect(plan.meetsDeadline, "problem \(index)")
            #expect(Self.close(plan.cost, best), "problem \(index): planner \(plan.cost), exhaustive \(best)")
            let replay = Reference.simulate(problem, plan.schedule)
            #expect(replay.map { Self.close($0.cost, plan.cost) } == true, "problem \(index)")
        }
        #expect(feasible > 120)
    }

    /// The planner forgets partial schedules nothing descends from any more (history
    /// compaction): with the history compacted every few entries, every plan — long and short,
    /// with and without the free window — is the same as with the default limit.
    @Test func compactingTheHistoryChangesNoPlan() {
        var random = SplitMix64(seed: 0xFEED)
        var problems = (0..<60).map { Self.randomProblem(&random, index: $0, intervals: 10...24) }
        problems.append(Self.realisticProblem(&random))
        var planner = OmniscientPlanner()
        var compacting = OmniscientPlanner(historyLimit: 16)
        for (index, problem) in problems.enumerated() {
            #expect(planner.plan(problem) == compacting.plan(problem), "problem \(index)")
        }
    }

    /// The planner reuses its buffers: planning a problem again after others gives the same
    /// plan, bit for bit.
    @Test func replanningGivesTheSamePlan() {
        var random = SplitMix64(seed: 42)
        let problems = (0..<20).map { Self.randomProblem(&random, index: $0) }
        var planner = OmniscientPlanner()
        let first = problems.map { planner.plan($0) }
        let second = problems.reversed().map { planner.plan($0) }
        #expect(first == Array(second.reversed()))
    }

    // MARK: - Cases by hand

    /// When the work plus one overhead does not fit before the deadline no schedule meets it:
    /// the plan is on-demand in every interval, costed and timed as one on-demand run from 0
    /// that goes on until done (completion W + d, past the deadline), `meetsDeadline == false`.
    @Test func infeasibleDeadlineRunsOnDemandThroughout() {
        let problem = Self.problem(
            tick: 60, deadline: 600, work: 590, overhead: 30, usable: Array(repeating: true, count: 10),
            spotPrice: 0.1, onDemandPrice: 1)
        var planner = OmniscientPlanner()
        let plan = planner.plan(problem)
        #expect(!plan.meetsDeadline)
        #expect(plan.schedule == Array(repeating: .onDemand, count: 10))
        #expect(plan.completion == 620)
        #expect(Self.close(plan.cost, 620))
    }

    /// Spot always usable, never reclaimed and cheaper than on-demand: one spot run from 0 to
    /// completion, cost (W + d) × spot price, idle after completion.
    @Test func alwaysAvailableCheapSpotIsOneSpotRun() {
        let problem = Self.problem(
            tick: 195, deadline: 70 * 3600, work: 48 * 3600, overhead: 720,
            usable: Array(repeating: true, count: 1293), spotPrice: 0.3 / 3600, onDemandPrice: 1 / 3600)
        var planner = OmniscientPlanner()
        let plan = planner.plan(problem)
        #expect(plan.meetsDeadline)
        #expect(Self.close(plan.cost, (48 * 3600 + 720) * 0.3 / 3600))
        #expect(plan.completion == 48 * 3600 + 720)
        let runIntervals = Int(((48.0 * 3600 + 720) / 195).rounded(.up))
        #expect(plan.schedule.prefix(runIntervals).allSatisfy { $0 == .spot })
        #expect(plan.schedule.dropFirst(runIntervals).allSatisfy { $0 == .idle })
    }

    /// No spot capacity at all: one on-demand run, cost (W + d) × on-demand price. Every start
    /// early enough costs the same; the tie goes to the earlier completion, so the run starts
    /// at 0 and completes at W + d.
    @Test func noSpotIsOneOnDemandRunFromTheStart() {
        let problem = Self.problem(
            tick: 60, deadline: 3600, work: 1500, overhead: 90, usable: Array(repeating: false, count: 60),
            spotPrice: 0.1, onDemandPrice: 2)
        var planner = OmniscientPlanner()
        let plan = planner.plan(problem)
        #expect(plan.meetsDeadline)
        #expect(Self.close(plan.cost, 1590 * 2))
        #expect(plan.completion == 1590)
        #expect(plan.schedule.prefix(27).allSatisfy { $0 == .onDemand })
        #expect(plan.schedule.dropFirst(27).allSatisfy { $0 == .idle })
    }

    /// A spot window too short for its overhead to pay off is skipped: spot (half price) is
    /// usable for three 60 s intervals only, the overhead is 120 s, and using the window costs
    /// more than staying on-demand (checked by brute force); the plan never picks spot.
    @Test func skipsAShortSpotWindow() {
        var usable = Array(repeating: false, count: 9)
        for k in 3...5 { usable[k] = true }
        let problem = Self.problem(
            tick: 60, deadline: 540, work: 300, overhead: 120, usable: usable, spotPrice: 0.5, onDemandPrice: 1)
        var planner = OmniscientPlanner()
        let plan = planner.plan(problem)
        let best = Reference.bruteForce(problem)
        #expect(best != nil)
        #expect(Self.close(plan.cost, best?.cost ?? .nan))
        #expect(!plan.schedule.contains(.spot))
        #expect(Self.close(plan.cost, 420))
    }

    /// On-demand in two separate runs around a cheap spot window: the deadline leaves no room
    /// to wait for the window nor to do without it cheaply, so the cheapest schedule (checked by
    /// brute force) runs on-demand, then spot, then on-demand again.
    @Test func usesOnDemandInTwoSeparateRuns() {
        var usable = Array(repeating: false, count: 9)
        for k in 3...5 { usable[k] = true }
        let problem = Self.problem(
            tick: 60, deadline: 540, work: 400, overhead: 30, usable: usable, spotPrice: 0.1, onDemandPrice: 1)
        var planner = OmniscientPlanner()
        let plan = planner.plan(problem)
        let best = Reference.bruteForce(problem)
        #expect(Self.close(plan.cost, best?.cost ?? .nan))
        #expect(Self.runs(plan.schedule).filter { $0 == .onDemand }.count == 2)
        #expect(Self.runs(plan.schedule).starts(with: [.onDemand, .spot, .onDemand]))
    }

    /// AWS-like spot billing makes a spot run the provider interrupts within its window free:
    /// spot is usable throughout at 3× the on-demand price and reclaimed at 120 s and 240 s
    /// (40 s ticks), the window is 150 s, W = 200 s, d = 20 s. The cheapest schedules (checked by
    /// brute force) compute 160 s on two spot runs the provider reclaims — so free — and the last
    /// 40 s on-demand after a 20 s overhead: 60 s at the 60 s minimum, 60 USD in all. None may
    /// reach W on spot: finishing at 240 s would end that run by completion, billed. All of them
    /// complete at 300 s; the lexicographic rule (idle < spot < on-demand from interval 0) picks
    /// the one that starts idle.
    @Test func usesFreeInterruptedSpotRuns() {
        let usable = Array(repeating: true, count: 9)
        var survives = Array(repeating: true, count: 9)
        for k in stride(from: 3, to: 9, by: 3) { survives[k] = false }
        let rule = BillingRule(granularity: 1, minimum: 60, rounding: .up, freeIfInterruptedWithin: 150)
        let problem = OmniscientProblem(
            tick: 40, deadline: 360, work: 200, overhead: 20, spotUsable: usable, spotSurvives: survives,
            spotPrice: Array(repeating: 3, count: 9), onDemandPrice: 1, spotBilling: rule,
            onDemandBilling: BillingRule(granularity: 1, minimum: 60, rounding: .up))
        var planner = OmniscientPlanner()
        let plan = planner.plan(problem)
        let best = Reference.bruteForce(problem)
        #expect(Self.close(plan.cost, best?.cost ?? .nan))
        #expect(Self.close(plan.cost, 60))
        #expect(plan.completion == 300)
        #expect(plan.schedule == [.idle, .spot, .spot, .spot, .spot, .spot, .onDemand, .onDemand, .idle])
    }

    /// A long problem (K = 1293, W = 48 h, d = 0.2 h, AWS billing, availability in runs of tens
    /// of intervals, a drifting spot price): the plan meets the deadline, replays to the cost
    /// and completion it reports, and costs no more than on-demand alone or the greedy
    /// schedule (spot when usable, on-demand once needed).
    @Test func longRealisticProblemIsConsistent() {
        var random = SplitMix64(seed: 7)
        let problem = Self.realisticProblem(&random)
        var planner = OmniscientPlanner()
        let plan = planner.plan(problem)
        #expect(plan.meetsDeadline)
        let replay = Reference.simulate(problem, plan.schedule)
        #expect(replay.map { Self.close($0.cost, plan.cost) } == true)
        #expect(replay.map { abs($0.completion - plan.completion) <= 1e-6 } == true)
        let onDemand = (problem.work + problem.overhead) * problem.onDemandPrice
        #expect(plan.cost <= onDemand * (1 + 1e-12))
        if let greedy = Reference.simulate(problem, Reference.greedy(problem)), greedy.completion <= problem.deadline {
            #expect(plan.cost <= greedy.cost * (1 + 1e-12))
        }
    }

    // MARK: - Problems

    static func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-3)
    }

    /// The clusters of a schedule's runs in order (consecutive equal choices are one run).
    static func runs(_ schedule: [ClusterChoice]) -> [ClusterChoice] {
        var runs: [ClusterChoice] = []
        for choice in schedule where choice != .idle && choice != runs.last { runs.append(choice) }
        return runs
    }

    /// Per-second billing with no minimum, spot never reclaimed where usable, constant prices.
    static func problem(
        tick: Double, deadline: Double, work: Double, overhead: Double, usable: [Bool], spotPrice: Double,
        onDemandPrice: Double
    ) -> OmniscientProblem {
        let survives = usable.indices.map { $0 == 0 || (usable[$0 - 1] && usable[$0]) }
        let perSecond = BillingRule(granularity: 1, minimum: 0, rounding: .up)
        return OmniscientProblem(
            tick: tick, deadline: deadline, work: work, overhead: overhead, spotUsable: usable, spotSurvives: survives,
            spotPrice: Array(repeating: spotPrice, count: usable.count), onDemandPrice: onDemandPrice,
            spotBilling: perSecond, onDemandBilling: perSecond)
    }

    static let rules: [BillingRule] = [
        BillingRule(granularity: 1, minimum: 0, rounding: .up),
        BillingRule(granularity: 1, minimum: 60, rounding: .up, freeIfInterruptedWithin: 3600),  // AWS
        BillingRule(granularity: 1, minimum: 60, rounding: .up, freeIfInterruptedWithin: 100),  // AWS, short window
        BillingRule(granularity: 1, minimum: 60, rounding: .up),  // GCP
        BillingRule(granularity: 60, minimum: 0, rounding: .down),  // Azure
        BillingRule(granularity: 25, minimum: 45, rounding: .up, freeIfInterruptedWithin: 70),
        BillingRule(granularity: 100, minimum: 0, rounding: .up),
        BillingRule(granularity: 7, minimum: 30, rounding: .down),
        BillingRule(granularity: 1, minimum: 60, rounding: .up, freeIfInterruptedWithin: 250),
        BillingRule(granularity: 20, minimum: 0, rounding: .up, freeIfInterruptedWithin: 130),
    ]

    /// A random problem with `intervals.lowerBound ≤ K ≤ intervals.upperBound`.
    static func randomProblem(
        _ random: inout SplitMix64, index: Int, intervals: ClosedRange<Int> = 1...9
    ) -> OmniscientProblem {
        let ticks: [Double] = [40, 40, 60, 30, 45.5, 41.2345]
        let tick = ticks[random.below(ticks.count)]
        let count = intervals.lowerBound + random.below(intervals.count)
        let partial = random.below(3) == 0 ? tick * (0.2 + 0.7 * random.unit()) : tick
        let deadline = Double(count - 1) * tick + partial
        let overheads: [Double] = [0, tick, 2 * tick, 10, 0.37 * tick, 1.6 * tick, 3.3 * tick]
        let overhead = overheads[random.below(overheads.count)]
        let work = max(1, (deadline - overhead) * (0.15 + 0.9 * random.unit()))
        var usable: [Bool] = []
        var state = random.below(2) == 0
        for _ in 0..<count {
            if random.below(3) == 0 { state.toggle() }
            usable.append(state)
        }
        let survives = (0..<count).map { k in k == 0 || (usable[k] && usable[k - 1] && random.below(4) != 0) }
        let onDemandPrice = 0.5 + random.unit()
        let constant = random.below(3) == 0
        let base = onDemandPrice * (0.1 + 1.1 * random.unit())
        let prices = (0..<count).map { _ in constant ? base : onDemandPrice * (0.05 + 1.3 * random.unit()) }
        let spotRule = rules[random.below(rules.count)]
        let onDemandRule = random.below(2) == 0 ? spotRule : rules[random.below(rules.count)]
        return OmniscientProblem(
            tick: tick, deadline: deadline, work: work, overhead: overhead, spotUsable: usable, spotSurvives: survives,
            spotPrice: prices, onDemandPrice: onDemandPrice, spotBilling: spotRule, onDemandBilling: onDemandRule)
    }

    /// 70 h at 195 s ticks, W = 48 h, d = 0.2 h, AWS billing, availability in runs of tens of
    /// intervals with occasional reclaims, a drifting spot price.
    static func realisticProblem(_ random: inout SplitMix64) -> OmniscientProblem {
        let tick = 195.0
        let deadline = 70 * 3600.0
        let count = Int((deadline / tick).rounded(.up))
        var usable: [Bool] = []
        var survives: [Bool] = []
        var up = true
        var left = 10 + random.below(40)
        var price = 0.35
        var prices: [Double] = []
        for k in 0..<count {
            if left == 0 {
                up.toggle()
                left = up ? 5 + random.below(60) : 3 + random.below(30)
            }
            left -= 1
            usable.append(up)
            survives.append(k == 0 || (up && usable[k - 1] && random.below(40) != 0))
            price = min(0.9, max(0.2, price + 0.02 * (random.unit() - 0.5)))
            prices.append(price * 32 / 3600)
        }
        let aws = BillingRule(granularity: 1, minimum: 60, rounding: .up, freeIfInterruptedWithin: 3600)
        return OmniscientProblem(
            tick: tick, deadline: deadline, work: 48 * 3600, overhead: 720, spotUsable: usable, spotSurvives: survives,
            spotPrice: prices, onDemandPrice: 32 / 3600, spotBilling: aws,
            onDemandBilling: BillingRule(granularity: 1, minimum: 60, rounding: .up))
    }
}

extension OmniscientPlannerTests {
    /// The rules of `OmniscientProblem`, simulated plainly, interval by interval.
    enum Reference {
        struct Outcome {
            var cost: Double
            var completion: Double
        }

        /// The cost and completion of `schedule`, or `nil` when it picks spot where spot is not
        /// usable or does not complete by the end of the last interval.
        static func simulate(_ p: OmniscientProblem, _ schedule: [ClusterChoice]) -> Outcome? {
            var progress = 0.0
            var cost = 0.0
            var running = ClusterChoice.idle
            var runStart = 0.0
            for k in 0..<schedule.count {
                let start = Double(k) * p.tick
                let end = min(Double(k + 1) * p.tick, p.deadline)
                if end <= start { break }
                let choice = schedule[k]
                if choice == .spot && !p.spotUsable[k] { return nil }
                // The run in progress ends here if the provider reclaims it or the schedule changes.
                if running != .idle {
                    let reclaimed = running == .spot && !p.spotSurvives[k]
                    if reclaimed || choice != running {
                        cost += bill(p, running, from: runStart, to: start, interrupted: reclaimed)
                        running = .idle
                    }
                }
                if choice == .idle { continue }
                if running == .idle {
                    running = choice
                    runStart = start
                }
                // Overhead until runStart + d, then compute.
                let computeFrom = max(start, runStart + p.overhead)
                let finish = computeFrom + (p.work - progress)
                if finish <= end + 1e-9 {
                    cost += bill(p, running, from: runStart, to: finish, interrupted: false)
                    return Outcome(cost: cost, completion: finish)
                }
                progress += max(0, end - computeFrom)
            }
            return nil
        }

        /// The cost of a run on `cluster` over `[from, to)`.
        static func bill(
            _ p: OmniscientProblem, _ cluster: ClusterChoice, from: Double, to: Double, interrupted: Bool
        ) -> Double {
            if cluster == .onDemand {
                return p.onDemandBilling.billedSeconds(forRunning: to - from) * p.onDemandPrice
            }
            let billed = p.spotBilling.billedSeconds(forRunning: to - from, interrupted: interrupted)
            // ∫ spot price over [from, from + billed), interval by interval.
            var total = 0.0
            var t = from
            let last = p.spotPrice.count - 1
            while t < from + billed {
                // The interval holding t (t / tick may round either way at a boundary).
                var k = min(Int(t / p.tick), last)
                while k < last, Double(k + 1) * p.tick <= t { k += 1 }
                while k > 0, Double(k) * p.tick > t { k -= 1 }
                let segmentEnd = k == last ? from + billed : min(from + billed, Double(k + 1) * p.tick)
                total += p.spotPrice[k] * (segmentEnd - t)
                t = segmentEnd
            }
            return total
        }

        /// The least cost over all schedules that meet the deadline and, among schedules that cost
        /// as little (within 1e-12 relative), the earliest completion; `nil` when none meets it.
        static func bruteForce(_ p: OmniscientProblem) -> (cost: Double, earliestAmongCheapest: Double)? {
            var outcomes: [Outcome] = []
            var schedule: [ClusterChoice] = []
            func enumerate() {
                if schedule.count == p.spotUsable.count {
                    if let outcome = simulate(p, schedule), outcome.completion <= p.deadline + 1e-9 {
                        outcomes.append(outcome)
                    }
                    return
                }
                for choice in ClusterChoice.allCases where choice != .spot || p.spotUsable[schedule.count] {
                    schedule.append(choice)
                    enumerate()
                    schedule.removeLast()
                }
            }
            enumerate()
            guard let cheapest = outcomes.map(\.cost).min() else { return nil }
            let scale = max(p.onDemandPrice, p.spotPrice.max() ?? 0) * max(1, p.work + p.overhead)
            let earliest = outcomes.filter { $0.cost <= cheapest + 1e-12 * scale }.map(\.completion).min()!
            return (cheapest, earliest)
        }

        /// The least cost over all schedules that meet the deadline, by a plain forward programme
        /// whose state is everything the future depends on: the interval, the cluster running, its
        /// run's start, and the whole intervals and runs behind the progress of the runs already
        /// ended (each ended run of n intervals adds n·tick − d when n·tick ≥ d). No dominance, no
        /// caps, no bounds; `nil` when no schedule meets the deadline.
        static func exhaustive(_ p: OmniscientProblem) -> Double? {
            struct State: Hashable {
                var cluster: ClusterChoice
                var start: Int
                var intervals: Int
                var runs: Int
            }
            var states: [State: Double] = [State(cluster: .idle, start: 0, intervals: 0, runs: 0): 0]
            var best: Double? = nil
            for k in 0..<p.spotUsable.count {
                let t = Double(k) * p.tick
                let length = min(p.tick, p.deadline - t)
                if length <= 0 { break }
                var next: [State: Double] = [:]
                for (state, cost) in states {
                    for choice in ClusterChoice.allCases where choice != .spot || p.spotUsable[k] {
                        var s = state
                        var c = cost
                        if s.cluster != .idle {
                            let reclaimed = s.cluster == .spot && !p.spotSurvives[k]
                            if reclaimed || choice != s.cluster {
                                c += bill(p, s.cluster, from: Double(s.start) * p.tick, to: t, interrupted: reclaimed)
                                let n = k - s.start
                                if Double(n) * p.tick >= p.overhead {
                                    s.intervals += n
                                    s.runs += 1
                                }
                                s.cluster = .idle
                                s.start = 0
                            }
                        }
                        if choice != .idle {
                            if s.cluster == .idle {
                                s.cluster = choice
                                s.start = k
                            }
                            let elapsed = t - Double(s.start) * p.tick
                            let behind = Double(s.intervals) * p.tick - Double(s.runs) * p.overhead
                            let progress = behind + max(0, elapsed - p.overhead)
                            let need = max(0, p.overhead - elapsed) + (p.work - progress)
                            if need <= length + 1e-9 {
                                let start = Double(s.start) * p.tick
                                let total = c + bill(p, s.cluster, from: start, to: t + need, interrupted: false)
                                best = min(best ?? total, total)
                                continue
                            }
                        }
                        next[s] = min(next[s] ?? c, c)
                    }
                }
                states = next
            }
            return best
        }

        /// Spot while usable, idle otherwise, until waiting one more interval would leave too
        /// little time to finish on-demand; then on-demand.
        static func greedy(_ p: OmniscientProblem) -> [ClusterChoice] {
            var schedule: [ClusterChoice] = []
            var onDemand = false
            for k in 0..<p.spotUsable.count {
                if !onDemand {
                    var trial = schedule
                    trial.append(p.spotUsable[k] ? .spot : .idle)
                    let rest = Array(repeating: ClusterChoice.onDemand, count: p.spotUsable.count - k - 1)
                    if simulate(p, trial + rest).map({ $0.completion <= p.deadline }) != true { onDemand = true }
                }
                schedule.append(onDemand ? .onDemand : (p.spotUsable[k] ? .spot : .idle))
            }
            return schedule
        }
    }
}
