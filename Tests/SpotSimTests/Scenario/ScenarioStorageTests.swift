import SpotSimTestSupport
import Testing
@testable import SpotSim

/// The top-level `storage:` key (bucket, egress, bandwidth) and the checkpoint keys it
/// relates to (`size`, `keep`).
@Suite struct ScenarioStorageTests {
    typealias F = ScenarioFixtures

    /// The documented example with a checkpoint size of 80GB (line 26) and `storage` appended
    /// at line 29 (line 28 without the size).
    static func yaml(storage: String, size: Bool = true) -> String {
        let base = size ? F.dalyCheck(replacing: "      restore: 0s\n", with: "      restore: 0s\n      size: 80GB\n") : F.dalyCheck
        return base + storage
    }

    static func decode(_ yaml: String) throws -> Scenario {
        try ScenarioDecoder.decode(yaml: yaml, file: "storage.yaml")
    }

    /// Rule: without `storage:` no storage is modelled (no bucket, zero cost), and a checkpoint
    /// keeps one copy.
    @Test func absentMeansNoStorage() throws {
        let scenario = try Self.decode(F.dalyCheck)
        #expect(scenario.storage == .noStorage)
        #expect(scenario.storage.bucket == nil)
        #expect(scenario.jobs[0].checkpoint.keep == 1)
    }

    /// Rule: the smallest form names provider and region; the name defaults to `checkpoints`,
    /// the price to the provider's list price, every rate to ``TransferRates/default``.
    @Test func minimalBucket() throws {
        let scenario = try Self.decode(Self.yaml(storage: "storage: { bucket: { provider: gcp, region: us-central1 } }\n"))
        #expect(scenario.storage.bucket == Bucket(name: "checkpoints", provider: .gcp, region: "us-central1", pricePerGBMonth: 0.020))
        #expect(scenario.storage.rates == .default)
    }

