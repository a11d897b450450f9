/// `cheapest-available`: the multi-cloud "GPU availability scheduler" — run where finishing the
/// remaining work is cheapest among the places with capacity now, counting the cost and time of
/// moving the checkpoint there.
///
/// Each placement (every spot pool with the job's GPU whose capacity is up, and every
/// on-demand pool with it, whose capacity always is) is scored in USD as
///
///     price × nodes × (remaining compute + restart + restore + transfer) ÷ 3600 + egress,
///
/// where transfer and egress are those of bringing the checkpoint from its bucket to that pool
/// (`StoragePlan`), and restart and restore are paid only when the gang moves. The gang starts
/// at, and after a preemption or a failed launch relaunches at, the cheapest; after each
/// checkpoint it moves only when another placement beats staying — so it does not move when
/// egress and the restart outweigh the price gap. With no capacity anywhere it retries the
/// cheapest spot pool after `retryGap`.
///
/// Source: the multi-cloud Kubernetes playbook's availability scheduler ("route to the cheapest
/// cloud that has capacity now, counting the cost and time of moving the checkpoint there").
public struct CheapestAvailablePolicy: PlacementPolicy {
    /// One place the gang can run, with what moving there costs.
    struct Option: Sendable, Hashable {
        var placement: Placement
        /// USD per second for the whole gang.
        var usdPerSecond: Double
        /// Seconds and USD to bring the checkpoint from the bucket.
        var transferSeconds: Double
        var egressUSD: Double
    }

    let options: [Option]
    /// Restart plus restore seconds, paid on a move.
    let moveSeconds: Double
    public var name: String { "cheapest-available" }
    public var primary: Placement
    public var movesAfterCheckpoints: Bool { true }

    public init(job: Job, pools: [Pool], candidates: [Int], storage: StoragePlan) {
        let bytes = job.checkpoint.sizeBytes ?? 0
        var options: [Option] = []
        for index in candidates {
            let pool = pools[index]
            let transfer = storage.transferSeconds(bytes: bytes, toPool: pool)
            let egress = storage.egressUSD(bytes: bytes, toPool: pool)
            if let spot = pool.spot {
                options.append(Option(placement: Placement(pool: index, market: .spot),
                                      usdPerSecond: spot.price * Double(job.nodes) / 3600,
                                      transferSeconds: transfer, egressUSD: egress))
            }
            options.append(Option(placement: Placement(pool: index, market: .onDemand),
                                  usdPerSecond: pool.onDemandPrice * Double(job.nodes) / 3600,
                                  transferSeconds: transfer, egressUSD: egress))
        }
        precondition(options.contains { $0.placement.market == .spot }, "cheapest-available needs a spot pool")
        self.options = options
        moveSeconds = job.restart + job.checkpoint.restoreSeconds
        let work = job.workSeconds(onGPU: job.gpu) ?? 0
        primary = options.filter { $0.placement.market == .spot }
            .min { Self.score($0, work: work, moving: 0) < Self.score($1, work: work, moving: 0) }!.placement
    }

    /// USD to finish `work` seconds of compute at `option`, `moving` seconds of restart first.
    static func score(_ option: Option, work: Double, moving: Double) -> Double {
        option.usdPerSecond * (work + moving + option.transferSeconds) + option.egressUSD
    }

    func isAvailable(_ option: Option, _ context: PlacementContext) -> Bool {
        option.placement.market == .onDemand
            || !context.spotCapacityUp.indices.contains(option.placement.pool)
            || context.spotCapacityUp[option.placement.pool]
    }

    /// The cheapest available option (first in pool order on ties).
    func cheapest(_ context: PlacementContext, moving: Double) -> Option {
        var best: Option?
        var bestScore = Double.infinity
        for option in options where isAvailable(option, context) {
            let score = Self.score(option, work: context.remainingWorkSeconds, moving: moving)
            if score < bestScore {
                best = option
                bestScore = score
            }
        }
        return best!
    }

    public func initialPlacement(_ context: PlacementContext) -> Placement {
        cheapest(context, moving: 0).placement
    }

    public func placementAfterPreemption(_ context: PlacementContext) -> Placement {
        cheapest(context, moving: moveSeconds).placement
    }

    public func retryAfterLaunchFailure(_ context: PlacementContext) -> PlacementDecision {
        let next = cheapest(context, moving: moveSeconds).placement
        return PlacementDecision(next, after: next == context.current ? Self.retryGap : 0)
    }

    public func placementAfterCheckpoint(_ context: PlacementContext) -> Placement? {
        guard let current = context.current,
              let here = options.first(where: { $0.placement == current })
        else { return nil }
        let best = cheapest(context, moving: moveSeconds)
        let stay = here.usdPerSecond * context.remainingWorkSeconds
        return Self.score(best, work: context.remainingWorkSeconds, moving: moveSeconds) < stay ? best.placement : nil
    }
}
