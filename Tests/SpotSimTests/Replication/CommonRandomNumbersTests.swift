import SpotSim
import Stochastics
import Testing

/// Common random numbers: within one replication every policy faces the same market — the same
/// availability path, the same price path — keyed by (seed, replication, pool index), whatever
/// else the scenario holds. Checked through outcomes, against markets rebuilt outside the engine
/// from the documented stream layout (`StreamComponent`).
@Suite struct CommonRandomNumbersTests {
    static let seed: UInt64 = 17
    static let hour = 3600.0

    /// Capacity up for Exp(3 h), down for Exp(1 h), stationary start, every running node
    /// reclaimed on a drop.
    static let flaky = Availability.alternating(
        up: .exponential(mean: 3 * 3600), down: .exponential(mean: 3600), start: .stationary, reclaimProbability: 1)

    static func pool(
        name: String, region: String = "us-central1", price: PriceProcess, lifetime: Distribution,
        availability: Availability = .always
    ) -> Pool {
        Pool(
            name: name, provider: .gcp, region: region, instance: "a2-highgpu-1g", gpu: "V100", gpusPerNode: 1,
            onDemandPrice: 10,
            spot: SpotMarket(priceProcess: price, lifetime: lifetime, notice: 0, availability: availability),
            provisioning: .constant(0), billing: Provider.gcp.defaultBilling)
    }

    static func plan(_ pools: [Pool], _ policy: any PlacementPolicy, work: Double, interval: Double) -> ReplicationPlan {
        ReplicationPlan(
            pools: pools, policy: policy, nodes: 1, workSeconds: work, intervalSeconds: interval, writeSeconds: 0,
            restoreSeconds: 0, restartSeconds: 0, horizon: Scenario.defaultHorizon)
    }

    /// What a single node with provisioning, write, restore and restart all 0 and a lifetime
    /// longer than the job does on a given availability path.
    struct Outcome {
        var preemptions = 0
        var completion = 0.0
        var lost = 0.0
        /// Seconds waited for capacity (failed launches retried every 60 s).
        var waited = 0.0
        /// (start, end, interrupted) of every node that ran.
        var nodes: [(start: Double, end: Double, interrupted: Bool)] = []
    }

    /// Walks the timeline by hand: a launch at `t` succeeds when capacity is up at `t` (else it
    /// is retried at `t + 60`); a running node computes segments of τ, each committing at once
    /// (write 0), until the job ends or capacity drops — a drop reclaims it (probability 1) and
    /// loses the segment in progress; a commit at the very instant of a drop still commits.
    static func walk(_ path: inout AvailabilityPath, work: Double, interval: Double) -> Outcome {
        var outcome = Outcome()
        var t = 0.0
        var committed = 0.0
        while true {
            let asked = t
            while !path.isUp(at: t) { t += 60 }
            outcome.waited += t - asked
            let start = t
            let drop = path.nextChange(after: start)
            var now = start
            var finished = false
            while true {
                let end = Swift.min(committed + interval, work)
                let next = now + (end - committed)
                if next > drop { break }
                now = next
                committed = end
                if committed >= work { finished = true; break }
            }
            if finished {
                outcome.nodes.append((start, now, false))
                outcome.completion = now
                return outcome
            }
            outcome.nodes.append((start, drop, true))
            outcome.preemptions += 1
            outcome.lost += drop - now
            t = drop
        }
    }

