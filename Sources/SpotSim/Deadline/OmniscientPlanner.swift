/// One replication's offline problem for ``OmniscientPlanner``: a job that needs `work` seconds
/// of compute by `deadline`, and the whole future of its spot pool.
///
/// Time is split into decision intervals of `tick` seconds: interval `k` is
/// `[k·tick, min((k+1)·tick, deadline))`, `k = 0..<K` with `K = ⌈deadline / tick⌉` (the count of
/// the three arrays). A schedule picks a ``ClusterChoice`` for every interval.
///
/// - Every launch pays `overhead` seconds (billed, no progress): the first non-idle choice,
///   every switch spot ↔ on-demand, every relaunch after idle, and every new spot launch after
///   the provider reclaimed the spot cluster. Overhead not paid when a run ends is dropped.
/// - `spotUsable[k]`: spot capacity exists during interval `k` (choosing spot where it is
///   `false` is not allowed).
/// - `spotSurvives[k]` (`k ≥ 1`): a spot run active during interval `k − 1` is *not* reclaimed
///   at `k·tick`. When `false` the run ends there, interrupted, whatever the schedule picks at
///   `k`; picking spot again launches anew. `spotSurvives[0]` is ignored.
/// - A run (a maximal stretch on one cluster without reclaim) is billed once when it ends,
///   `billing.billedSeconds(forRunning: ran, interrupted:)` seconds priced from its start: spot
///   at `spotPrice[k]` during interval `k` (and at the last price from `K·tick` on), on-demand
///   at `onDemandPrice`. Prices are USD per second for the whole gang and must be ≥ 0.
/// - The job completes the moment its progress reaches `work`; the run ends there (not
///   interrupted) and nothing is billed after.
public struct OmniscientProblem: Sendable {
    /// Seconds per decision interval.
    public var tick: Double
    /// Seconds from the start by which the job must have completed.
    public var deadline: Double
    /// Seconds of compute the job needs (W).
    public var work: Double
    /// Seconds of restart overhead per launch (d).
    public var overhead: Double
    /// Whether spot capacity exists during each interval (count K).
    public var spotUsable: [Bool]
    /// Whether a spot run active during interval `k − 1` survives into `k` (count K; `[0]` ignored).
    public var spotSurvives: [Bool]
    /// The spot price during each interval, USD per second for the gang (count K).
    public var spotPrice: [Double]
    /// The on-demand price, USD per second for the gang.
    public var onDemandPrice: Double
    /// How spot runs are billed.
    public var spotBilling: BillingRule
    /// How on-demand runs are billed.
    public var onDemandBilling: BillingRule

    public init(
        tick: Double, deadline: Double, work: Double, overhead: Double, spotUsable: [Bool],
        spotSurvives: [Bool], spotPrice: [Double], onDemandPrice: Double, spotBilling: BillingRule,
        onDemandBilling: BillingRule
    ) {
        self.tick = tick
        self.deadline = deadline
        self.work = work
        self.overhead = overhead
        self.spotUsable = spotUsable
        self.spotSurvives = spotSurvives
        self.spotPrice = spotPrice
        self.onDemandPrice = onDemandPrice
        self.spotBilling = spotBilling
        self.onDemandBilling = onDemandBilling
    }
}

/// The schedule ``OmniscientPlanner`` found, with its cost and completion under the rules of
/// ``OmniscientProblem``.
public struct OmniscientPlan: Sendable, Hashable {
    /// The cluster for each interval `0..<K`; `idle` after the job completes.
    public var schedule: [ClusterChoice]
    /// USD, every run billed as ``OmniscientProblem`` describes.
    public var cost: Double
    /// Seconds from the start to the moment the job completes.
    public var completion: Double
    /// Whether the job completes by the deadline.
    public var meetsDeadline: Bool

    public init(schedule: [ClusterChoice], cost: Double, completion: Double, meetsDeadline: Bool) {
        self.schedule = schedule
        self.cost = cost
        self.completion = completion
        self.meetsDeadline = meetsDeadline
    }
}

