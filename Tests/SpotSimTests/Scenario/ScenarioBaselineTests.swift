import SpotSimTestSupport
import Testing
@testable import SpotSim

/// The top-level `baseline:` key: the policy the others are compared with.
@Suite struct ScenarioBaselineTests {
    typealias F = ScenarioFixtures

    /// The policy kinds as decoder messages list them.
    static let kinds = PolicySpec.Kind.allCases.map(\.rawValue).joined(separator: ", ")

    /// The example scenario with `policies` replaced by `policies` and `baseline` (when given)
    /// appended on line 28.
    static func yaml(policies: String, baseline: String? = nil) -> String {
        var text = F.dalyCheck(replacing: "policies: [spot]\n", with: "policies: \(policies)\n")
        if let baseline { text += "baseline: \(baseline)\n" }
        return text
    }

    static func decode(_ yaml: String) throws -> Scenario {
        try ScenarioDecoder.decode(yaml: yaml, file: "ok.yaml")
    }

    /// Rule: without `baseline`, the baseline is `on-demand` when the policies list it.
    @Test func defaultIsOnDemandWhenListed() throws {
        let scenario = try Self.decode(Self.yaml(policies: "[spot, on-demand]"))
        #expect(scenario.baseline == PolicySpec(kind: .onDemand))
    }

    /// Rule: without `baseline` and without plain `on-demand` among the policies there is no
    /// comparison (an on-demand policy pinned to a pool is not the default).
    @Test func defaultIsNoneOtherwise() throws {
        #expect(try Self.decode(F.dalyCheck).baseline == nil)
        let pinned = try Self.decode(Self.yaml(policies: "[spot, { name: on-demand, pool: spot-a }]"))
        #expect(pinned.baseline == nil)
    }

    /// Rule: `baseline` names a listed policy as `policies` writes it — a name, or the same
    /// mapping form, compared as the duplicate check compares policies (`after: 3` is the
    /// default).
    @Test func explicitBaseline() throws {
        let spot = try Self.decode(Self.yaml(policies: "[on-demand, spot]", baseline: "spot"))
        #expect(spot.baseline == PolicySpec(kind: .spot))
        let mapping = try Self.decode(Self.yaml(
            policies: "[on-demand, { name: spot-fallback, after: 2, pool: spot-a }]",
            baseline: "{ name: spot-fallback, pool: spot-a, after: 2 }"
        ))
        #expect(mapping.baseline == PolicySpec(kind: .spotFallback, pool: "spot-a", fallbackAfter: 2))
        let defaultAfter = try Self.decode(Self.yaml(policies: "[on-demand, spot-fallback]", baseline: "{ name: spot-fallback, after: 3 }"))
        #expect(defaultAfter.baseline == PolicySpec(kind: .spotFallback))
    }

    /// Rule: a baseline that is not one of the policies is an error at its value, listing the
    /// policies.
    @Test func baselineNotListed() {
        #expect(F.message(Self.yaml(policies: "[spot]", baseline: "on-demand"))
            == "bad.yaml:28:11: error: baseline: expected one of the policies (spot), found 'on-demand'")
    }

    /// Rule: in the mapping form, the policy found is named as reports name it.
    @Test func mappingBaselineNotListed() {
        #expect(F.message(Self.yaml(policies: "[on-demand, spot-fallback]", baseline: "{ name: spot-fallback, after: 2 }"))
            == "bad.yaml:28:11: error: baseline: expected one of the policies (on-demand, spot-fallback), found 'spot-fallback(after=2)'")
    }

    /// Rule: a baseline that is no policy at all gets the policy messages, under `baseline`.
    @Test func baselineNotAPolicy() {
        #expect(F.message(Self.yaml(policies: "[on-demand, spot]", baseline: "spto"))
            == "bad.yaml:28:11: error: baseline: expected one of \(Self.kinds), found 'spto' (did you mean 'spot'?)")
        #expect(F.message(Self.yaml(policies: "[on-demand, spot]", baseline: "{ name: spot, after: 2 }"))
            == "bad.yaml:28:32: error: baseline.after: expected no after key (only spot-fallback takes one), found '2'")
        #expect(F.message(Self.yaml(policies: "[on-demand, spot]", baseline: "{ name: spot, pool: nowhere }"))
            == "bad.yaml:28:31: error: baseline.pool: expected the name of a pool (spot-a), found 'nowhere'")
        #expect(F.message(Self.yaml(policies: "[on-demand, spot]", baseline: "[spot]"))
            == "bad.yaml:28:11: error: baseline: expected a policy name (\(Self.kinds)) or a mapping like { name: spot, pool: spot-a }, found a list")
    }

    /// Rule: `baseline` is checked after `policies`, whatever the order in the file.
    @Test func checkedAfterPolicies() {
        let text = "baseline: nothing\n" + F.dalyCheck(replacing: "policies: [spot]", with: "policies: [spto]")
        #expect(F.message(text) == "bad.yaml:28:12: error: policies[0]: expected one of \(Self.kinds), found 'spto' (did you mean 'spot'?)")
    }

    /// Rule: `baseline` is one of the top-level keys that unknown-key errors list.
    @Test func unknownTopLevelKeyListsBaseline() {
        #expect(F.message(Self.yaml(policies: "[spot]") + "basline: spot\n")
            == "bad.yaml:28:1: error: (top level): expected one of name, seed, replications, horizon, pools, storage, jobs, policies, baseline, sweep, found unknown key 'basline' (did you mean 'baseline'?)")
    }
}

/// `docs/scenario-format.md`'s Baseline snippet decodes and means what it says.
@Suite struct ScenarioBaselineDocTests {
    /// Rule: the documented `baseline:` example is a valid scenario fragment naming the
    /// listed `spot-fallback(after=2)`.
    @Test func baselineSnippetDecodes() throws {
        let blocks = ScenarioFormatDocTests.yamlBlocks(try ScenarioFormatDocTests.document())
        let snippet = try #require(blocks.first { $0.contains("\nbaseline:") })
        let text = F.dalyCheck(replacing: "policies: [spot]\n", with: snippet)
        let scenario = try ScenarioDecoder.decode(yaml: text, file: "doc.yaml")
        #expect(scenario.baseline == PolicySpec(kind: .spotFallback, fallbackAfter: 2))
        #expect(scenario.policies.count == 3)
    }

    typealias F = ScenarioFixtures
}
