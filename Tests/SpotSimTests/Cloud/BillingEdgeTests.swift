import SpotSim
import Stochastics
import Testing

/// Each provider's billing rule at its edges: first through `BillingRule` alone, then end to end
/// through `Replicator` on single-node timelines computed by hand.
///
/// Prices in the end-to-end tests are chosen so that a billed second is a round number of USD:
/// spot 3.6 USD/h = 0.001 USD/s, on-demand 7.2 USD/h = 0.002 USD/s.
@Suite struct BillingEdgeTests {
    static let spotUSDPerSecond = 0.001
    static let onDemandUSDPerSecond = 0.002

    // MARK: - The rule alone

    /// AWS bills per second, rounding a partial second up, with a 60 s minimum: 59 s → 60
    /// (minimum), 60 s → 60, 60.2 s → 61 (⌈60.2⌉).
    @Test func awsPerSecondWithSixtySecondMinimum() {
        let aws = Provider.aws.defaultBilling
        #expect(aws.billedSeconds(forRunning: 59) == 60)
        #expect(aws.billedSeconds(forRunning: 60) == 60)
        #expect(aws.billedSeconds(forRunning: 60.2) == 61)
    }

    /// AWS does not charge a spot node it interrupts within its first hour: interrupted at
    /// 3599.9 s → 0; interrupted at exactly 3600 s the hour is over → 3600 (the free window is
    /// `seconds < 3600`, open at 3600).
    @Test func awsSpotInterruptedInTheFirstHourIsFree() {
        let aws = Provider.aws.defaultBilling
        #expect(aws.billedSeconds(forRunning: 3599.9, interrupted: true) == 0)
        #expect(aws.billedSeconds(forRunning: 59, interrupted: true) == 0)
        #expect(aws.billedSeconds(forRunning: 3600, interrupted: true) == 3600)
        #expect(aws.billedSeconds(forRunning: 3600.5, interrupted: true) == 3601)
    }

    /// The free first hour is only for interruptions: a node the user releases at 30 s pays the
    /// 60 s minimum, and one released at 3599.9 s pays ⌈3599.9⌉ = 3600 s.
    @Test func awsUserReleaseInTheFirstHourIsCharged() {
        let aws = Provider.aws.defaultBilling
        #expect(aws.billedSeconds(forRunning: 30, interrupted: false) == 60)
        #expect(aws.billedSeconds(forRunning: 30) == 60)
        #expect(aws.billedSeconds(forRunning: 3599.9, interrupted: false) == 3600)
    }

    /// GCP bills per second with a one-minute minimum and has no free hour: 59 s → 60;
    /// interrupted at 30 min → 1800; interrupted at 59 s → 60 (the minimum still applies).
    @Test func gcpHasAMinimumButNoFreeHour() {
        let gcp = Provider.gcp.defaultBilling
        #expect(gcp.billedSeconds(forRunning: 59) == 60)
        #expect(gcp.billedSeconds(forRunning: 30 * 60, interrupted: true) == 1800)
        #expect(gcp.billedSeconds(forRunning: 59, interrupted: true) == 60)
        #expect(gcp.billedSeconds(forRunning: 3599.9, interrupted: true) == 3600)
    }

    /// Azure bills whole minutes, partial minutes free, no minimum: 59 s → 0, 119 s → 60,
    /// 120 s → 120; an interruption changes nothing (119 s interrupted → 60).
    @Test func azurePerWholeMinute() {
        let azure = Provider.azure.defaultBilling
        #expect(azure.billedSeconds(forRunning: 59) == 0)
        #expect(azure.billedSeconds(forRunning: 119) == 60)
        #expect(azure.billedSeconds(forRunning: 120) == 120)
        #expect(azure.billedSeconds(forRunning: 119, interrupted: true) == 60)
    }

    // MARK: - End to end

