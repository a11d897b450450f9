import SpotSim
import SpotSimTestSupport
import Testing

/// Policy parameters beyond `after`: `return_after` and the SkyPilot policy names.
@Suite struct ScenarioPolicyParameterTests {
    static func yaml(policies: String) -> String {
        ScenarioFixtures.dalyCheck.replacingOccurrences(of: "policies: [spot]", with: "policies: \(policies)")
    }

    /// `return_after` decodes to seconds on `spot-fallback`, and names the policy in reports.
    @Test func returnAfterDecodes() throws {
        let scenario = try ScenarioDecoder.decode(
            yaml: Self.yaml(policies: "[failover, eager-next-region, { name: spot-fallback, after: 2, return_after: 90m }]"),
            file: "ok.yaml")
        #expect(scenario.policies.map(\.kind) == [.failover, .eagerNextRegion, .spotFallback])
        #expect(scenario.policies[2].returnAfter == 5400)
        #expect(scenario.policies[2].description == "spot-fallback(after=2,return_after=1.5h)")
    }

    /// `return_after` on another policy is an error naming the key.
    @Test func returnAfterOnlyOnSpotFallback() {
        do {
            _ = try ScenarioDecoder.decode(yaml: Self.yaml(policies: "[{ name: spot, return_after: 1h }]"), file: "bad.yaml")
            Issue.record("decoded a return_after on spot")
        } catch {
            #expect(error.description == "bad.yaml:27:40: error: policies[0].return_after: expected no return_after key (only spot-fallback takes one), found '1h'")
        }
    }
}
