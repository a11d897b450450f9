import SpotSim

/// The published simulator of "Can't Be Late" (NSDI'24), restated as a plain tick loop for
/// checking the event-driven engine against it: time advances one trace tick at a time; at
/// each tick the simulator observes (a spot cluster whose tick is unavailable was preempted),
/// the policy picks the cluster for the coming tick, a change of cluster starts a fresh restart
/// overhead, and the tick is billed whole at the cluster's price. Progress in a tick is the
/// tick minus the overhead still pending, and the job stops the moment its work is done.
///
/// The engine bills by the second; with a billing granularity of one tick, rounding up, and no
/// minimum or first-hour refund, its bills are the same whole ticks.
enum TickReference {
    struct Outcome: Equatable {
        var cost: Double
        var completion: Double
        var launches: Int
    }

    /// Runs `decide` over `available` (spot usable per tick) from tick 0.
    static func run(
        available: [Bool], tick: Double, work: Double, deadline: Double, overhead: Double,
        spotPricePerHour: Double, onDemandPricePerHour: Double, decide: (DeadlineState) -> ClusterChoice
    ) -> Outcome {
        var cluster = ClusterChoice.idle
        var pending = 0.0
        var done = 0.0
        var cost = 0.0
        var launches = 0
        var k = 0
        while done < work - 1e-9 {
            precondition(k < available.count, "the reference ran past the trace")
            let hasSpot = available[k]
            if cluster == .spot, !hasSpot { cluster = .idle }  // preempted at this tick
            let state = DeadlineState(
                now: Double(k) * tick, deadline: deadline, work: work, remainingWork: work - done,
                restartOverhead: overhead, pendingOverhead: cluster == .idle ? 0 : pending, tick: tick,
                cluster: cluster, spotAvailable: hasSpot
            )
            let request = decide(state)
            precondition(request != .spot || hasSpot, "a policy asked for spot while none was available")
            if request != cluster, request != .idle {
                pending = overhead
                launches += 1
            }
            cluster = request
            if cluster != .idle {
                cost += (cluster == .spot ? spotPricePerHour : onDemandPricePerHour) * tick / 3600
                let paid = Swift.min(pending, tick)
                pending -= paid
                if pending < DeadlineRules.overheadEpsilon { pending = 0 }
                let progress = Swift.min(tick - paid, work - done)
                done += progress
                if done >= work - 1e-9 {
                    return Outcome(cost: cost, completion: Double(k) * tick + paid + progress, launches: launches)
                }
            }
            k += 1
        }
        return Outcome(cost: cost, completion: 0, launches: launches)
    }
}
