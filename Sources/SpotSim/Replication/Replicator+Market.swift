import Stochastics

/// One replication's market: every pool's facts, random streams, availability path and price
/// path, reset per replication without allocating once warmed up.
struct MarketState {
    /// Per-pool facts the hot loop reads, unpacked from `Pool` so that no pool is copied per event.
    struct PoolFacts {
        var gpus: Double
        var billing: BillingRule
        var onDemandPrice: Double
        /// The constant spot price, or `nil` when the price follows a path.
        var constantSpotPrice: Double?
        var priceProcess: PriceProcess
        var lifetime: Distribution?
        var maxLifetime: Double
        var notice: Double
        var provisioning: Distribution
        var availability: Availability
        var launchFailure: Double
    }

    let pools: [PoolFacts]
    let lifetimeStreams: [RandomStream]
    let provisioningStreams: [RandomStream]
    let availabilityStreams: [RandomStream]
    let priceStreams: [RandomStream]
    let reclaimStreams: [RandomStream]
    let launchStreams: [RandomStream]
    var availabilityPaths: [AvailabilityPath]
    var pricePaths: [PricePath]
    /// Whether each pool's spot capacity is up now.
    var capacityUp: [Bool]
    /// The spot nodes each pool can run now (`Int.max` when capacity is up without a count).
    var capacity: [Int]
    /// The job's spot nodes running in each pool.
    var spotNodes: [Int]
    /// Draws the start of random trace windows, one uniform per replication for all pools (so
    /// traces recorded together stay aligned).
    let windowStream = RandomStream(seed: 0)
    /// Each pool's trace replay, when its availability is one.
    let replays: [TraceReplay?]
    /// Whether some replay starts at random windows (one draw per replication).
    let drawsWindows: Bool

    init(pools: [Pool]) {
        self.pools = pools.map { pool in
            var constantPrice: Double? = pool.onDemandPrice
            if let process = pool.spot?.priceProcess {
                if case .constant(let price) = process { constantPrice = price } else { constantPrice = nil }
            }
            return PoolFacts(
                gpus: Double(pool.gpusPerNode), billing: pool.billing, onDemandPrice: pool.onDemandPrice,
                constantSpotPrice: constantPrice, priceProcess: pool.spot?.priceProcess ?? .constant(pool.onDemandPrice),
                lifetime: pool.spot?.lifetime ?? nil, maxLifetime: pool.spot?.maxLifetime ?? .infinity,
                notice: pool.spot?.notice ?? 0, provisioning: pool.provisioning,
                availability: pool.spot?.availability ?? .always,
                launchFailure: pool.spot?.launchFailureProbability ?? 0
            )
        }
        func streams() -> [RandomStream] { pools.indices.map { _ in RandomStream(seed: 0) } }
        lifetimeStreams = streams()
        provisioningStreams = streams()
        availabilityStreams = streams()
        priceStreams = streams()
        reclaimStreams = streams()
        launchStreams = streams()
        availabilityPaths = pools.indices.map { _ in AvailabilityPath() }
        pricePaths = pools.indices.map { _ in PricePath() }
        capacityUp = Array(repeating: true, count: pools.count)
        capacity = Array(repeating: Int.max, count: pools.count)
        spotNodes = Array(repeating: 0, count: pools.count)
        replays = self.pools.map { facts in
            if case .trace(let replay) = facts.availability { return replay }
            return nil
        }
        drawsWindows = replays.contains { replay in
            if case .random? = replay?.windows { return true }
            return false
        }
    }

