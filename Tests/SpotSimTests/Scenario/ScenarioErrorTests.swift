import SpotSimTestSupport
import Testing
@testable import SpotSim

/// Malformed scenario files: each reports exactly one error, with file, line, column, field,
/// what was expected and what was found.
///
/// The files are the documented example with one change (see `ScenarioFixtures.dalyCheck`,
/// whose line numbers these messages refer to), named `bad.yaml`.
@Suite struct ScenarioErrorTests {
    typealias F = ScenarioFixtures

    /// The error's description is `<file>:<line>:<column>: error: <field>: expected <expected>, found <found>`.
    @Test func descriptionFormat() {
        let error = ScenarioError(file: "a.yaml", line: 3, column: 9, field: "seed", expected: "an integer", found: "'x'")
        #expect(error.description == "a.yaml:3:9: error: seed: expected an integer, found 'x'")
    }

    /// A duration needs a number and one of the units s, m, h, d.
    @Test func badDuration() {
        #expect(F.message(F.dalyCheck(replacing: "restart: 6m", with: "restart: 6 min"))
            == "bad.yaml:26:14: error: jobs[0].restart: expected a duration like 30m, 2h or 45s, found '6 min' (did you mean '6m'?)")
    }

    /// A duration without a unit is not a duration.
    @Test func durationWithoutUnit() {
        #expect(F.message(F.dalyCheck(replacing: "notice: 0s", with: "notice: 0"))
            == "bad.yaml:15:15: error: pools[0].spot.notice: expected a duration like 30m, 2h or 45s, found '0'")
    }

    /// The on-demand price is a positive number of USD per node-hour, `<n>/h`.
    @Test func negativePrice() {
        #expect(F.message(F.dalyCheck(replacing: "on_demand_price: 3.06/h", with: "on_demand_price: -3.06/h"))
            == "bad.yaml:11:22: error: pools[0].on_demand_price: expected a price per node-hour greater than 0 like 3.06/h, found '-3.06/h'")
    }

    /// An unknown key (here a typo) is an error that lists the keys allowed there.
    @Test func unknownKeyTypo() {
        #expect(F.message(F.dalyCheck(replacing: "lifetime: {", with: "lifetme: {"))
            == "bad.yaml:14:7: error: pools[0].spot: expected one of price, lifetime, notice, max_lifetime, availability, found unknown key 'lifetme' (did you mean 'lifetime'?)")
    }

    /// Unknown top-level keys are errors too.
    @Test func unknownTopLevelKey() {
        #expect(F.message(F.dalyCheck(replacing: "policies: [spot]", with: "polices: [spot]"))
            == "bad.yaml:27:1: error: (top level): expected one of name, seed, replications, horizon, pools, storage, jobs, policies, baseline, sweep, found unknown key 'polices' (did you mean 'policies'?)")
    }

    /// A missing required key is reported at the mapping that lacks it.
    @Test func missingRequiredKey() {
        #expect(F.message(F.dalyCheck(replacing: "    work: 100h\n", with: ""))
            == "bad.yaml:18:5: error: jobs[0].work: expected a duration greater than 0 like 100h, or steps like 50000 steps, found nothing (key is missing)")
    }

    /// A missing top-level key is reported at the document's first key.
    @Test func missingTopLevelKey() {
        #expect(F.message("name: x\n", file: "x.yaml")
            == "x.yaml:1:1: error: pools: expected a non-empty list of pools, found nothing (key is missing)")
    }

    /// A list where a mapping belongs is a type error.
    @Test func listWhereMappingBelongs() {
        let yaml = F.dalyCheck(
            replacing: "    spot:\n      price: 0.97/h\n      lifetime: { distribution: exponential, mean: 2h }\n      notice: 0s\n",
            with: "    spot: [0.97/h, 2h]\n"
        )
        #expect(F.message(yaml)
            == "bad.yaml:12:11: error: pools[0].spot: expected a mapping with price, lifetime and notice, found a list")
    }

    /// An empty value is not a default: `spot:` with nothing after it is an error.
    @Test func emptyValueIsNotADefault() {
        #expect(F.message(F.dalyCheck(replacing: "provisioning: 0s", with: "provisioning:"))
            == "bad.yaml:16:18: error: pools[0].provisioning: expected a duration like 90s, or a distribution like { distribution: exponential, mean: 3m }, found an empty value")
    }

    /// The provider is one of aws, gcp, azure.
    @Test func unknownProvider() {
        #expect(F.message(F.dalyCheck(replacing: "provider: aws", with: "provider: ibm"))
            == "bad.yaml:6:15: error: pools[0].provider: expected one of aws, gcp, azure, found 'ibm'")
    }

    /// The distribution family is one of the seven the format knows.
    @Test func unknownDistribution() {
        #expect(F.message(F.dalyCheck(replacing: "distribution: exponential, mean: 2h", with: "distribution: poisson, mean: 2h"))
            == "bad.yaml:14:33: error: pools[0].spot.lifetime.distribution: expected one of constant, uniform, exponential, weibull, lognormal, gamma, empirical, found 'poisson'")
    }

    /// A distribution's keys are those of its family.
    @Test func parameterOfAnotherFamily() {
        #expect(F.message(F.dalyCheck(replacing: "distribution: exponential, mean: 2h", with: "distribution: exponential, mean: 2h, sd: 1h"))
            == "bad.yaml:14:56: error: pools[0].spot.lifetime: expected one of distribution, mean, found unknown key 'sd'")
    }

    /// A Weibull shape is a plain number greater than 0; the error names the parameter.
    @Test func weibullShapeOutOfRange() {
        #expect(F.message(F.dalyCheck(replacing: "distribution: exponential, mean: 2h", with: "distribution: weibull, shape: -0.5, scale: 2h"))
            == "bad.yaml:14:49: error: pools[0].spot.lifetime.shape: expected a number greater than 0, found '-0.5'")
    }

    /// A uniform distribution's max is at least its min.
    @Test func uniformMaxBelowMin() {
        #expect(F.message(F.dalyCheck(replacing: "provisioning: 0s", with: "provisioning: { distribution: uniform, min: 5m, max: 1m }"))
            == "bad.yaml:16:58: error: pools[0].provisioning.max: expected a duration of at least min (5m), found '1m'")
    }

    /// A gamma distribution takes a scale or a mean, not both.
    @Test func gammaScaleAndMean() {
        #expect(F.message(F.dalyCheck(replacing: "distribution: exponential, mean: 2h", with: "distribution: gamma, shape: 2, scale: 1h, mean: 2h"))
            == "bad.yaml:14:67: error: pools[0].spot.lifetime.mean: expected either scale or mean, not both, found both")
    }

    /// A spot lifetime is a distribution mapping, never a bare duration (which could be
    /// mistaken for a mean).
    @Test func lifetimeIsADistribution() {
        #expect(F.message(F.dalyCheck(replacing: "lifetime: { distribution: exponential, mean: 2h }", with: "lifetime: 2h"))
            == "bad.yaml:14:17: error: pools[0].spot.lifetime: expected a distribution like { distribution: exponential, mean: 2h }, found '2h'")
    }

    /// A spot lifetime has a mean of at least 1s.
    @Test func lifetimeWithZeroMean() {
        #expect(F.message(F.dalyCheck(replacing: "distribution: exponential, mean: 2h", with: "distribution: constant, value: 0s"))
            == "bad.yaml:14:17: error: pools[0].spot.lifetime: expected a lifetime distribution with a mean of at least 1s, found a mean of 0s")
    }

    /// A job's GPU must be offered by a pool; the error lists the GPUs offered.
    @Test func jobGPUNoPoolOffers() {
        #expect(F.message(F.dalyCheck(replacing: "    gpu: V100\n    nodes: 1", with: "    gpu: H100\n    nodes: 1"))
            == "bad.yaml:19:10: error: jobs[0].gpu: expected a GPU that a pool offers (V100), found 'H100'")
    }

    /// A policy's pool must be one of the scenario's pools.
    @Test func policyNamesUnknownPool() {
        #expect(F.message(F.dalyCheck(replacing: "policies: [spot]", with: "policies: [spot, { name: on-demand, pool: spot-b }]"))
            == "bad.yaml:27:43: error: policies[1].pool: expected the name of a pool (spot-a), found 'spot-b'")
    }

    /// A policy name is one of on-demand, spot, spot-fallback.
    @Test func unknownPolicy() {
        #expect(F.message(F.dalyCheck(replacing: "policies: [spot]", with: "policies: [spot-only]"))
            == "bad.yaml:27:12: error: policies[0]: expected one of on-demand, spot, spot-fallback, failover, eager-next-region, cheapest-available, greedy, uniform-progress, omniscient, found 'spot-only'")
    }

    /// `spot` needs, for every job, a pool with a spot market and the job's GPU.
    @Test func spotPolicyWithoutSpotPool() {
        let yaml = F.dalyCheck(
            replacing: "    spot:\n      price: 0.97/h\n      lifetime: { distribution: exponential, mean: 2h }\n      notice: 0s\n",
            with: ""
        )
        #expect(F.message(yaml)
            == "bad.yaml:23:12: error: policies[0]: expected a pool with a spot market and GPU V100 (for job 'train'), found none")
    }

    /// `after` belongs to spot-fallback only.
    @Test func afterOnNonFallbackPolicy() {
        #expect(F.message(F.dalyCheck(replacing: "policies: [spot]", with: "policies: [{ name: spot, after: 2 }]"))
            == "bad.yaml:27:33: error: policies[0].after: expected no after key (only spot-fallback takes one), found '2'")
    }

    /// The same policy twice is an error (`after: 3` is the default, so equal to none).
    @Test func duplicatePolicy() {
        #expect(F.message(F.dalyCheck(replacing: "policies: [spot]", with: "policies: [spot-fallback, { name: spot-fallback, after: 3 }]"))
            == "bad.yaml:27:27: error: policies[1]: expected distinct policies, found 'spot-fallback', a duplicate of policies[0]")
    }

    /// Work in steps needs a step time.
    @Test func stepsWithoutStepTime() {
        #expect(F.message(F.dalyCheck(replacing: "work: 100h", with: "work: 50000 steps"))
            == "bad.yaml:18:5: error: jobs[0].step_time: expected a step time like 1.2s (work is in steps), found nothing (key is missing)")
    }

    /// A checkpoint interval in steps needs a step time for the job's GPU.
    @Test func stepIntervalWithoutStepTimeForGPU() {
        let yaml = F.dalyCheck(replacing: "    work: 100h\n", with: "    work: 100h\n    step_time: { }\n")
            .replacingOccurrences(of: "[30m, 1h, 2h, daly]", with: "[500 steps, daly]")
        #expect(F.message(yaml)
            == "bad.yaml:22:16: error: jobs[0].step_time.V100: expected a step time like 1.2s for GPU V100 (checkpoint.interval is in steps), found nothing (key is missing)")
    }

    /// A duration that overflows once converted to seconds is not a duration.
    @Test func overflowingDuration() {
        #expect(F.message(F.dalyCheck(replacing: "work: 100h", with: "work: 1e305d"))
            == "bad.yaml:21:11: error: jobs[0].work: expected a duration greater than 0 like 100h, or steps like 50000 steps, found '1e305d'")
    }

    /// A gang has at most 100 000 nodes.
    @Test func tooManyNodesInAGang() {
        #expect(F.message(F.dalyCheck(replacing: "nodes: 1", with: "nodes: 1000000"))
            == "bad.yaml:20:12: error: jobs[0].nodes: expected an integer from 1 to 100000, found '1000000'")
    }

    /// Per-GPU step times name GPUs that pools offer (a typo is caught).
    @Test func stepTimeForUnknownGPU() {
        #expect(F.message(F.dalyCheck(replacing: "    work: 100h\n", with: "    work: 100h\n    step_time: { v100: 1.2s }\n"))
            == "bad.yaml:22:18: error: jobs[0].step_time: expected GPUs that a pool offers (V100), found unknown key 'v100' (did you mean 'V100'?)")
    }

    /// The checkpoint interval is a scalar or a list, not a mapping.
    @Test func intervalAsMapping() {
        #expect(F.message(F.dalyCheck(replacing: "[30m, 1h, 2h, daly]", with: "{ every: 30m }"))
            == "bad.yaml:23:17: error: jobs[0].checkpoint.interval: expected an interval (a duration like 30m, steps like 500 steps, young or daly) or a non-empty list of them, found a mapping")
    }

    /// A merge key (`<<`) takes a mapping or a list of mappings.
    @Test func mergeOfAScalar() {
        #expect(F.message(F.dalyCheck(replacing: "    provider: aws", with: "    <<: aws\n    provider: aws"))
            == "bad.yaml:6:9: error: pools[0].<<: expected a mapping or a list of mappings to merge, found 'aws'")
    }

    /// A write given as a bandwidth needs the checkpoint size.
    @Test func bandwidthWithoutSize() {
        #expect(F.message(F.dalyCheck(replacing: "write: 3m", with: "write: 2GB/s"))
            == "bad.yaml:23:7: error: jobs[0].checkpoint.size: expected a size like 80GB (write is a bandwidth), found nothing (key is missing)")
    }

    /// Young's and Daly's intervals need a write time greater than 0.
    @Test func dalyWithZeroWrite() {
        #expect(F.message(F.dalyCheck(replacing: "write: 3m", with: "write: 0s"))
            == "bad.yaml:24:14: error: jobs[0].checkpoint.write: expected a write time greater than 0 (daly needs one), found '0s'")
    }

    /// A checkpoint interval is a duration, steps, `young` or `daly`.
    @Test func unknownInterval() {
        #expect(F.message(F.dalyCheck(replacing: "[30m, 1h, 2h, daly]", with: "fast"), file: "daly.yaml")
            == "daly.yaml:23:17: error: jobs[0].checkpoint.interval: expected a duration like 30m, steps like 500 steps, young or daly, found 'fast'")
    }

    /// A grid has no duplicate intervals, compared after unit conversion.
    @Test func duplicateGridInterval() {
        #expect(F.message(F.dalyCheck(replacing: "[30m, 1h, 2h, daly]", with: "[30m, 60m, 1h, daly]"))
            == "bad.yaml:23:28: error: jobs[0].checkpoint.interval[2]: expected distinct intervals, found '1h', a duplicate of '60m'")
    }

    /// Pool names are unique.
    @Test func duplicatePoolName() {
        let yaml = F.dalyCheck(
            replacing: "jobs:\n",
            with: "  - { name: spot-a, provider: gcp, region: r, instance: i, gpu: V100, on_demand_price: 1/h }\njobs:\n"
        )
        #expect(F.message(yaml)
            == "bad.yaml:17:13: error: pools[1].name: expected a unique pool name, found 'spot-a', already used by pools[0]")
    }

    /// `pools` is a non-empty list.
    @Test func emptyPoolList() {
        let yaml = "name: x\npools: []\njobs: []\npolicies: []\n"
        #expect(F.message(yaml) == "bad.yaml:2:8: error: pools: expected a non-empty list of pools, found an empty list")
    }

    /// `replications` is an integer from 1 to 10 000 000.
    @Test func zeroReplications() {
        #expect(F.message(F.dalyCheck(replacing: "replications: 20000", with: "replications: 0"))
            == "bad.yaml:3:15: error: replications: expected an integer from 1 to 10000000, found '0'")
    }

    /// `seed` is a non-negative integer up to UInt64.max.
    @Test func negativeSeed() {
        #expect(F.message(F.dalyCheck(replacing: "seed: 7", with: "seed: -7"))
            == "bad.yaml:2:7: error: seed: expected an integer from 0 to 18446744073709551615, found '-7'")
    }

    /// YAML syntax errors are reported in the same format, with field `(yaml)` and libyaml's
    /// line and column.
    @Test func yamlSyntaxError() {
        #expect(F.message(F.dalyCheck(replacing: "region: us-east-1", with: "region: us-east-1: x"))
            == "bad.yaml:7:22: error: (yaml): expected valid YAML, found a syntax error: mapping values are not allowed in this context")
    }

    /// An unclosed flow list is a syntax error, with libyaml's context.
    @Test func yamlUnclosedList() {
        #expect(F.message(F.dalyCheck(replacing: "policies: [spot]", with: "policies: [spot"))
            == "bad.yaml:28:1: error: (yaml): expected valid YAML, found a syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 27, column 11)")
    }

    /// A key given twice in one mapping is an error (at its first occurrence).
    @Test func duplicateKey() {
        #expect(F.message(F.dalyCheck(replacing: "seed: 7", with: "seed: 7\nseed: 8"))
            == "bad.yaml:2:1: error: (yaml): expected each key once per mapping, found duplicate key 'seed'")
    }

    /// A file holds one scenario: a second YAML document is an error.
    @Test func secondDocument() {
        #expect(F.message(F.dalyCheck + "---\nname: other\n")
            == "bad.yaml:28:1: error: (yaml): expected a single YAML document, found a second document")
    }

    /// An empty file is an error, not an empty scenario.
    @Test func emptyFile() {
        #expect(F.message("# nothing here\n")
            == "bad.yaml:1:1: error: (top level): expected a mapping with name, pools, jobs and policies, found an empty document")
    }

    /// The document is a mapping.
    @Test func documentIsAList() {
        #expect(F.message("- name: x\n")
            == "bad.yaml:1:1: error: (top level): expected a mapping with name, pools, jobs and policies, found a list")
    }

    /// An unreadable path is a ScenarioError too, at 1:1 with field `(file)`.
    @Test func missingFile() {
        #expect(throws: ScenarioError(
            file: "/nonexistent/scenario.yaml", line: 1, column: 1, field: "(file)",
            expected: "a readable scenario file", found: "no such file"
        )) {
            try ScenarioDecoder.decode(contentsOf: "/nonexistent/scenario.yaml")
        }
        #expect(throws: ScenarioError(
            file: "/tmp", line: 1, column: 1, field: "(file)",
            expected: "a readable scenario file", found: "a directory"
        )) {
            try ScenarioDecoder.decode(contentsOf: "/tmp")
        }
    }
}
