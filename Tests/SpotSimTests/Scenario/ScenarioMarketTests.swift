import Foundation
import Stochastics
import SpotSimTestSupport
import Testing
@testable import SpotSim

/// The market keys of a pool: `spot.price` as a constant, a CSV series or a log-OU process;
/// `availability`; `launch_failure`. Every form decodes, and malformed ones give one exact
/// message `<file>:<line>:<column>: error: <field>: expected …, found …` (line numbers refer to
/// `ScenarioFixtures.dalyCheck`: `price` is on line 13, an inserted pool key on line 16).
@Suite struct ScenarioMarketTests {
    typealias F = ScenarioFixtures

    /// A fresh temporary directory holding `files` (name → contents), removed by `body`'s end.
    static func withDirectory<T>(_ files: [String: String], _ body: (String) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spotsim-market-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        for (name, contents) in files {
            try contents.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return try body(url.path)
    }

    /// The documented example with its constant price replaced by `price`.
    static func withPrice(_ price: String) -> String {
        F.dalyCheck(replacing: "      price: 0.97/h", with: "      price: \(price)")
    }

    /// The documented example with `line` inserted as a pool key before `provisioning` (line 16).
    static func withPoolKey(_ line: String) -> String {
        F.dalyCheck(replacing: "    provisioning: 0s", with: "    \(line)\n    provisioning: 0s")
    }

    /// The message of decoding `yaml` as `bad.yaml` with relative paths resolved in `directory`.
    static func message(_ yaml: String, directory: String) -> String? {
        do {
            _ = try ScenarioDecoder.decode(yaml: yaml, file: "bad.yaml", directory: directory)
            return nil
        } catch {
            return error.description
        }
    }

    // MARK: - Forms that decode

    /// A constant price stays a constant process, `SpotMarket.price` is that constant, and a
    /// pool without the new keys is always available with no launch failures.
    @Test func constantPriceAndDefaults() throws {
        let scenario = try ScenarioDecoder.decode(yaml: F.dalyCheck, file: "daly.yaml")
        let spot = try #require(scenario.pools[0].spot)
        #expect(spot.priceProcess == .constant(0.97))
        #expect(spot.price == 0.97)
        #expect(spot.availability == .always)
        #expect(spot.launchFailureProbability == 0)
    }

    /// `{ process: log-ou, … }`: mean in USD per node-hour, volatility per √hour (stored per
    /// √second, ÷ 60), reversion a time (stored as the rate 1/time), step a duration.
    @Test func logOUDecodes() throws {
        let yaml = Self.withPrice("{ process: log-ou, mean: 0.97/h, volatility: 0.3, reversion: 6h, step: 5m }")
        let spot = try #require(try ScenarioDecoder.decode(yaml: yaml, file: "ou.yaml").pools[0].spot)
        #expect(spot.priceProcess == .logOrnsteinUhlenbeck(mean: 0.97, volatility: 0.3 / 60, reversionRate: 1.0 / 21_600, step: 300))
        #expect(spot.price == 0.97)
    }

    /// `{ process: series, file: … }` reads the CSV next to the scenario file with
    /// `decode(contentsOf:)`, or in the directory given to `decode(yaml:file:directory:)`.
    /// Times are durations or plain seconds, prices with or without `/h`; blank lines, spaces
    /// around values, CRLF line ends and a byte-order mark are accepted.
    @Test func seriesDecodes() throws {
        let csv = "\u{FEFF}time,price\r\n0s, 0.97/h\r\n\r\n6h,1.2\r\n 43200 , 0.5\r\n"
        let yaml = Self.withPrice("{ process: series, file: prices.csv }")
        let expected = PriceProcess.series([(0, 0.97), (21_600, 1.2), (43_200, 0.5)])
        try Self.withDirectory(["prices.csv": csv, "market.yaml": yaml]) { directory in
            let fromFile = try ScenarioDecoder.decode(contentsOf: directory + "/market.yaml")
            #expect(fromFile.pools[0].spot?.priceProcess == expected)
            #expect(fromFile.pools[0].spot?.price == 0.97)
            let fromText = try ScenarioDecoder.decode(yaml: yaml, file: "market.yaml", directory: directory)
            #expect(fromText.pools[0].spot?.priceProcess == expected)
        }
    }

    /// `availability: always`, the alternating mapping with its defaults (reclaim all, starts
    /// stationary) and with every key, and `launch_failure`.
    @Test func availabilityDecodes() throws {
        let always = try ScenarioDecoder.decode(yaml: Self.withPoolKey("availability: always"), file: "a.yaml")
        #expect(always.pools[0].spot?.availability == .always)

        let defaults = try ScenarioDecoder.decode(yaml: Self.withPoolKey(
            "availability: { up: { distribution: exponential, mean: 8h }, down: { distribution: exponential, mean: 2h } }"
        ), file: "a.yaml")
        #expect(defaults.pools[0].spot?.availability == .alternating(
            up: .exponential(mean: 28_800), down: .exponential(mean: 7200), start: .stationary, reclaimProbability: 1
        ))