/// `omniscient`'s planner: the exact minimum-cost schedule that meets the deadline, given the
/// whole future spot availability and prices.
///
/// ```swift
/// var planner = OmniscientPlanner()          // one per thread; it keeps its buffers
/// let plan = planner.plan(problem)
/// plan.schedule[k]                            // the cluster for interval k
/// ```
///
/// **Algorithm.** A forward dynamic programme over decision intervals, exact (no
/// discretisation of time or progress). Its state at a boundary is idle, or the cluster of the
/// run in progress and the run's age in intervals: exact up to a cap past which overhead,
/// billing minimum, rounding and the free-if-interrupted window no longer depend on it, then
/// only the age modulo the billing period (the least `q` with `q·tick` a whole number of
/// billing units); a spot run that no reclaim can reach within its free window joins that
/// capped state early. Each state holds a Pareto frontier of (progress, cost so far), the run
/// in progress costed as if released now — within a state every continuation then costs the
/// same, so the two numbers say everything. Progress is kept as whole intervals and runs
/// (`N·tick − R·d`), so equal progress is equal bit for bit.
///
/// - Dominance: as much progress for no more cost — except that while a reclaim within a free
///   window lies ahead, more progress must also be cheaper by a margin (the most one refundable
///   spot run can bill, less the least bill of a last launch): the entry ahead may complete
///   inside a spot run the provider would have reclaimed, and pay it, while the entry behind
///   gets it free (`PlanningModel.dominanceMargin`).
/// - Pruning: an entry is dropped when it can no longer finish by the deadline, or when its
///   cost plus a lower bound on the rest exceeds the best schedule known. The bound is
///   Lagrangian: a backward pass over a relaxation (runs billed by the second, refunds kept)
///   gives for multipliers `λ` the least `cost − λ·progress` from each state and boundary, and
///   `max_λ (that + λ·work left)` bounds the cost to go (`CostToGoBound`).
/// - The first "best schedule known" is the cheapest of on-demand from 0, the greedy schedule,
///   the relaxation's policies and a beam search (the same programme keeping 12 entries a state).
/// - The schedule is rebuilt from 4-byte back-pointers, compacted to the live ones when many.
///
/// **Ties.** Costs within ``costTolerance`` (relative to the all-on-demand cost) are equal;
/// among equal costs the earlier completion wins; then the lexicographically smallest schedule
/// with `idle < spot < on-demand`, read from interval 0 — applied when two partial schedules
/// reach the same state with the same progress and cost, and among complete schedules with the
/// same cost and completion. So with no spot at all the plan is one on-demand run from 0. Every
/// interval after completion is `idle`. A job that completes exactly at a boundary where spot
/// is reclaimed completes (its run is not interrupted).
///
/// **Infeasible.** When `work + overhead > deadline` no schedule meets the deadline: the plan is
/// on-demand in every interval, costed and timed as one on-demand run from 0 that goes on past
/// the deadline until done, with `meetsDeadline == false`.
///
/// - Complexity: O(K·S·Λ) for the bound and O(K·S·F) for the search, S the states (under 30
///   for the providers' rules at a 195 s tick), Λ ≈ 50 multipliers and F the entries a state
///   keeps (tens to thousands, more with a free window). Memory: the bound table (K·S·Λ
///   floats, 1–6 MB at K ≈ 1300), the frontiers, and at most about a million back-pointers
///   between compactions (4 MB, and as much scratch to compact them).
public struct OmniscientPlanner {
    /// Relative cost tolerance: costs closer than this times the all-on-demand cost are equal.
    public static let costTolerance = 1e-12
    /// Entries per state in the beam search that finds the first incumbent.
    static let beamWidth = 12

    var box = SearchBox()
    var bound = CostToGoBound()

    public init() {}

    /// A planner that compacts its history of partial schedules once it holds `historyLimit`
    /// entries (for tests: the plans are the same whatever the limit).
    init(historyLimit: Int) {
        box.search.historyLimit = historyLimit
    }

    /// The cheapest schedule for `problem` that meets its deadline (see the type's rules).
    public mutating func plan(_ problem: OmniscientProblem) -> OmniscientPlan {
        let model = PlanningModel(problem)
        let count = problem.spotUsable.count
        // The search's buffers are in a class: a copied planner gets its own on first use.
        if !isKnownUniquelyReferenced(&box) {
            let limit = box.search.historyLimit
            box = SearchBox()
            box.search.historyLimit = limit
        }
        if problem.work <= 0 {
            return OmniscientPlan(
                schedule: Array(repeating: .idle, count: count), cost: 0, completion: 0, meetsDeadline: true)
        }
        guard model.feasible else { return model.allOnDemandPlan(count: count) }
        bound.build(model)
        // The incumbent: the cheapest of on-demand from 0, the greedy schedule and the
        // relaxation's policies that meet the deadline.
        var fallback = Array(repeating: ClusterChoice.idle, count: count)
        let onDemandRun = Int(((problem.work + model.overhead) / model.tick).rounded(.up))
        for k in 0..<min(count, max(1, onDemandRun)) { fallback[k] = .onDemand }
        var incumbent = model.onDemandCost
        var heuristics = [model.greedySchedule()]
        let root = bound.rootMultiplier(work: problem.work)
        for i in max(0, root - 1)...min(bound.multipliers.count - 1, root + 1) {
            heuristics.append(bound.policySchedule(model, multiplier: i, count: count))
        }
        for heuristic in heuristics {
            if let evaluated = model.evaluate(heuristic), evaluated.completion <= model.deadline + model.timeTolerance,
                evaluated.cost < incumbent
            {
                incumbent = evaluated.cost
                fallback = heuristic
            }
        }
        // A beam search, then the exact one under the best cost so far.
        box.search.beam = OmniscientPlanner.beamWidth
        if let choices = box.search.run(model, bound: bound, incumbent: incumbent) {
            var heuristic = Array(repeating: ClusterChoice.idle, count: count)
            for (k, choice) in choices.enumerated() { heuristic[k] = choice }
            if let evaluated = model.evaluate(heuristic), evaluated.completion <= model.deadline + model.timeTolerance,
                evaluated.cost < incumbent
            {
                incumbent = evaluated.cost
                fallback = heuristic
            }
        }
        box.search.beam = 0
        var schedule = fallback
        if let choices = box.search.run(model, bound: bound, incumbent: incumbent) {
            schedule = Array(repeating: ClusterChoice.idle, count: count)
            for (k, choice) in choices.enumerated() { schedule[k] = choice }
        }
        guard let evaluated = model.evaluate(schedule) else {
            preconditionFailure("OmniscientPlanner: the planned schedule does not complete")
        }
        return OmniscientPlan(
            schedule: schedule, cost: evaluated.cost, completion: evaluated.completion,
            meetsDeadline: evaluated.completion <= model.deadline + model.timeTolerance)
    }
}
