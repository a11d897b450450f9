import Stochastics

/// One replication's market: every pool's facts, random streams, availability path and price
/// path, reset per replication without allocating once warmed up.
struct MarketState {
    /// Per-pool facts that hold references (distributions, paths, traces), unpacked from
    /// `Pool`; the scalars are in ``PoolScalars``.
    struct PoolFacts {
        var priceProcess: PriceProcess
        var lifetime: Distribution?
        var maxLifetime: Double
        var provisioning: Distribution
        var availability: Availability
        var launchFailure: Double
    }

    /// A pool's scalars, trivially copyable: what the hot loop reads per event.
    struct PoolScalars {
        var gpus: Double
        var billing: BillingRule
        var onDemandPrice: Double
        /// The constant spot price, or `nil` when the price follows a path.
        var constantSpotPrice: Double?
        var notice: Double
        /// The provisioning delay when it is constant (no draw), else `nil`.
        var constantProvisioningDelay: Double?

        init(_ pool: Pool) {
            gpus = Double(pool.gpusPerNode)
            billing = pool.billing
            onDemandPrice = pool.onDemandPrice
            constantSpotPrice = pool.onDemandPrice
            if let process = pool.spot?.priceProcess {
                if case .constant(let price) = process { constantSpotPrice = price } else { constantSpotPrice = nil }
            }
            notice = pool.spot?.notice ?? 0
            if case .constant(let value) = pool.provisioning {
                constantProvisioningDelay = Swift.max(0, value)
            } else {
                constantProvisioningDelay = nil
            }
        }
    }

    /// One pool's random streams and the distributions and coins the hot loop draws from them.
    ///
    /// An object, so that a draw reads its stream and distribution in place: reading a
    /// `RandomStream` out of an array retains it for the call, and copying a `Distribution`
    /// (whose `empirical` case holds an array) goes through its outlined copy and destroy.
    /// Reached through `unretainedDraws`, a draw retains nothing at all.
    final class PoolDraws {
        let lifetime: Distribution?
        let maxLifetime: Double
        let provisioning: Distribution
        let launchFailure: Double
        let reclaimProbability: Double
        let lifetimeStream = RandomStream(seed: 0)
        let provisioningStream = RandomStream(seed: 0)
        let availabilityStream = RandomStream(seed: 0)
        let priceStream = RandomStream(seed: 0)
        let reclaimStream = RandomStream(seed: 0)
        let launchStream = RandomStream(seed: 0)

        init(_ facts: PoolFacts) {
            lifetime = facts.lifetime
            maxLifetime = facts.maxLifetime
            provisioning = facts.provisioning
            launchFailure = facts.launchFailure
            reclaimProbability = facts.availability.reclaimProbability
        }

        /// What the lifetime, provisioning, reclaim and launch streams gave in the replication
        /// last seeded (`tapeKey`), for the next cell of it.
        let lifetimeTape = DrawTape()
        let provisioningTape = DrawTape()
        let reclaimTape = DrawTape()
        let launchTape = DrawTape()
        /// The (seed, replication) the tapes hold, or `nil` before the first. (Unchecked
        /// exclusivity, like `DrawTape`'s properties: one thread, no overlapping access.)
        @exclusivity(unchecked) var tapeKey: (seed: UInt64, replication: UInt64)?

        /// Reseeds the pool's streams for replication `replication` (pool `pool`'s components).
        ///
        /// The price stream is reseeded every time (its path restarts from it). The others,
        /// when the pool last ran this same replication (another cell of it), are left where
        /// they are: the four coins' and delays' tapes are rewound, so that the replication's
        /// values are read back instead of drawn again (see `DrawTape`), and the availability
        /// stream stays where the path it drew left it, for the path to be rewound too
        /// (`AvailabilityPath.rewind()`).
        ///
        /// - Returns: whether the pool last ran this replication (a replay).
        @discardableResult
        func reseed(seed: UInt64, replication: UInt64, pool: Int) -> Bool {
            let base = UInt64(StreamComponent.count * pool)
            priceStream.reseed(seed: seed, replication: replication, component: base + StreamComponent.price)
            let replay = tapeKey.map { $0.seed == seed && $0.replication == replication } ?? false
            tapeKey = (seed, replication)
            if !replay {
                availabilityStream.reseed(seed: seed, replication: replication, component: base + StreamComponent.availability)
            }
            func restart(_ tape: DrawTape, _ stream: RandomStream, _ component: UInt64) {
                if replay, !tape.overflowed {
                    tape.rewind()
                } else {
                    stream.reseed(seed: seed, replication: replication, component: base + component)
                    tape.clear()
                }
            }
            restart(lifetimeTape, lifetimeStream, StreamComponent.lifetime)
            restart(provisioningTape, provisioningStream, StreamComponent.provisioning)
            restart(reclaimTape, reclaimStream, StreamComponent.reclaim)
            restart(launchTape, launchStream, StreamComponent.launchFailure)
            return replay
        }

