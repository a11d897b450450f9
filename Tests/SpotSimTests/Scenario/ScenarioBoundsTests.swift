import Foundation
import SpotSimTestSupport
import Testing
@testable import SpotSim

/// Values that parse but would make a run crash (infinite times or prices), crawl without end
/// (vanishing lifetimes) or print a useless message are refused when the file is read, with
/// the bound in the message. The files are the documented example with one change.
@Suite struct ScenarioBoundsTests {
    typealias F = ScenarioFixtures

    static func lifetime(_ distribution: String) -> String {
        F.dalyCheck(replacing: "distribution: exponential, mean: 2h", with: distribution)
    }

    /// A Weibull shape below 0.1 is refused (1e-300 made every lifetime infinite and crashed
    /// the engine).
    @Test func weibullShapeTooSmall() {
        #expect(F.message(Self.lifetime("distribution: weibull, shape: 1e-300, scale: 2h"))
            == "bad.yaml:14:49: error: pools[0].spot.lifetime.shape: expected a shape of at least 0.1 (smaller ones make almost every draw vanish), found '1e-300'")
        #expect(F.message(Self.lifetime("distribution: weibull, shape: 0.1, scale: 1s")) == nil)
    }

    /// A gamma shape below 0.01 is refused (every draw was 0 and a run never ended).
    @Test func gammaShapeTooSmall() {
        #expect(F.message(Self.lifetime("distribution: gamma, shape: 1e-300, mean: 2h"))
            == "bad.yaml:14:47: error: pools[0].spot.lifetime.shape: expected a shape of at least 0.01 (smaller ones make almost every draw vanish), found '1e-300'")
    }

    /// A log-normal's sd is at most 100 times its mean; the message names the parameter, not
    /// the overflowing internals (`logNormal(mu: -inf, sigma: inf)`).
    @Test func logNormalSpreadTooLarge() {
        #expect(F.message(Self.lifetime("distribution: lognormal, mean: 2h, sd: 1e300h"))
            == "bad.yaml:14:58: error: pools[0].spot.lifetime.sd: expected a duration of at most 100 times the mean (200h), found '1e300h'")
        #expect(F.message(Self.lifetime("distribution: lognormal, mean: 2h, sd: 200h")) == nil)
    }

    /// A distribution's mean is at most 100 years (an exponential mean of 1e308s drew infinite
    /// lifetimes and crashed the engine).
    @Test func distributionMeanTooLarge() {
        #expect(F.message(Self.lifetime("distribution: exponential, mean: 1e308s"))
            == "bad.yaml:14:17: error: pools[0].spot.lifetime: expected a distribution with a mean of at most 36500d (100 years), found a mean of 1.1574074074074075e+303d")
        #expect(F.message(F.dalyCheck(replacing: "provisioning: 0s", with: "provisioning: { distribution: constant, value: 36501d }"))
            == "bad.yaml:16:19: error: pools[0].provisioning: expected a distribution with a mean of at most 36500d (100 years), found a mean of 36501d")
    }

    /// A spot lifetime's mean is at least 1s (a mean of 1e-300s never finished).
    @Test func lifetimeMeanTooSmall() {
        #expect(F.message(Self.lifetime("distribution: exponential, mean: 1e-300s"))
            == "bad.yaml:14:17: error: pools[0].spot.lifetime: expected a lifetime distribution with a mean of at least 1s, found a mean of 1e-300s")
    }

    /// An up period of capacity has a mean of at least 1s (flapping capacity never finished).
    @Test func availabilityPeriodTooShort() {
        let yaml = F.dalyCheck(
            replacing: "    provisioning: 0s",
            with: "    provisioning: 0s\n    availability: { up: { distribution: exponential, mean: 1e-300s }, down: { distribution: exponential, mean: 1h } }"
        )
        #expect(F.message(yaml)
            == "bad.yaml:17:25: error: pools[0].availability.up: expected a distribution with a mean of at least 1s, found a mean of 1e-300s")
    }

    /// `max_lifetime` is at least 1s (1e-300s never finished).
    @Test func maxLifetimeTooShort() {
        #expect(F.message(F.dalyCheck(replacing: "      notice: 0s", with: "      notice: 0s\n      max_lifetime: 1e-300s"))
            == "bad.yaml:16:21: error: pools[0].spot.max_lifetime: expected a duration of at least 1s like 24h, found '1e-300s'")
    }

    /// Prices per node-hour are at most 1000000/h (1.7e308/h made costs infinite and crashed
    /// the summary).
    @Test func priceTooLarge() {
        #expect(F.message(F.dalyCheck(replacing: "price: 0.97/h", with: "price: 1.7e308/h"))
            == "bad.yaml:13:14: error: pools[0].spot.price: expected a price per node-hour of at most 1000000/h, found '1.7e308/h'")
        #expect(F.message(F.dalyCheck(replacing: "on_demand_price: 3.06/h", with: "on_demand_price: 1000001/h"))
            == "bad.yaml:11:22: error: pools[0].on_demand_price: expected a price per node-hour of at most 1000000/h, found '1000001/h'")
        #expect(F.message(F.dalyCheck(replacing: "on_demand_price: 3.06/h", with: "on_demand_price: 1000000/h")) == nil)
    }

    /// A log-OU price's long-run deviation σ·√(τ/2) is at most 3 (volatility 1e300 made
    /// prices infinite and crashed the summary).
    @Test func logOUVolatilityTooLarge() {
        let yaml = F.dalyCheck(
            replacing: "price: 0.97/h", with: "price: { process: log-ou, mean: 0.97/h, volatility: 1e300, reversion: 6h, step: 5m }")
        #expect(F.message(yaml)
            == "bad.yaml:13:59: error: pools[0].spot.price.volatility: expected a volatility of at most 1.73 with reversion 6h (the log-price's stationary standard deviation, volatility × √(reversion in hours / 2), at most 3), found '1e300'")
    }

    /// Billing periods are at most 30 days (a minimum of 1.7e308s made costs infinite).
    @Test func billingPeriodTooLong() {
        #expect(F.message(F.dalyCheck(replacing: "    provisioning: 0s", with: "    provisioning: 0s\n    billing: { minimum: 1.7e308s }"))
            == "bad.yaml:17:25: error: pools[0].billing.minimum: expected a duration from 0s to 30d like 60s, found '1.7e308s'")
        #expect(F.message(F.dalyCheck(replacing: "    provisioning: 0s", with: "    provisioning: 0s\n    billing: { granularity: 31d }"))
            == "bad.yaml:17:29: error: pools[0].billing.granularity: expected a duration greater than 0 and at most 30d like 1s, found '31d'")
    }

    /// The throughput message of a wide elastic job names the range, not 1000 counts.
    @Test func throughputMessageStaysShort() {
        #expect(F.message(F.dalyCheck(replacing: "nodes: 1", with: "nodes: { min: 1, max: 1000 }\n    throughput: fast"))
            == "bad.yaml:21:17: error: jobs[0].throughput: expected a mapping from each node count (1 to 1000) to a speed greater than 0, found 'fast'")
    }

    /// A deadline shorter than the work at the job's best speed is refused; one equal to it,
    /// or met thanks to a speed above 1, is accepted.
    @Test func deadlineShorterThanWork() {
        #expect(F.message(F.dalyCheck(replacing: "    restart: 6m", with: "    restart: 6m\n    deadline: 50h"))
            == "bad.yaml:27:15: error: jobs[0].deadline: expected a deadline no shorter than the work (100h at full speed), found '50h'")
        #expect(F.message(F.dalyCheck(replacing: "    restart: 6m", with: "    restart: 6m\n    deadline: 100h")) == nil)
        let elastic = F.dalyCheck(replacing: "nodes: 1", with: "nodes: { min: 1, max: 2 }\n    throughput: { 1: 1, 2: 2 }")
            .replacingOccurrences(of: "    restart: 6m", with: "    restart: 6m\n    deadline: 50h")
        #expect(F.message(elastic) == nil)
    }

    /// Ranges as wide as the numbers themselves are interpolated without overflowing: their
    /// values are real numbers (once `-nans` and `inf` twice), checked like any other.
    @Test func sweepRangesWiderThanTheNumbers() {
        #expect(F.message(F.dalyCheck(
            replacing: "policies: [spot]", with: "policies: [spot]\nsweep:\n  jobs.train.restart: { from: -1e308s, to: 1e308s, count: 3 }"))
            == "bad.yaml:29:23: error: jobs[0].restart: expected a duration like 30m, 2h or 45s, found '-1e+308s' (sweep point jobs.train.restart = -1e+308s)")
        #expect(F.message(F.dalyCheck(
            replacing: "policies: [spot]", with: "policies: [spot]\nsweep:\n  jobs.train.nodes: { from: 1e-300, to: 1e300, count: 10000, scale: log }"))
            == "bad.yaml:29:21: error: jobs[0].nodes: expected an integer from 1 to 100000, found '1e-300' (sweep point jobs.train.nodes = 1e-300)")
    }

    /// libyaml's nesting limit is reported in the format's words, not libyaml's API name.
    @Test func nestingTooDeep() {
        #expect(F.message("name: " + String(repeating: "[", count: 1100) + String(repeating: "]", count: 1100) + "\n")
            == "bad.yaml:1:8: error: (yaml): expected at most 1000 levels of nested lists and mappings, found deeper nesting")
    }

    /// A duration with a spelt-out unit gets a hint, and so does a misspelt policy name.
    @Test func valueHints() {
        #expect(F.message(F.dalyCheck(replacing: "restart: 6m", with: "restart: 6 minutes"))
            == "bad.yaml:26:14: error: jobs[0].restart: expected a duration like 30m, 2h or 45s, found '6 minutes' (did you mean '6m'?)")
        #expect(F.message(F.dalyCheck(replacing: "policies: [spot]", with: "policies: [spot-fallbak]"))
            == "bad.yaml:27:12: error: policies[0]: expected one of on-demand, spot, spot-fallback, failover, eager-next-region, cheapest-available, greedy, uniform-progress, omniscient, found 'spot-fallbak' (did you mean 'spot-fallback'?)")
        // A hint is only given when what it suggests would be read: 0m is no positive duration.
        #expect(F.message(F.dalyCheck(replacing: "work: 100h", with: "work: 0 hours"))
            == "bad.yaml:21:11: error: jobs[0].work: expected a duration greater than 0 like 100h, or steps like 50000 steps, found '0 hours'")
    }
}