        let yaml = F.dalyCheck(replacing: "    provisioning: 0s", with: """
            availability:
              up: { distribution: weibull, shape: 0.7, scale: 8h }
              down: { distribution: constant, value: 30m }
              reclaim: 0.5
              starts: down
            launch_failure: 0.1
            provisioning: 0s
        """)
        let full = try #require(try ScenarioDecoder.decode(yaml: yaml, file: "a.yaml").pools[0].spot)
        #expect(full.availability == .alternating(
            up: .weibull(scale: 28_800, shape: 0.7), down: .constant(1800), start: .down, reclaimProbability: 0.5
        ))
        #expect(full.launchFailureProbability == 0.1)

        let all = try ScenarioDecoder.decode(yaml: Self.withPoolKey(
            "availability: { up: { distribution: exponential, mean: 8h }, down: { distribution: exponential, mean: 2h }, reclaim: all, starts: up }"
        ), file: "a.yaml")
        #expect(all.pools[0].spot?.availability.reclaimProbability == 1)
    }

    /// The market example of `docs/scenario-format.md` (Pools → Spot capacity) decodes, with its
    /// CSV example beside it.
    @Test func documentedMarketExampleDecodes() throws {
        let document = try ScenarioFormatDocTests.document()
        let pools = try #require(ScenarioFormatDocTests.yamlBlocks(document).first { $0.contains("process: log-ou") })
        let csv = try #require(Self.fencedBlocks(document, language: "csv").first)
        let yaml = "name: doc\n" + pools
            + "jobs:\n  - { name: j, gpu: H100, work: 1h, checkpoint: { interval: 10m, write: 1m } }\npolicies: [spot]\n"
        try Self.withDirectory(["prices.csv": csv, "doc.yaml": yaml]) { directory in
            let scenario = try ScenarioDecoder.decode(contentsOf: directory + "/doc.yaml")
            let east = try #require(scenario.pools[0].spot)
            #expect(east.priceProcess == .logOrnsteinUhlenbeck(mean: 34.3, volatilityPerSqrtHour: 0.3, reversionTime: 21_600, step: 300))
            #expect(east.availability == .alternating(
                up: .exponential(mean: 28_800), down: .exponential(mean: 7200), start: .stationary, reclaimProbability: 0.5
            ))
            #expect(east.launchFailureProbability == 0.1)
            let central = try #require(scenario.pools[1].spot)
            #expect(central.priceProcess == .series([(0, 29.5), (21_600, 31.2), (86_400, 27.9)]))
            #expect(central.maxLifetime == 86_400)
            #expect(scenario.pools[1].billing.freeIfInterruptedWithin == 0)
        }
    }

    /// The fenced blocks of `language` in a Markdown text, in order.
    static func fencedBlocks(_ text: String, language: String) -> [String] {
        var blocks: [String] = []
        var current: [String]?
        for line in text.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```\(language)" {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append(current!.joined(separator: "\n") + "\n")
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return blocks
    }

    // MARK: - Malformed inputs

    /// The price process is one of series, log-ou.
    @Test func unknownProcess() {
        #expect(F.message(Self.withPrice("{ process: garch, mean: 0.97/h }"))
            == "bad.yaml:13:25: error: pools[0].spot.price.process: expected one of series, log-ou, found 'garch'")
    }

    /// A series file that does not exist is reported at the `file` value, with the path looked for.
    @Test func missingSeriesFile() throws {
        try Self.withDirectory([:]) { directory in
            #expect(Self.message(Self.withPrice("{ process: series, file: nope.csv }"), directory: directory)
                == "bad.yaml:13:39: error: pools[0].spot.price.file: expected a readable CSV file with a time,price header, found 'nope.csv', no such file (looked for \(directory)/nope.csv)")
        }
    }

    /// Problems inside the CSV name the CSV file, its line and column: a time that does not
    /// increase (naming the previous row's line), a first time other than 0, a bad price, a
    /// wrong header, a missing or extra value.
    @Test func badSeriesFiles() throws {
        let yaml = Self.withPrice("{ process: series, file: prices.csv }")
        let cases: [(csv: String, message: String)] = [
            ("time,price\n0s,0.97\n6h,1.20\n5h,1.10\n",
             "prices.csv:4:1: error: pools[0].spot.price.file.time: expected a time after the previous row's (6h at line 3), found '5h'"),
            ("time,price\n0s,0.97\n6h,1.20\n\n21600,1.10\n",
             "prices.csv:5:1: error: pools[0].spot.price.file.time: expected a time after the previous row's (6h at line 3), found '21600'"),
            ("time,price\n1h,0.97\n",
             "prices.csv:2:1: error: pools[0].spot.price.file.time: expected a first time of 0s (the series starts with the replication), found '1h'"),
            ("time,price\n0s,cheap\n",
             "prices.csv:2:4: error: pools[0].spot.price.file.price: expected a price per node-hour from 0 to 1000000 like 0.97 or 0.97/h, found 'cheap'"),
            ("time,price\n0s,-1\n",
             "prices.csv:2:4: error: pools[0].spot.price.file.price: expected a price per node-hour from 0 to 1000000 like 0.97 or 0.97/h, found '-1'"),
            ("time,price\nsoon,1\n",
             "prices.csv:2:1: error: pools[0].spot.price.file.time: expected a time like 0s, 6h or 21600 (seconds), found 'soon'"),
            ("t,p\n0s,1\n",
             "prices.csv:1:1: error: pools[0].spot.price.file: expected a header line time,price, found 't,p'"),
            ("time,price\n0s\n",
             "prices.csv:2:3: error: pools[0].spot.price.file.price: expected a price per node-hour from 0 to 1000000 like 0.97 or 0.97/h, found nothing (the row has one value)"),
            ("time,price\n0s,1, 2\n",
             "prices.csv:2:7: error: pools[0].spot.price.file: expected rows of two values, time,price, found a third value '2'"),
            ("time,price\n",
             "prices.csv:1:1: error: pools[0].spot.price.file: expected at least one row after the header, starting at time 0s, found no rows"),
            ("",
             "prices.csv:1:1: error: pools[0].spot.price.file: expected a header line time,price, found an empty file"),
        ]
        for (csv, message) in cases {
            try Self.withDirectory(["prices.csv": csv]) { directory in
                #expect(Self.message(yaml, directory: directory) == "\(directory)/\(message)")
            }
        }
    }

    /// The volatility is a number ≥ 0.
    @Test func negativeVolatility() {
        #expect(F.message(Self.withPrice("{ process: log-ou, mean: 0.97/h, volatility: -0.3, reversion: 6h, step: 5m }"))
            == "bad.yaml:13:59: error: pools[0].spot.price.volatility: expected a number of at least 0 like 0.3 (the log-price's volatility per √hour), found '-0.3'")
    }

    /// The log-OU step is at least one second.
    @Test func tinyStep() {
        #expect(F.message(Self.withPrice("{ process: log-ou, mean: 0.97/h, volatility: 0.3, reversion: 6h, step: 0.5s }"))
            == "bad.yaml:13:85: error: pools[0].spot.price.step: expected a duration of at least 1s like 5m, found '0.5s'")
    }

    /// A key the process does not take is an unknown key, listing the process's keys.
    @Test func unknownProcessKey() {
        #expect(F.message(Self.withPrice("{ process: log-ou, mean: 0.97/h, volatility: 0.3, reversion: 6h, step: 5m, drift: 1 }"))
            == "bad.yaml:13:89: error: pools[0].spot.price: expected one of process, mean, volatility, reversion, step, found unknown key 'drift'")
    }

    /// A list is neither a price nor a process.
    @Test func priceIsAList() {
        #expect(F.message(Self.withPrice("[1/h, 2/h]"))
            == "bad.yaml:13:14: error: pools[0].spot.price: expected a price per node-hour like 0.97/h, trace (the availability trace's prices), or a process like { process: log-ou, mean: 0.97/h, volatility: 0.3, reversion: 6h, step: 5m }, found a list")
    }

    /// The reclaim probability is `all` or a number from 0 to 1.
    @Test func reclaimAboveOne() {
        #expect(F.message(Self.withPoolKey(
            "availability: { up: { distribution: exponential, mean: 8h }, down: { distribution: exponential, mean: 2h }, reclaim: 1.5 }"
        )) == "bad.yaml:16:122: error: pools[0].availability.reclaim: expected all, or a probability from 0 to 1 like 0.5, found '1.5'")
    }

    /// A launch-failure probability is below 1 (at 1 no launch would ever succeed).
    @Test func launchFailureAboveOne() {
        #expect(F.message(Self.withPoolKey("launch_failure: 1.5"))
            == "bad.yaml:16:21: error: pools[0].launch_failure: expected a probability from 0 to less than 1 like 0.1, found '1.5'")
        #expect(F.message(Self.withPoolKey("launch_failure: 1"))
            == "bad.yaml:16:21: error: pools[0].launch_failure: expected a probability from 0 to less than 1 like 0.1, found '1'")
    }

    /// Unknown availability keys are errors listing the allowed ones.
    @Test func unknownAvailabilityKey() {
        #expect(F.message(Self.withPoolKey(
            "availability: { up: { distribution: exponential, mean: 8h }, down: { distribution: exponential, mean: 2h }, start: up }"
        )) == "bad.yaml:16:113: error: pools[0].availability: expected one of up, down, reclaim, starts, found unknown key 'start' (did you mean 'starts'?)")
    }

    /// `availability` is `always` or a mapping.
    @Test func availabilitySometimes() {
        #expect(F.message(Self.withPoolKey("availability: sometimes"))
            == "bad.yaml:16:19: error: pools[0].availability: expected always, a trace mapping like { trace: zone.json, format: spot-traces, tick: 195s }, or a mapping like { up: { distribution: exponential, mean: 8h }, down: { distribution: exponential, mean: 2h } }, found 'sometimes'")
    }

    /// Up and down periods need a mean of at least 1s (else capacity would switch endlessly).
    @Test func zeroMeanPeriod() {
        #expect(F.message(Self.withPoolKey(
            "availability: { up: { distribution: constant, value: 0s }, down: { distribution: exponential, mean: 2h } }"
        )) == "bad.yaml:16:25: error: pools[0].availability.up: expected a distribution with a mean of at least 1s, found a mean of 0s")
    }

    /// `availability` and `launch_failure` describe spot capacity: a pool without `spot` may not have them.
    @Test func marketKeysNeedASpotMarket() {
        let yaml = F.dalyCheck(
            replacing: "    spot:\n      price: 0.97/h\n      lifetime: { distribution: exponential, mean: 2h }\n      notice: 0s\n",
            with: "    launch_failure: 0.1\n"
        )
        #expect(F.message(yaml)
            == "bad.yaml:12:21: error: pools[0].launch_failure: expected no launch_failure key (the pool has no spot market), found '0.1'")
    }
}
