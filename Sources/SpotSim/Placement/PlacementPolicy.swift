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

/// What a policy may look at when it decides: the job's history and what a scheduler probing
/// the clouds can see now.
public struct PlacementContext {
    /// Where the gang runs now (`nil` before the first launch).
    public var current: Placement?
    /// Preemptions the job has suffered so far, including the one being handled.
    public var preemptions: Int
    /// Preemptions since the gang last moved to `current`.
    public var preemptionsHere: Int
    /// Seconds since the replication started.
    public var now: Double
    /// Seconds since the gang last moved to `current`.
    public var sinceMove: Double
    /// Launch attempts that failed in a row since the gang last ran complete (0 when none).
    public var failedLaunches: Int
    /// The placement most recently preempted, if any.
    public var lastPreempted: Placement?
    /// Whether each pool's spot capacity is up now, by pool index.
    public var spotCapacityUp: [Bool]
    /// Seconds of compute the job still has to commit.
    public var remainingWorkSeconds: Double

    public init(
        current: Placement?, preemptions: Int = 0, preemptionsHere: Int = 0, now: Double = 0,
        sinceMove: Double = 0, failedLaunches: Int = 0, lastPreempted: Placement? = nil,
        spotCapacityUp: [Bool] = [], remainingWorkSeconds: Double = 0
    ) {
        self.current = current
        self.preemptions = preemptions
        self.preemptionsHere = preemptionsHere
        self.now = now
        self.sinceMove = sinceMove
        self.failedLaunches = failedLaunches
        self.lastPreempted = lastPreempted
        self.spotCapacityUp = spotCapacityUp
        self.remainingWorkSeconds = remainingWorkSeconds
    }
}

/// Where to launch next, and how long to wait before launching.
public struct PlacementDecision: Sendable, Hashable {
    public var placement: Placement
    /// Seconds to wait before the launch attempt.
    public var delay: Double

    public init(_ placement: Placement, after delay: Double = 0) {
        self.placement = placement
        self.delay = delay
    }
}

/// A placement policy decides where a job's gang runs: at the start, after each preemption,
/// after each failed launch, and (if it wants to move voluntarily) after each checkpoint.
///
/// Returning the current placement after a preemption or a failed launch relaunches only the
/// missing node there; returning another placement moves the whole gang (the survivors are
/// released).
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
    /// Where, and after how long, to try again after a launch attempt failed (no spot capacity).
    func retryAfterLaunchFailure(_ context: PlacementContext) -> PlacementDecision
    /// Whether the policy may move the gang voluntarily after a checkpoint; when `false` the
    /// engine does not ask `placementAfterCheckpoint`, saving work on every commit.
    var movesAfterCheckpoints: Bool { get }
    /// Where to move after a checkpoint committed, or `nil` to stay.
    func placementAfterCheckpoint(_ context: PlacementContext) -> Placement?
}

extension PlacementPolicy {
    /// Seconds between launch attempts: SkyPilot's `RETRY_INIT_GAP_SECONDS`.
    public static var retryGap: Double { 60 }

    /// By default, retry in place after `retryGap`.
    public func retryAfterLaunchFailure(_ context: PlacementContext) -> PlacementDecision {
        PlacementDecision(context.current ?? primary, after: Self.retryGap)
    }

    /// By default, never move voluntarily.
    public var movesAfterCheckpoints: Bool { false }

    /// By default, never move voluntarily.
    public func placementAfterCheckpoint(_ context: PlacementContext) -> Placement? { nil }
}