        /// A spot node's lifetime, capped by the pool's maximum lifetime; `nil` without a
        /// lifetime model.
        func drawLifetime() -> Double? {
            guard let lifetime else { return nil }
            return lifetimeTape.next { (buffer: UnsafeMutableBufferPointer<Double>) in
                lifetime.fill(buffer, using: lifetimeStream)
                for index in buffer.indices { buffer[index] = Swift.min(Swift.max(0, buffer[index]), maxLifetime) }
            }
        }

        /// A provisioning delay.
        @inline(__always)
        func drawProvisioningDelay() -> Double {
            provisioningTape.next { (buffer: UnsafeMutableBufferPointer<Double>) in
                provisioning.fill(buffer, using: provisioningStream)
                for index in buffer.indices { buffer[index] = Swift.max(0, buffer[index]) }
            }
        }

        /// The launch-failure coin: `Availability.flip`'s uniform, read back from the tape in a
        /// replay. Flipped at every launch while its outcome is uncertain, so that the *k*-th
        /// launch reads the *k*-th value; with probability 0 or 1 it draws nothing, as the
        /// stream serves this coin alone and no value of it could change the outcome.
        @inline(__always)
        func launchFails() -> Bool {
            guard launchFailure > 0, launchFailure < 1 else { return launchFailure >= 1 }
            return launchTape.next { launchStream.uniform() } < launchFailure
        }

        /// The reclaim coin of a running spot node when capacity drops; like ``launchFails()``,
        /// it draws nothing when it is certain (`reclaim: all`, or 0).
        func reclaimCoin() -> Bool {
            guard reclaimProbability > 0, reclaimProbability < 1 else { return reclaimProbability >= 1 }
            return reclaimTape.next { reclaimStream.uniform() } < reclaimProbability
        }
    }

    let pools: [PoolFacts]
    /// Each pool's scalars, as plain values in place: reading one is a load, never a copy of a
    /// `PoolFacts` (whose distributions and paths hold references, so that a copy retains them
    /// and moves a few hundred bytes).
    let scalars: InPlaceTable<PoolScalars>
    let draws: [PoolDraws]
    /// `draws` again, unretained: a draw reads its pool's object through these so that it is
    /// not retained and released around every call (`draws`, above, keeps the objects alive
    /// as long as the market).
    let unretainedDraws: [Unmanaged<PoolDraws>]
    var availabilityPaths: [AvailabilityPath]
    var pricePaths: [PricePath]
    /// Whether each pool's spot capacity is up now.
    var capacityUp: [Bool]
    /// The spot nodes each pool can run now (`Int.max` when capacity is up without a count).
    let capacity: InPlaceTable<Int>
    /// The job's spot nodes running in each pool.
    let spotNodes: InPlaceTable<Int>
    /// When each pool's capacity changes next (`infinity`: never).
    let nextChange: InPlaceTable<Double>
    /// Draws the start of random trace windows, one uniform per replication for all pools (so
    /// traces recorded together stay aligned).
    let windowStream = RandomStream(seed: 0)
    /// Each pool's trace replay, when its availability is one.
    let replays: [TraceReplay?]
    /// Whether each pool replays a trace (`replays[pool] != nil`, without copying the replay).
    let isReplay: [Bool]
    /// Whether some replay starts at random windows (one draw per replication).
    let drawsWindows: Bool