    /// Only capacity drops preempt (lifetimes of 1000 h): in every replication the number of
    /// preemptions is the number of capacity drops while the node runs on that replication's
    /// availability path (rebuilt from stream component 8·0 + 2), the completion time and spot
    /// cost (constant 2 USD/h, GCP per-second billing with its 60 s minimum) are the hand-walked
    /// ones, and `failover` on this single pool — which relaunches in place, retrying every
    /// 60 s, as `spot` does — produces the identical ledger, replication by replication.
    @Test func capacityDropsAreTheSameForSpotAndFailover() throws {
        let work = 10 * Self.hour, interval = Self.hour, price = 2.0
        let pool = Self.pool(name: "flaky", price: .constant(price), lifetime: .constant(1000 * Self.hour), availability: Self.flaky)
        let failover = try PolicySpec(kind: .failover).makePolicy(for: Build.job(), pools: [pool])
        var replicator = Replicator(pools: [pool])
        var totalPreemptions = 0
        var replicationsThatWaited = 0
        for replication in 0..<100 {
            let spot = try replicator.run(Self.plan([pool], SpotPolicy(pool: 0), work: work, interval: interval),
                                          seed: Self.seed, replication: replication)
            let other = try replicator.run(Self.plan([pool], failover, work: work, interval: interval),
                                           seed: Self.seed, replication: replication)
            #expect(spot == other, "replication \(replication): spot and failover ledgers differ")

            let stream = RandomStream(
                seed: Self.seed, replication: UInt64(replication),
                component: UInt64(StreamComponent.count * 0) + StreamComponent.availability)
            var path = AvailabilityPath(availability: Self.flaky, stream: stream)
            let expected = Self.walk(&path, work: work, interval: interval)
            #expect(spot.preemptions == expected.preemptions, "replication \(replication)")
            #expect(spot.completionSeconds.isApproximatelyEqual(to: expected.completion, relativeTolerance: 1e-12),
                    "replication \(replication): completion \(spot.completionSeconds), walked \(expected.completion)")
            #expect(spot.lostSeconds.isApproximatelyEqual(to: expected.lost, relativeTolerance: 1e-9),
                    "replication \(replication): lost \(spot.lostSeconds), walked \(expected.lost)")
            #expect(spot.waitSeconds.isApproximatelyEqual(to: expected.waited, relativeTolerance: 1e-9),
                    "replication \(replication): waited \(spot.waitSeconds), walked \(expected.waited)")
            let billing = pool.billing
            let cost = expected.nodes.reduce(0.0) { sum, node in
                sum + billing.billedSeconds(forRunning: node.end - node.start, interrupted: node.interrupted) / 3600 * price
            }
            #expect(spot.spotUSD.isApproximatelyEqual(to: cost, relativeTolerance: 1e-12),
                    "replication \(replication): spot \(spot.spotUSD), walked \(cost)")
            #expect(spot.violations(workSeconds: work, gangGPUs: 1).isEmpty)
            totalPreemptions += spot.preemptions
            if expected.waited > 0 { replicationsThatWaited += 1 }
        }
        // The market did something: with up ~ Exp(3 h) over ≥ 10 h, about 3 drops a replication.
        #expect(totalPreemptions > 100)
        #expect(replicationsThatWaited > 10)
    }

    /// A log-OU spot price (μ 2 USD/h, σ 0.5/√h, reversion 6 h, 5-minute grid) is keyed by pool
    /// index: the same plan run in a replicator whose pool list has an extra, unused pool
    /// appended (its own log-OU and flaky availability) costs exactly the same. With a constant
    /// 2.5 h lifetime and τ = 1 h the timeline is fixed: nodes run 0–2.5, 2.5–5, 5–7.5, 7.5–10
    /// (each committing 2 h and losing 0.5 h) and 10–12 h, so the cost is the integral of the
    /// price path of component 8·0 + 3 over [0, 12 h], node by node.
    @Test func priceIsKeyedByPoolIndex() throws {
        let ou = PriceProcess.logOrnsteinUhlenbeck(mean: 2, volatilityPerSqrtHour: 0.5, reversionTime: 6 * 3600, step: 300)
        let used = Self.pool(name: "ou", price: ou, lifetime: .constant(2.5 * Self.hour))
        let unused = Self.pool(
            name: "extra", region: "europe-west4",
            price: .logOrnsteinUhlenbeck(mean: 5, volatilityPerSqrtHour: 1, reversionTime: 3600, step: 60),
            lifetime: .exponential(mean: 3600), availability: Self.flaky)
        var one = Replicator(pools: [used])
        var two = Replicator(pools: [used, unused])
        let nodes: [(start: Double, end: Double)] = [(0, 9000), (9000, 18000), (18000, 27000), (27000, 36000), (36000, 43200)]
        var costs: Set<Double> = []
        for replication in 0..<50 {
            let a = try one.run(Self.plan([used], SpotPolicy(pool: 0), work: 10 * Self.hour, interval: Self.hour),
                                seed: Self.seed, replication: replication)
            let b = try two.run(Self.plan([used, unused], SpotPolicy(pool: 0), work: 10 * Self.hour, interval: Self.hour),
                                seed: Self.seed, replication: replication)
            #expect(a.spotUSD == b.spotUSD, "replication \(replication): \(a.spotUSD) vs \(b.spotUSD)")
            #expect(a == b, "replication \(replication)")
            #expect(a.preemptions == 4)
            #expect(a.completionSeconds == 12 * Self.hour)

            let stream = RandomStream(
                seed: Self.seed, replication: UInt64(replication),
                component: UInt64(StreamComponent.count * 0) + StreamComponent.price)
            var path = PricePath(process: ou, stream: stream)
            let expected = nodes.reduce(0.0) { sum, node in sum + path.cost(from: node.start, to: node.end) }
            #expect(a.spotUSD.isApproximatelyEqual(to: expected, relativeTolerance: 1e-12),
                    "replication \(replication): spot \(a.spotUSD), price path gives \(expected)")
            costs.insert(a.spotUSD)
        }
        // The price moves: every replication's path differs (a constant μ would cost 24 USD each time).
        #expect(costs.count == 50)
    }

    /// End to end through `ExperimentRunner`: `spot`, `spot-fallback` with `after: 1000000` (it
    /// never falls back, and retries failed launches in place every 60 s like `spot`) and
    /// `failover` on a single pool face the same availability and log-OU price paths and the
    /// same lifetimes, replication by replication, so every metric's summary is identical.
    @Test func experimentRunnerPairsPoliciesOnOneMarket() throws {
        let market = Self.pool(
            name: "market",
            price: .logOrnsteinUhlenbeck(mean: 1.5, volatilityPerSqrtHour: 0.4, reversionTime: 4 * 3600, step: 300),
            lifetime: .weibull(scale: 4 * 3600, shape: 0.8),
            availability: .alternating(up: .exponential(mean: 3 * 3600), down: .exponential(mean: 3600),
                                       start: .stationary, reclaimProbability: 0.7))
        let job = Build.job(nodes: 2, workHours: 12, intervals: [.seconds(1800)], write: 60, restart: 300)
        let scenario = Scenario(
            name: "crn", seed: 23, replications: 300, pools: [market], jobs: [job],
            policies: [PolicySpec(kind: .spot), PolicySpec(kind: .spotFallback, fallbackAfter: 1_000_000),
                       PolicySpec(kind: .failover)])
        let result = try ExperimentRunner(threads: 2).run(scenario)
        #expect(result.cells.count == 3)
        #expect(result.cells[0].summaries == result.cells[1].summaries)
        #expect(result.cells[0].summaries == result.cells[2].summaries)
        // The market varies across replications, so equality is not trivial.
        #expect(result.cells[0].summary(.costUSD).standardDeviation > 0)
        #expect(result.cells[0].summary(.preemptions).mean > 1)
        #expect(result.cells[0].summary(.waitHours).mean > 0)
    }
}