extension PolicySpec {
    /// The runnable policy for `job` over `pools`, or a reason it cannot run there.
    ///
    /// Without a named pool, the policy uses the cheapest pool with the job's GPU: by spot price
    /// for `spot` and `spot-fallback`, by on-demand price for `on-demand`; ties go to the pool
    /// listed first. `spot-fallback` falls back to the cheapest on-demand pool with the GPU
    /// (the named pool, when one is named).
    public func makePolicy(
        for job: Job, pools: [Pool], storage: StoragePlan = .noStorage
    ) throws(PolicyResolutionError) -> any PlacementPolicy {
        let candidates = pools.indices.filter { index in
            pools[index].gpu == job.gpu && (pool == nil || pools[index].name == pool)
        }
        let onDemandOrder = PoolOrder(candidates, pools: pools) { $0.onDemandPrice }
        let spotOrder = PoolOrder(candidates, pools: pools) { $0.spot?.price }
        switch kind {
        case .onDemand:
            guard let onDemand = onDemandOrder.cheapest else {
                throw PolicyResolutionError(policy: description, job: job.name, reason: "no pool offers \(job.gpu)")
            }
            return OnDemandPolicy(pool: onDemand)
        case .spot, .spotFallback, .failover, .eagerNextRegion, .cheapestAvailable, .greedy, .uniformProgress, .omniscient:
            guard let spot = spotOrder.cheapest else {
                throw PolicyResolutionError(policy: description, job: job.name, reason: "no pool sells \(job.gpu) on the spot market")
            }
            switch kind {
            case .spotFallback:
                return SpotFallbackPolicy(spotPool: spot, onDemandPool: onDemandOrder.cheapest ?? spot, after: fallbackAfter, returnAfter: returnAfter)
            case .failover:
                return FailoverPolicy(order: spotOrder)
            case .eagerNextRegion:
                return EagerNextRegionPolicy(order: spotOrder)
            case .cheapestAvailable:
                return CheapestAvailablePolicy(job: job, pools: pools, candidates: candidates, storage: storage)
            case .greedy:
                return GreedyPolicy(spotPool: spot, onDemandPool: onDemandOrder.cheapest ?? spot)
            case .uniformProgress:
                return UniformProgressPolicy(spotPool: spot, onDemandPool: onDemandOrder.cheapest ?? spot)
            case .omniscient:
                return OmniscientPolicy(spotPool: spot, onDemandPool: onDemandOrder.cheapest ?? spot)
            default:
                return SpotPolicy(pool: spot)
            }
        }
    }
}

extension PolicySpec {
    /// The on-demand pool the deadline safety net moves `job` to: the policy's named pool, else
    /// the cheapest on-demand pool with the job's GPU (ties to the pool listed first).
    public func safetyNetPool(for job: Job, pools: [Pool]) -> Int? {
        let candidates = pools.indices.filter { pools[$0].gpu == job.gpu && (pool == nil || pools[$0].name == pool) }
        return PoolOrder(candidates, pools: pools) { $0.onDemandPrice }.cheapest
    }
}

/// Pools that can run a job, cheapest first (ties in file order), with where each one is.
public struct PoolOrder: Sendable, Hashable {
    /// Pool indices, cheapest first.
    public var pools: [Int]
    /// `region[i]` is "provider/region" of `pools[i]`.
    public var regions: [String]

    /// The pools among `candidates` that have a `price`, cheapest first.
    public init(_ candidates: [Int], pools all: [Pool], price: (Pool) -> Double?) {
        let priced = candidates.compactMap { index in price(all[index]).map { (index, $0) } }
        let sorted = priced.enumerated().sorted { a, b in
            a.element.1 != b.element.1 ? a.element.1 < b.element.1 : a.offset < b.offset
        }
        pools = sorted.map(\.element.0)
        regions = pools.map { "\(all[$0].provider.rawValue)/\(all[$0].region)" }
    }

    public var cheapest: Int? { pools.first }

    /// "provider/region" of pool `index` (which must be in the order).
    public func region(of index: Int) -> String? {
        pools.firstIndex(of: index).map { regions[$0] }
    }
}

/// A policy that cannot run a job with the scenario's pools.
public struct PolicyResolutionError: Error, Sendable, CustomStringConvertible {
    public var policy: String
    public var job: String
    public var reason: String
    public var description: String { "policy \(policy) cannot run job \(job): \(reason)" }
}
