/// Checks that span sections: deadlines against policies, the `omniscient` policy's needs,
/// and trace windows against the experiment's size.
extension ScenarioDecoder {
    /// Runs the cross-section checks on a decoded scenario; `top` is the document's mapping.
    static func checkDeadlines(_ scenario: inout Scenario, top: MappingReader) throws(ScenarioError) {
        let jobsField = try top.required("jobs", expected: "")
        let jobItems = try jobsField.nonEmptyList(expected: "")
        // Deadline metrics are reported for every job or none.
        if let first = scenario.jobs.firstIndex(where: { $0.deadline != nil }) {
            for (index, job) in scenario.jobs.enumerated() where job.deadline == nil {
                throw try jobItems[index].mapping(expected: "", allowed: nil).missing(
                    "deadline",
                    expected: "a deadline like 52h, because jobs[\(first)] has one (deadline metrics are reported for every job)"
                )
            }
        }
        let policyItems = try top.required("policies", expected: "").nonEmptyList(expected: "")
        for (index, spec) in scenario.policies.enumerated() where spec.kind.needsDeadline {
            if let job = scenario.jobs.first(where: { $0.deadline == nil }) {
                throw policyItems[index].error(
                    expected: "a policy that needs no deadline (\(spec.kind.rawValue) needs job \(YAMLField.quote(job.name)) to have a deadline)",
                    found: YAMLField.quote(spec.description)
                )
            }
            if spec.kind == .omniscient {
                for job in scenario.jobs {
                    if let problem = omniscientProblem(spec, job: job, scenario: scenario) {
                        throw policyItems[index].error(
                            expected: "a scenario the omniscient planner can see ahead in (\(problem))",
                            found: YAMLField.quote(spec.description)
                        )
                    }
                }
            }
        }
        // Random trace windows fit the longest deadline unless a window is given.
        let longestDeadline = scenario.jobs.compactMap(\.deadline).max()
        let poolItems = try top.required("pools", expected: "").nonEmptyList(expected: "")
        for (index, pool) in scenario.pools.enumerated() {
            guard var spot = pool.spot, case .trace(var replay) = spot.availability else { continue }
            if replay.windowTicks == 0, let longestDeadline, case .random = replay.windows {
                let ticks = (longestDeadline / replay.trace.tick - 1e-9).rounded(.up)
                guard ticks <= Double(TraceReader.maximumTickCount) else {
                    // Random windows span the longest deadline: it must fit in a trace's ticks.
                    let job = scenario.jobs.firstIndex { $0.deadline == longestDeadline }!
                    let deadlineField = try jobItems[job].mapping(expected: "", allowed: nil).required("deadline", expected: "")
                    throw deadlineField.error(
                        expected: "a deadline of at most \(TraceReader.maximumTickCount) ticks of pools[\(index)]'s trace "
                            + "(\(Units.formatDuration(Double(TraceReader.maximumTickCount) * replay.trace.tick)))"
                    )
                }
                replay = TraceReplay(
                    trace: replay.trace, windows: replay.windows, pastEnd: replay.pastEnd,
                    windowTicks: Int(ticks))
                spot.availability = .trace(replay)
                scenario.pools[index].spot = spot
            }
            if case .listed(let starts) = replay.windows, starts.count < scenario.replications {
                let item = try poolItems[index].mapping(expected: "", allowed: nil)
                var availability: YAMLField
                if let field = item.optional("availability") {
                    availability = field
                } else {
                    let spotField = try item.required("spot", expected: "")
                    availability = try spotField.mapping(expected: "", allowed: nil).required("availability", expected: "")
                }
                let windows = try availability.mapping(expected: "", allowed: nil).required("windows", expected: "")
                throw windows.error(
                    expected: "a start tick for each of the \(scenario.replications) replications",
                    found: "\(starts.count)"
                )
            }
        }
    }

    /// Why `omniscient` cannot plan `job` in `scenario`, or `nil` when it can.
    static func omniscientProblem(_ spec: PolicySpec, job: Job, scenario: Scenario) -> String? {
        guard job.progress == .continuous else { return "job \(job.name) needs progress: continuous" }
        guard let policy = try? spec.makePolicy(for: job, pools: scenario.pools, storage: scenario.storage) as? OmniscientPolicy else {
            return "no pool sells \(job.gpu) on the spot market"
        }
        let spotPool = scenario.pools[policy.spotPool]
        let onDemandPool = scenario.pools[policy.onDemandPool]
        guard let spot = spotPool.spot else { return "pool \(spotPool.name) has no spot market" }
        guard spot.lifetime == nil else {
            return "pool \(spotPool.name) has random spot lifetimes; preemptions must come from its availability trace"
        }
        let tick: Double
        switch spot.availability {
        case .trace(let replay): tick = replay.trace.tick
        case .always: tick = job.decisionInterval ?? Job.defaultDecisionInterval
        case .alternating: return "pool \(spotPool.name)'s availability is random; replay a trace instead"
        }
        let interval = job.decisionInterval ?? scenario.defaultDecisionInterval(for: job)
        guard interval == tick else {
            return "job \(job.name)'s decision_interval must equal the trace's tick \(Units.formatDuration(tick))"
        }
        guard spot.launchFailureProbability == 0 else { return "pool \(spotPool.name) has random launch failures" }
        for pool in [spotPool, onDemandPool] {
            guard pool.provisioning == .constant(0) else { return "pool \(pool.name) has a provisioning delay" }
            let units = tick / pool.billing.granularity
            guard abs(units - units.rounded()) < 1e-9 else {
                return "pool \(pool.name)'s billing granularity \(Units.formatDuration(pool.billing.granularity)) must divide the tick"
            }
        }
        return nil
    }
}