    /// A pool with the provider's own billing rule, spot at 3.6 USD/h and on-demand at 7.2 USD/h.
    static func pool(_ provider: Provider, lifetime: Distribution = .constant(1000 * 3600)) -> Pool {
        Build.pool(
            name: "\(provider)", provider: provider, onDemandPrice: 7.2, spotPrice: 3.6, lifetime: lifetime,
            provisioning: .constant(0))
    }

    /// One node, no write, restore or restart time.
    static func plan(_ pool: Pool, _ policy: any PlacementPolicy, work: Double, interval: Double) -> ReplicationPlan {
        ReplicationPlan(
            pools: [pool], policy: policy, nodes: 1, workSeconds: work, intervalSeconds: interval, writeSeconds: 0,
            restoreSeconds: 0, restartSeconds: 0, horizon: Scenario.defaultHorizon)
    }

    static func run(_ plan: ReplicationPlan) throws -> Ledger {
        var replicator = Replicator(pools: plan.pools)
        let ledger = try replicator.run(plan, seed: 1, replication: 0)
        #expect(ledger.violations(workSeconds: plan.workSeconds, gangGPUs: plan.gangGPUs).isEmpty)
        return ledger
    }

    /// A spot node interrupted at 59 min 59 s is free on AWS and charged on GCP and Azure.
    /// Lifetime 3599 s, work 1 h, τ = 30 min: node 1 runs 0–3599 (commit at 1800, the 1799 s after
    /// it lost), node 2 runs 3599–5399 and is released by the user when the job ends.
    /// AWS: 0 + 1800 s = 1.8 USD. GCP: 3599 + 1800 = 5399 s = 5.399 USD.
    /// Azure: ⌊3599/60⌋·60 = 3540 plus 1800 = 5340 s = 5.34 USD.
    @Test func spotInterruptedJustBeforeTheHour() throws {
        let expected: [(Provider, Double)] = [(.aws, 1800), (.gcp, 5399), (.azure, 5340)]
        for (provider, billed) in expected {
            let pool = Self.pool(provider, lifetime: .constant(3599))
            let ledger = try Self.run(Self.plan(pool, SpotPolicy(pool: 0), work: 3600, interval: 1800))
            #expect(ledger.preemptions == 1, "\(provider)")
            #expect(ledger.completionSeconds == 5399, "\(provider)")
            #expect(ledger.lostSeconds == 1799, "\(provider)")
            #expect(ledger.spotUSD.isApproximatelyEqual(to: billed * Self.spotUSDPerSecond, relativeTolerance: 1e-12),
                    "\(provider): spot \(ledger.spotUSD), expected \(billed) s")
            #expect(ledger.onDemandUSD == 0, "\(provider)")
        }
    }

    /// A spot node interrupted at exactly one hour is charged on AWS too (the free window ends
    /// at 3600 s). Lifetime 3600 s, work 1.5 h, τ = 30 min: node 1 runs 0–3600 (the checkpoint at
    /// 3600 commits before the reclaim of that instant: nothing lost), node 2 runs 3600–5400.
    /// Every provider bills 3600 + 1800 = 5400 s = 5.4 USD (both whole minutes for Azure).
    @Test func spotInterruptedAtExactlyTheHour() throws {
        for provider in Provider.allCases {
            let pool = Self.pool(provider, lifetime: .constant(3600))
            let ledger = try Self.run(Self.plan(pool, SpotPolicy(pool: 0), work: 5400, interval: 1800))
            #expect(ledger.preemptions == 1, "\(provider)")
            #expect(ledger.completionSeconds == 5400, "\(provider)")
            #expect(ledger.lostSeconds == 0, "\(provider)")
            #expect(ledger.spotUSD.isApproximatelyEqual(to: 5400 * Self.spotUSDPerSecond, relativeTolerance: 1e-12),
                    "\(provider): spot \(ledger.spotUSD)")
        }
    }

    /// A spot node interrupted at 59 s: free on AWS, the 60 s minimum on GCP, nothing on Azure.
    /// Lifetime 59 s, work 60 s, τ = 30 s: node 1 runs 0–59 (commit at 30, 29 s lost), node 2
    /// runs 59–89 and is released by the user after 30 s.
    /// AWS: 0 + 60 (minimum) = 60 s = 0.06 USD. GCP: 60 + 60 = 120 s = 0.12 USD.
    /// Azure: ⌊59/60⌋ + ⌊30/60⌋ = 0 minutes = 0 USD.
    @Test func spotInterruptedWithinTheFirstMinute() throws {
        let expected: [(Provider, Double)] = [(.aws, 60), (.gcp, 120), (.azure, 0)]
        for (provider, billed) in expected {
            let pool = Self.pool(provider, lifetime: .constant(59))
            let ledger = try Self.run(Self.plan(pool, SpotPolicy(pool: 0), work: 60, interval: 30))
            #expect(ledger.preemptions == 1, "\(provider)")
            #expect(ledger.completionSeconds == 89, "\(provider)")
            #expect(ledger.lostSeconds == 29, "\(provider)")
            if billed == 0 {
                #expect(ledger.spotUSD == 0, "\(provider): spot \(ledger.spotUSD)")
            } else {
                #expect(ledger.spotUSD.isApproximatelyEqual(to: billed * Self.spotUSDPerSecond, relativeTolerance: 1e-12),
                        "\(provider): spot \(ledger.spotUSD), expected \(billed) s")
            }
        }
    }

    /// A spot node released by the user (the job ends) at 30 s pays the minimum: AWS and GCP
    /// 60 s = 0.06 USD (the free hour is for interruptions only); Azure ⌊30/60⌋ = 0.
    @Test func spotReleasedByTheUserAtThirtySeconds() throws {
        let expected: [(Provider, Double)] = [(.aws, 60), (.gcp, 60), (.azure, 0)]
        for (provider, billed) in expected {
            let pool = Self.pool(provider)
            let ledger = try Self.run(Self.plan(pool, SpotPolicy(pool: 0), work: 30, interval: 30))
            #expect(ledger.preemptions == 0, "\(provider)")
            #expect(ledger.completionSeconds == 30, "\(provider)")
            if billed == 0 {
                #expect(ledger.spotUSD == 0, "\(provider): spot \(ledger.spotUSD)")
            } else {
                #expect(ledger.spotUSD.isApproximatelyEqual(to: billed * Self.spotUSDPerSecond, relativeTolerance: 1e-12),
                        "\(provider): spot \(ledger.spotUSD), expected \(billed) s")
            }
        }
    }

    /// Short on-demand runs at 0.002 USD/s, one node running exactly the work (τ ≥ work, no
    /// write): AWS 59 s → 60 s = 0.12 USD; AWS 60.2 s → 61 s = 0.122 USD; GCP 59 s → 60 s = 0.12;
    /// Azure 59 s → 0; 119 s → 60 s = 0.12; 120 s → 120 s = 0.24. No spot is bought.
    @Test func shortOnDemandRuns() throws {
        let expected: [(Provider, Double, Double)] = [
            (.aws, 59, 60), (.aws, 60.2, 61), (.gcp, 59, 60),
            (.azure, 59, 0), (.azure, 119, 60), (.azure, 120, 120),
        ]
        for (provider, work, billed) in expected {
            let pool = Self.pool(provider)
            let ledger = try Self.run(Self.plan(pool, OnDemandPolicy(pool: 0), work: work, interval: work))
            #expect(ledger.completionSeconds == work, "\(provider) \(work) s")
            #expect(ledger.spotUSD == 0, "\(provider) \(work) s")
            if billed == 0 {
                #expect(ledger.onDemandUSD == 0, "\(provider) \(work) s: on-demand \(ledger.onDemandUSD)")
            } else {
                #expect(ledger.onDemandUSD.isApproximatelyEqual(to: billed * Self.onDemandUSDPerSecond, relativeTolerance: 1e-12),
                        "\(provider) \(work) s: on-demand \(ledger.onDemandUSD), expected \(billed) s")
            }
            #expect(ledger.billedGPUSeconds == billed, "\(provider) \(work) s")
        }
    }
}