    /// Rule: every key in block style — bucket name and price, egress in a region, between
    /// regions and per source provider, bandwidths in Gbit/s — lands in the plan.
    @Test func fullBlockForm() throws {
        let storage = """
        storage:
          bucket:
            name: ckpt-east
            provider: aws
            region: us-east-1
            price: 0.0125/GB-month
          egress:
            same_region: 0.001/GB
            inter_region: 0.01/GB
            internet: { aws: 0.05/GB, gcp: 0.08/GB, azure: 0.07/GB }
          bandwidth:
            inter_region: 20Gbit/s
            inter_cloud: 800Mbit/s

        """
        let plan = try Self.decode(Self.yaml(storage: storage)).storage
        #expect(plan.bucket == Bucket(name: "ckpt-east", provider: .aws, region: "us-east-1", pricePerGBMonth: 0.0125))
        #expect(plan.rates == TransferRates(
            sameRegionPerGB: 0.001, interRegionPerGB: 0.01, internetPerGB: [.aws: 0.05, .gcp: 0.08, .azure: 0.07],
            interRegionBandwidth: 2.5e9, interCloudBandwidth: 100e6
        ))
    }

    /// Rule: one `internet` price applies to every source provider; a mapping sets only the
    /// providers it names (the others keep their defaults); bandwidths may be byte rates.
    @Test func internetFormsAndByteRates() throws {
        let one = try Self.decode(Self.yaml(storage: """
        storage: { bucket: { provider: azure, region: eastus }, egress: { internet: 0.1/GB }, bandwidth: { inter_cloud: 2GB/s } }

        """)).storage
        #expect(one.bucket?.pricePerGBMonth == 0.018)
        #expect(one.rates.internetPerGB == [.aws: 0.1, .gcp: 0.1, .azure: 0.1])
        #expect(one.rates.interCloudBandwidth == 2e9)
        #expect(one.rates.interRegionBandwidth == 1.25e9)
        #expect(one.rates.interRegionPerGB == 0.02)

        let partial = try Self.decode(Self.yaml(storage: """
        storage: { bucket: { provider: aws, region: us-east-1 }, egress: { internet: { gcp: 0.08/GB } } }

        """)).storage
        #expect(partial.rates.internetPerGB == [.aws: 0.09, .gcp: 0.08, .azure: 0.087])
    }

    /// Rule: zero prices are allowed (free storage, free egress).
    @Test func zeroPrices() throws {
        let plan = try Self.decode(Self.yaml(storage: """
        storage: { bucket: { provider: aws, region: us-east-1, price: 0/GB-month }, egress: { inter_region: 0/GB } }

        """)).storage
        #expect(plan.bucket?.pricePerGBMonth == 0)
        #expect(plan.rates.interRegionPerGB == 0)
    }

    /// Rule: `keep` (default 1) is how many checkpoints the bucket holds; the stored bytes are
    /// size × keep.
    @Test func keep() throws {
        let scenario = try Self.decode(F.dalyCheck(replacing: "      restore: 0s\n", with: "      restore: 0s\n      size: 80GB\n      keep: 3\n"))
        #expect(scenario.jobs[0].checkpoint.keep == 3)
        #expect(scenario.jobs[0].checkpoint.storedBytes == 240e9)
    }

    /// Rule: the plan reaches the engine through `Scenario.storage`, and its arithmetic applies
    /// to the scenario's pools: an AWS pool restoring from a GCP bucket pays GCP's internet rate.
    @Test func planAppliesToDecodedPools() throws {
        let scenario = try Self.decode(Self.yaml(storage: "storage: { bucket: { provider: gcp, region: us-central1 } }\n"))
        let pool = scenario.pools[0]
        let bytes = try #require(scenario.jobs[0].checkpoint.sizeBytes)
        #expect(scenario.storage.locality(ofPool: pool) == .otherCloud)
        #expect(abs(scenario.storage.egressUSD(bytes: bytes, toPool: pool) - 9.6) < 1e-9)
        #expect(abs(scenario.storage.transferSeconds(bytes: bytes, toPool: pool) - 128) < 1e-9)
    }

    /// Rule: the `storage` snippet of `docs/scenario-format.md` decodes to the plan it describes.
    @Test func documentedSnippetDecodes() throws {
        let blocks = ScenarioFormatDocTests.yamlBlocks(try ScenarioFormatDocTests.document())
        let snippet = try #require(blocks.first { $0.hasPrefix("storage:") })
        let plan = try Self.decode(Self.yaml(storage: snippet)).storage
        #expect(plan == StoragePlan(bucket: Bucket(name: "ckpt", provider: .aws, region: "us-east-1", pricePerGBMonth: 0.023)))
    }

    // MARK: - Malformed

    /// Rule: with `storage`, every checkpoint needs a `size`, reported at the checkpoint mapping.
    @Test func sizeRequiredWithStorage() {
        #expect(F.message(Self.yaml(storage: "storage: { bucket: { provider: aws, region: us-east-1 } }\n", size: false))
            == "bad.yaml:23:7: error: jobs[0].checkpoint.size: expected a size like 80GB (storage is given), found nothing (key is missing)")
    }

    /// Rule: `storage` needs a `bucket`.
    @Test func bucketMissing() {
        #expect(F.message(Self.yaml(storage: "storage: { egress: { inter_region: 0.02/GB } }\n"))
            == "bad.yaml:29:10: error: storage.bucket: expected a mapping with provider and region, and optionally name and price, found nothing (key is missing)")
    }

    /// Rule: an empty `storage:` is an error, not "no storage".
    @Test func emptyStorage() {
        #expect(F.message(Self.yaml(storage: "storage:\n"))
            == "bad.yaml:29:9: error: storage: expected a mapping with bucket, and optionally egress and bandwidth, found an empty value")
    }

    /// Rule: unknown keys in `storage` list the allowed ones.
    @Test func unknownStorageKey() {
        #expect(F.message(Self.yaml(storage: "storage: { bucket: { provider: aws, region: us-east-1 }, egres: {} }\n"))
            == "bad.yaml:29:58: error: storage: expected one of bucket, egress, bandwidth, found unknown key 'egres' (did you mean 'egress'?)")
    }

    /// Rule: the bucket's provider is one of the known clouds.
    @Test func unknownProvider() {
        #expect(F.message(Self.yaml(storage: "storage: { bucket: { provider: oracle, region: us-ashburn-1 } }\n"))
            == "bad.yaml:29:32: error: storage.bucket.provider: expected one of aws, gcp, azure, found 'oracle'")
    }

    /// Rule: a bucket without a region is refused at the bucket mapping.
    @Test func regionMissing() {
        #expect(F.message(Self.yaml(storage: "storage: { bucket: { provider: aws } }\n"))
            == "bad.yaml:29:20: error: storage.bucket.region: expected a region like us-east-1, found nothing (key is missing)")
    }

    /// Rule: a bucket price is per GB-month; a per-GB price is the wrong unit.
    @Test func bucketPriceUnit() {
        #expect(F.message(Self.yaml(storage: "storage: { bucket: { provider: aws, region: us-east-1, price: 0.023/GB } }\n"))
            == "bad.yaml:29:63: error: storage.bucket.price: expected a price per GB-month like 0.023/GB-month, found '0.023/GB'")
    }

    /// Rule: egress prices are ≥ 0 per GB.
    @Test func negativeEgress() {
        #expect(F.message(Self.yaml(storage: "storage: { bucket: { provider: aws, region: us-east-1 }, egress: { inter_region: -0.02/GB } }\n"))
            == "bad.yaml:29:82: error: storage.egress.inter_region: expected a price per GB like 0.02/GB, found '-0.02/GB'")
    }

    /// Rule: `internet` providers are known clouds; a list is neither a price nor a mapping.
    @Test func badInternet() {
        #expect(F.message(Self.yaml(storage: "storage: { bucket: { provider: aws, region: us-east-1 }, egress: { internet: { ibm: 0.09/GB } } }\n"))
            == "bad.yaml:29:80: error: storage.egress.internet: expected one of aws, gcp, azure, found unknown key 'ibm'")
        #expect(F.message(Self.yaml(storage: "storage: { bucket: { provider: aws, region: us-east-1 }, egress: { internet: [0.09/GB] } }\n"))
            == "bad.yaml:29:78: error: storage.egress.internet: expected a price per GB like 0.09/GB, or a mapping from provider to price like { aws: 0.09/GB }, found a list")
    }

    /// Rule: a bandwidth is greater than 0, in Gbit/s-style or GB/s-style units.
    @Test func badBandwidth() {
        #expect(F.message(Self.yaml(storage: "storage: { bucket: { provider: aws, region: us-east-1 }, bandwidth: { inter_cloud: 0Gbit/s } }\n"))
            == "bad.yaml:29:84: error: storage.bandwidth.inter_cloud: expected a bandwidth greater than 0 like 10Gbit/s or 1.25GB/s, found '0Gbit/s'")
        #expect(F.message(Self.yaml(storage: "storage: { bucket: { provider: aws, region: us-east-1 }, bandwidth: { inter_region: 10Gbps } }\n"))
            == "bad.yaml:29:85: error: storage.bandwidth.inter_region: expected a bandwidth greater than 0 like 10Gbit/s or 1.25GB/s, found '10Gbps'")
    }

    /// Rule: `keep` is an integer of at least 1.
    @Test func badKeep() {
        #expect(F.message(F.dalyCheck(replacing: "      restore: 0s\n", with: "      restore: 0s\n      keep: 0\n"))
            == "bad.yaml:26:13: error: jobs[0].checkpoint.keep: expected an integer from 1 to 1000, found '0'")
    }

    /// Rule: `storage` is read after `pools` and before `jobs`: a storage error wins over a job
    /// error elsewhere in the file.
    @Test func storageCheckedBeforeJobs() {
        let yaml = Self.yaml(storage: "storage: { bucket: { provider: aws } }\n").replacingOccurrences(of: "work: 100h", with: "work: fast")
        #expect(F.message(yaml)?.contains("storage.bucket.region") == true)
    }
}
