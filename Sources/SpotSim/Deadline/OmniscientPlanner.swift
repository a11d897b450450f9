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
/// **Algorithm.** A forward dynamic programme over decision intervals. Its state at a boundary
/// is the cluster of the run in progress (or idle) and that run's age in intervals; ages are
/// exact up to a cap beyond which overhead, billing minimum, rounding and the free-if-interrupted
/// window no longer depend on the age (past the cap only the age modulo the billing period —
/// the least `q` with `q·tick` a multiple of the granularity — is kept). Each state holds a Pareto
/// frontier of (progress, cost so far) with the run in progress costed as if released now; within
/// a state all future costs are equal, so that two-dimensional dominance is exact. Entries that
/// cannot finish by the deadline, or whose cost (less a possible refund or prepaid billing) plus
/// a lower bound on the rest exceeds the best complete schedule, are dropped; the bound is
/// seeded by the greedy schedule. Progress is kept as whole intervals and runs (`N·tick − R·d`),
/// so equal progress is equal bit for bit.
///
/// **Ties.** Costs within ``costTolerance`` (relative) are equal; among equal costs the
/// earlier completion wins; then the lexicographically smallest schedule with
/// `idle < spot < on-demand`, read from interval 0 — applied exactly when two partial schedules
/// reach the same state with the same progress and cost, and among final schedules with the same
/// cost and completion. Every interval after completion is `idle`.
///
/// **Infeasible.** When `work + overhead > deadline` no schedule meets the deadline: the plan is
/// on-demand in every interval, costed and timed as one on-demand run from 0 that goes on past
/// the deadline until done, with `meetsDeadline == false`.
///
/// - Complexity: O(K · S · F) time, S the number of states (about the cap plus the billing
///   period, twice) and F the frontier size; memory 4 bytes per frontier entry ever kept (for the
///   schedule) plus the two frontiers of the current boundary.
public struct OmniscientPlanner {
    /// Relative cost tolerance: costs closer than this times the all-on-demand cost are equal.
    public static let costTolerance = 1e-12

    var search = FrontierSearch()

    public init() {}

    /// The cheapest schedule for `problem` that meets its deadline (see the type's rules).
    public mutating func plan(_ problem: OmniscientProblem) -> OmniscientPlan {
        let model = PlanningModel(problem)
        let count = problem.spotUsable.count
        if problem.work <= 0 {
            return OmniscientPlan(
                schedule: Array(repeating: .idle, count: count), cost: 0, completion: 0, meetsDeadline: true)
        }
        guard model.feasible else { return model.allOnDemandPlan(count: count) }
        // The incumbent: on-demand from 0, or the greedy schedule when it meets the deadline.
        var fallback = Array(repeating: ClusterChoice.idle, count: count)
        let onDemandRun = Int(((problem.work + model.overhead) / model.tick).rounded(.up))
        for k in 0..<min(count, max(1, onDemandRun)) { fallback[k] = .onDemand }
        var incumbent = model.onDemandCost
        let greedy = model.greedySchedule()
        if let evaluated = model.evaluate(greedy), evaluated.completion <= model.deadline + model.timeTolerance,
            evaluated.cost < incumbent
        {
            incumbent = evaluated.cost
            fallback = greedy
        }
        var schedule = fallback
        if let choices = search.run(model, incumbent: incumbent) {
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