    init(pools: [Pool]) {
        self.pools = pools.map { pool in
            PoolFacts(
                priceProcess: pool.spot?.priceProcess ?? .constant(pool.onDemandPrice),
                lifetime: pool.spot?.lifetime ?? nil, maxLifetime: pool.spot?.maxLifetime ?? .infinity,
                provisioning: pool.provisioning, availability: pool.spot?.availability ?? .always,
                launchFailure: pool.spot?.launchFailureProbability ?? 0
            )
        }
        draws = self.pools.map { PoolDraws($0) }
        unretainedDraws = draws.map { Unmanaged.passUnretained($0) }
        scalars = InPlaceTable(pools.map(PoolScalars.init))
        availabilityPaths = pools.indices.map { _ in AvailabilityPath() }
        pricePaths = pools.indices.map { _ in PricePath() }
        capacityUp = Array(repeating: true, count: pools.count)
        capacity = InPlaceTable(repeating: Int.max, count: pools.count)
        spotNodes = InPlaceTable(repeating: 0, count: pools.count)
        nextChange = InPlaceTable(repeating: .infinity, count: pools.count)
        replays = self.pools.map { facts in
            if case .trace(let replay) = facts.availability { return replay }
            return nil
        }
        isReplay = replays.map { $0 != nil }
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
            let again = draws[pool].reseed(seed: seed, replication: r, pool: pool)
            var startTick = 0
            if let replay = replays[pool] {
                startTick = replay.start(replication: replication, draw: windowDraw)
                availabilityPaths[pool].reset(replay: replay, startTick: startTick)
            } else if again {
                // Another cell of the same replication: the same path, as far as it was drawn,
                // and drawn on from where its stream stopped.
                availabilityPaths[pool].rewind()
            } else {
                availabilityPaths[pool].reset(availability: pools[pool].availability, stream: draws[pool].availabilityStream)
            }
            if case .traced(let prices, let tick) = pools[pool].priceProcess {
                pricePaths[pool].reset(prices: prices, tick: tick, start: startTick, wrap: replays[pool]?.pastEnd == .wrap)
            } else if scalars[pool].constantSpotPrice == nil {
                pricePaths[pool].reset(process: pools[pool].priceProcess, stream: draws[pool].priceStream)
            }
            capacity[pool] = availabilityPaths[pool].capacity(at: 0)
            capacityUp[pool] = capacity[pool] > 0
            spotNodes[pool] = 0
            nextChange[pool] = .infinity
        }
    }

    /// When pool `pool`'s capacity first changes, or `nil` when it is always up.
    mutating func firstChange(_ pool: Int) -> Double? {
        if case .always = pools[pool].availability { return nil }
        let change = availabilityPaths[pool].nextChange(after: 0)
        nextChange[pool] = change
        return change.isFinite ? change : nil
    }

    /// Updates pool `pool`'s capacity at `now`; returns the time of its next change.
    mutating func capacityChanged(_ pool: Int, at now: Double) -> Double {
        capacity[pool] = availabilityPaths[pool].capacity(at: now)
        capacityUp[pool] = capacity[pool] > 0
        nextChange[pool] = availabilityPaths[pool].nextChange(after: now)
        return nextChange[pool]
    }

    /// Whether pool `pool`'s replayed trace has run out at `now` (without wrap-around).
    func traceEnded(_ pool: Int, at now: Double) -> Bool {
        isReplay[pool] && now >= availabilityPaths[pool].traceEnd
    }

    /// Whether a spot launch in `pool` completing now succeeds: capacity is up and the
    /// launch-failure coin (flipped whether or not capacity is up, to keep the stream aligned)
    /// does not fail it.
    @inline(__always)
    mutating func spotLaunchSucceeds(_ pool: Int) -> Bool {
        let failed = unretainedDraws[pool]._withUnsafeGuaranteedRef { $0.launchFails() }
        return capacityUp[pool] && spotNodes[pool] < capacity[pool] && !failed
    }

    /// Whether a running spot node of `pool` is reclaimed now that its capacity dropped.
    @inline(__always)
    func reclaimCoin(_ pool: Int) -> Bool {
        unretainedDraws[pool]._withUnsafeGuaranteedRef { $0.reclaimCoin() }
    }

    /// A spot node's lifetime in `pool`, capped by the pool's maximum lifetime.
    @inline(__always)
    func lifetime(_ pool: Int) -> Double? {
        unretainedDraws[pool]._withUnsafeGuaranteedRef { $0.drawLifetime() }
    }

    /// A provisioning delay in `pool` (a constant one draws nothing).
    @inline(__always)
    func provisioningDelay(_ pool: Int) -> Double {
        if let delay = scalars[pool].constantProvisioningDelay { return delay }
        return unretainedDraws[pool]._withUnsafeGuaranteedRef { $0.drawProvisioningDelay() }
    }

    /// USD for `billed` seconds of a node of `placement` that started at `start`: the spot
    /// price path integrated over the billed time, or the constant price times it.
    mutating func cost(_ placement: Placement, start: Double, billed: Double) -> Double {
        if placement.market == .onDemand { return billed / 3600 * scalars[placement.pool].onDemandPrice }
        if let price = scalars[placement.pool].constantSpotPrice { return billed / 3600 * price }
        return pricePaths[placement.pool].cost(from: start, to: start + billed)
    }
}