    /// Reseeds every stream for replication `replication` and starts new paths.
    mutating func reset(seed: UInt64, replication: Int) {
        let r = UInt64(replication)
        var windowDraw = 0.0
        if drawsWindows {
            windowStream.reseed(seed: seed, replication: r, component: StreamComponent.traceWindow)
            windowDraw = windowStream.uniform()
        }
        for pool in pools.indices {
            let base = UInt64(StreamComponent.count * pool)
            lifetimeStreams[pool].reseed(seed: seed, replication: r, component: base + StreamComponent.lifetime)
            provisioningStreams[pool].reseed(seed: seed, replication: r, component: base + StreamComponent.provisioning)
            availabilityStreams[pool].reseed(seed: seed, replication: r, component: base + StreamComponent.availability)
            priceStreams[pool].reseed(seed: seed, replication: r, component: base + StreamComponent.price)
            reclaimStreams[pool].reseed(seed: seed, replication: r, component: base + StreamComponent.reclaim)
            launchStreams[pool].reseed(seed: seed, replication: r, component: base + StreamComponent.launchFailure)
            var startTick = 0
            if let replay = replays[pool] {
                startTick = replay.start(replication: replication, draw: windowDraw)
                availabilityPaths[pool].reset(replay: replay, startTick: startTick)
            } else {
                availabilityPaths[pool].reset(availability: pools[pool].availability, stream: availabilityStreams[pool])
            }
            if case .traced(let prices, let tick) = pools[pool].priceProcess {
                pricePaths[pool].reset(prices: prices, tick: tick, start: startTick, wrap: replays[pool]?.pastEnd == .wrap)
            } else if pools[pool].constantSpotPrice == nil {
                pricePaths[pool].reset(process: pools[pool].priceProcess, stream: priceStreams[pool])
            }
            capacity[pool] = availabilityPaths[pool].capacity(at: 0)
            capacityUp[pool] = capacity[pool] > 0
            spotNodes[pool] = 0
        }
    }

    /// When pool `pool`'s capacity first changes, or `nil` when it is always up.
    mutating func firstChange(_ pool: Int) -> Double? {
        if case .always = pools[pool].availability { return nil }
        let change = availabilityPaths[pool].nextChange(after: 0)
        return change.isFinite ? change : nil
    }

    /// Updates pool `pool`'s capacity at `now`; returns the time of its next change.
    mutating func capacityChanged(_ pool: Int, at now: Double) -> Double {
        capacity[pool] = availabilityPaths[pool].capacity(at: now)
        capacityUp[pool] = capacity[pool] > 0
        return availabilityPaths[pool].nextChange(after: now)
    }

    /// Whether pool `pool`'s replayed trace has run out at `now` (without wrap-around).
    func traceEnded(_ pool: Int, at now: Double) -> Bool {
        replays[pool] != nil && now >= availabilityPaths[pool].traceEnd
    }

    /// Whether a spot launch in `pool` completing now succeeds: capacity is up and the
    /// launch-failure coin (always flipped, to keep the stream aligned) does not fail it.
    mutating func spotLaunchSucceeds(_ pool: Int) -> Bool {
        let failed = Availability.flip(probability: pools[pool].launchFailure, using: launchStreams[pool])
        return capacityUp[pool] && spotNodes[pool] < capacity[pool] && !failed
    }

    /// Whether a running spot node of `pool` is reclaimed now that its capacity dropped.
    func reclaimCoin(_ pool: Int) -> Bool {
        Availability.flip(probability: pools[pool].availability.reclaimProbability, using: reclaimStreams[pool])
    }

    /// A spot node's lifetime in `pool`, capped by the pool's maximum lifetime.
    func lifetime(_ pool: Int) -> Double? {
        guard let distribution = pools[pool].lifetime else { return nil }
        return Swift.min(Swift.max(0, distribution.sample(using: lifetimeStreams[pool])), pools[pool].maxLifetime)
    }

    /// A provisioning delay in `pool`.
    func provisioningDelay(_ pool: Int) -> Double {
        Swift.max(0, pools[pool].provisioning.sample(using: provisioningStreams[pool]))
    }

    /// USD for `billed` seconds of a node of `placement` that started at `start`: the spot
    /// price path integrated over the billed time, or the constant price times it.
    mutating func cost(_ placement: Placement, start: Double, billed: Double) -> Double {
        if placement.market == .onDemand { return billed / 3600 * pools[placement.pool].onDemandPrice }
        if let price = pools[placement.pool].constantSpotPrice { return billed / 3600 * price }
        return pricePaths[placement.pool].cost(from: start, to: start + billed)
    }
}
