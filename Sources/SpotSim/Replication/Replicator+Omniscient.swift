/// `omniscient`: plans the replication's schedule offline, from its realised market, before
/// the replication runs; the decisions then replay it.
extension Replicator {
    /// Reads the replication's availability and prices of the policy's pools over the
    /// deadline's decision intervals, and plans the cheapest schedule that meets the deadline
    /// (``OmniscientPlanner``) into `schedule`.
    ///
    /// Interval k's spot is usable when the pool can run the whole gang at k·tick, and a spot
    /// run survives into interval k when capacity does not drop at k·tick (a drop reclaims at
    /// least one of the gang's nodes).
    mutating func planSchedule(_ policy: OmniscientPolicy) {
        let tick = job.decisionInterval
        let count = Swift.max(1, Int((job.deadline / tick - 1e-9).rounded(.up)))
        let pool = policy.spotPool
        let nodes = Double(job.nodes)
        var usable = Array(repeating: false, count: count)
        var survives = Array(repeating: false, count: count)
        var prices = Array(repeating: 0.0, count: count)
        var previous = 0
        for k in 0..<count {
            let t = Double(k) * tick
            let capacity = market.availabilityPaths[pool].capacity(at: t)
            usable[k] = capacity >= job.nodes
            survives[k] = k > 0 && capacity >= previous
            previous = capacity
            let price = market.scalars[pool].constantSpotPrice ?? market.pricePaths[pool].price(at: t)
            prices[k] = nodes * price / 3600
        }
        let problem = OmniscientProblem(
            tick: tick, deadline: job.deadline, work: job.work, overhead: job.restart,
            spotUsable: usable, spotSurvives: survives, spotPrice: prices,
            onDemandPrice: nodes * market.scalars[policy.onDemandPool].onDemandPrice / 3600,
            spotBilling: market.scalars[pool].billing, onDemandBilling: market.scalars[policy.onDemandPool].billing
        )
        schedule = planner.plan(problem).schedule
    }
}
