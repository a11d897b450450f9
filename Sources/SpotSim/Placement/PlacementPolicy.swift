/// Where a gang's nodes run: a pool and a market (spot or on-demand).
public struct Placement: Sendable, Hashable {
    /// Index into the scenario's pools.
    public var pool: Int
    public var market: Market

    public init(pool: Int, market: Market) {
        self.pool = pool
        self.market = market
    }
}

/// What a policy may look at when it decides.
public struct PlacementContext {
    /// Where the gang runs now (`nil` before the first launch).
    public var current: Placement?
    /// Preemptions the job has suffered so far, including the one being handled.
    public var preemptions: Int
    /// Seconds since the replication started.
    public var now: Double
}

/// A placement policy decides where a job's gang runs, at the start and after each preemption.
///
/// Returning the current placement after a preemption relaunches only the missing node there;
/// returning another placement moves the whole gang (the survivors are released).
///
/// Policies are values built once per experiment cell and shared by every replication, so they
/// keep no per-replication state: whatever they need to remember is in `PlacementContext`.
public protocol PlacementPolicy: Sendable {
    /// The name users know, as in scenario files and reports.
    var name: String { get }
    /// The placement whose spot lifetimes set the checkpoint interval rules (`young`, `daly`).
    var primary: Placement { get }
    /// Where the gang starts.
    func initialPlacement(_ context: PlacementContext) -> Placement
    /// Where replacement nodes go after a preemption.
    func placementAfterPreemption(_ context: PlacementContext) -> Placement
}

extension PolicySpec {
    /// The runnable policy for `job` over `pools`, or a reason it cannot run there.
    ///
    /// Without a named pool, the policy uses the cheapest pool with the job's GPU: by spot price
    /// for `spot` and `spot-fallback`, by on-demand price for `on-demand`; ties go to the pool
    /// listed first. `spot-fallback` falls back to the cheapest on-demand pool with the GPU
    /// (the named pool, when one is named).
    public func makePolicy(for job: Job, pools: [Pool]) throws(PolicyResolutionError) -> any PlacementPolicy {
        let candidates = pools.indices.filter { index in
            pools[index].gpu == job.gpu && (pool == nil || pools[index].name == pool)
        }
        func cheapest(_ indices: [Int], by price: (Pool) -> Double?) -> Int? {
            var best: Int?
            for index in indices {
                guard let value = price(pools[index]) else { continue }
                if let current = best, let currentPrice = price(pools[current]), currentPrice <= value { continue }
                best = index
            }
            return best
        }
        let onDemand = cheapest(candidates) { $0.onDemandPrice }
        switch kind {
        case .onDemand:
            guard let onDemand else { throw PolicyResolutionError(policy: description, job: job.name, reason: "no pool offers \(job.gpu)") }
            return OnDemandPolicy(pool: onDemand)
        case .spot, .spotFallback:
            guard let spot = cheapest(candidates, by: { $0.spot?.price }) else {
                throw PolicyResolutionError(policy: description, job: job.name, reason: "no pool sells \(job.gpu) on the spot market")
            }
            if kind == .spot { return SpotPolicy(pool: spot) }
            return SpotFallbackPolicy(spotPool: spot, onDemandPool: onDemand ?? spot, after: fallbackAfter)
        }
    }
}

/// A policy that cannot run a job with the scenario's pools.
public struct PolicyResolutionError: Error, Sendable, CustomStringConvertible {
    public var policy: String
    public var job: String
    public var reason: String
    public var description: String { "policy \(policy) cannot run job \(job): \(reason)" }
}
