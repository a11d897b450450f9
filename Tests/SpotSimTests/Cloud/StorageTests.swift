import Testing
@testable import SpotSim

/// Checkpoint storage: where a pool stands relative to the bucket, and the transfer time,
/// egress and storage cost that follow, on hand-computed cases (1 GB = 10⁹ bytes, a GB-month
/// is 30 days).
@Suite struct StorageTests {
    /// A pool of `provider` in `region` (only those two matter to storage).
    static func pool(_ provider: Provider, _ region: String) -> Pool {
        var pool = Build.pool(name: "\(provider.rawValue)-\(region)", provider: provider)
        pool.region = region
        return pool
    }

    static let awsEast = pool(.aws, "us-east-1")
    static let awsWest = pool(.aws, "us-west-2")
    static let gcpCentral = pool(.gcp, "us-central1")
    static let gcpEurope = pool(.gcp, "europe-west4")
    static let azureEast = pool(.azure, "eastus")

    /// The AWS bucket in us-east-1 with the default rates.
    static let awsBucket = StoragePlan(bucket: Bucket(provider: .aws, region: "us-east-1"))

    /// `a` and `b` agree to 1e-9 relative.
    static func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    }

    /// Rule: the documented defaults — S3 Standard 0.023, GCS Standard 0.020, Azure Hot LRS 0.018
    /// USD/GB-month; egress 0 in a region, 0.02 between regions, internet by source AWS 0.09,
    /// GCP 0.12, Azure 0.087; 10 Gbit/s between regions, 5 Gbit/s between clouds.
    @Test func defaults() {
        #expect(Bucket(provider: .aws, region: "r").pricePerGBMonth == 0.023)
        #expect(Bucket(provider: .gcp, region: "r").pricePerGBMonth == 0.020)
        #expect(Bucket(provider: .azure, region: "r").pricePerGBMonth == 0.018)
        #expect(Bucket(provider: .aws, region: "r").name == "checkpoints")
        let rates = TransferRates.default
        #expect(rates.sameRegionPerGB == 0)
        #expect(rates.interRegionPerGB == 0.02)
        #expect(rates.internetPerGB == [.aws: 0.09, .gcp: 0.12, .azure: 0.087])
        #expect(rates.interRegionBandwidth == 1.25e9)
        #expect(rates.interCloudBandwidth == 0.625e9)
        #expect(StoragePlan.secondsPerMonth == 2_592_000)
    }

    /// Rule: locality is same region (same provider and region), other region (same provider),
    /// or other cloud (another provider, whatever the region's name); regions compare exactly.
    @Test func locality() {
        let plan = Self.awsBucket
        #expect(plan.locality(ofPool: Self.awsEast) == .sameRegion)
        #expect(plan.locality(ofPool: Self.awsWest) == .otherRegion)
        #expect(plan.locality(ofPool: Self.pool(.aws, "US-EAST-1")) == .otherRegion)
        #expect(plan.locality(ofPool: Self.gcpCentral) == .otherCloud)
        #expect(plan.locality(ofPool: Self.pool(.gcp, "us-east-1")) == .otherCloud)
        #expect(plan.locality(ofPool: Self.azureEast) == .otherCloud)
    }

    /// Rule: in the bucket's own region a restore is free and instant — 0 s and 0 USD extra,
    /// whatever the size.
    @Test func sameRegionIsFreeAndInstant() {
        let plan = Self.awsBucket
        #expect(plan.transferSeconds(bytes: 80e9, toPool: Self.awsEast) == 0)
        #expect(plan.egressUSD(bytes: 80e9, toPool: Self.awsEast) == 0)
        #expect(plan.transferSeconds(bytes: 80e9, fromPool: Self.awsEast) == 0)
        #expect(plan.egressUSD(bytes: 80e9, fromPool: Self.awsEast) == 0)
    }

    /// Rule: a restore from an AWS bucket to a GCP pool crosses clouds: 80 GB at 5 Gbit/s
    /// (0.625 GB/s) takes 128 s, and the internet egress is billed at AWS's (the source's)
    /// 0.09/GB = 7.20 USD, not GCP's 0.12/GB (9.60).
    @Test func awsToGCPBilledAtAWSInternetRate() {
        let plan = Self.awsBucket
        #expect(Self.close(plan.transferSeconds(bytes: 80e9, toPool: Self.gcpCentral), 128))
        #expect(Self.close(plan.egressUSD(bytes: 80e9, toPool: Self.gcpCentral), 7.2))
        // To Azure: also AWS's rate.
        #expect(Self.close(plan.egressUSD(bytes: 80e9, toPool: Self.azureEast), 7.2))
    }

    /// Rule: a restore between two regions of GCP: 100 GB at 10 Gbit/s (1.25 GB/s) takes 80 s
    /// and costs 100 × 0.02 = 2.00 USD.
    @Test func interRegionWithinGCP() {
        let plan = StoragePlan(bucket: Bucket(provider: .gcp, region: "us-central1"))
        #expect(plan.locality(ofPool: Self.gcpEurope) == .otherRegion)
        #expect(Self.close(plan.transferSeconds(bytes: 100e9, toPool: Self.gcpEurope), 80))
        #expect(Self.close(plan.egressUSD(bytes: 100e9, toPool: Self.gcpEurope), 2.0))
    }

    /// Rule: writing a checkpoint from a pool in another cloud to the bucket is billed by the
    /// pool's provider: 80 GB from GCP to an AWS bucket at GCP's 0.12/GB = 9.60 USD, in 128 s.
    @Test func writeFromOtherCloudBilledAtPoolProvider() {
        let plan = Self.awsBucket
        #expect(Self.close(plan.egressUSD(bytes: 80e9, fromPool: Self.gcpCentral), 9.6))
        #expect(Self.close(plan.transferSeconds(bytes: 80e9, fromPool: Self.gcpCentral), 128))
        #expect(Self.close(plan.egressUSD(bytes: 80e9, fromPool: Self.awsWest), 1.6))
    }

    /// Rule: storage is GB × months × price, a month being 30 days: 80 GB in S3 for 15 days is
    /// 80 × 0.5 × 0.023 = 0.92 USD; 200 GB in GCS for 30 days is 4.00; 1 TB in Azure for one
    /// hour is 1000 × (1/720) × 0.018 = 0.025.
    @Test func storageCost() {
        #expect(Self.close(Self.awsBucket.storageUSD(bytes: 80e9, seconds: 15 * 86400), 0.92))
        let gcs = StoragePlan(bucket: Bucket(provider: .gcp, region: "us-central1"))
        #expect(Self.close(gcs.storageUSD(bytes: 200e9, seconds: 30 * 86400), 4.0))
        let azure = StoragePlan(bucket: Bucket(provider: .azure, region: "eastus"))
        #expect(Self.close(azure.storageUSD(bytes: 1e12, seconds: 3600), 0.025))
        #expect(Self.awsBucket.storageUSD(bytes: 0, seconds: 86400) == 0)
    }

    /// Rule: rates set by hand are the ones used: a bucket price of 0.01/GB-month, 0.05/GB
    /// between regions at 2 GB/s, 0.2/GB out of AWS at 1 GB/s.
    @Test func customRates() {
        let rates = TransferRates(
            sameRegionPerGB: 0.001, interRegionPerGB: 0.05, internetPerGB: [.aws: 0.2],
            interRegionBandwidth: 2e9, interCloudBandwidth: 1e9
        )
        let plan = StoragePlan(bucket: Bucket(name: "b", provider: .aws, region: "us-east-1", pricePerGBMonth: 0.01), rates: rates)
        #expect(Self.close(plan.egressUSD(bytes: 10e9, toPool: Self.awsEast), 0.01))
        #expect(Self.close(plan.egressUSD(bytes: 10e9, toPool: Self.awsWest), 0.5))
        #expect(Self.close(plan.transferSeconds(bytes: 10e9, toPool: Self.awsWest), 5))
        #expect(Self.close(plan.egressUSD(bytes: 10e9, toPool: Self.gcpCentral), 2))
        #expect(Self.close(plan.transferSeconds(bytes: 10e9, toPool: Self.gcpCentral), 10))
        // A source provider missing from the internet table is charged nothing.
        #expect(plan.egressUSD(bytes: 10e9, fromPool: Self.gcpCentral) == 0)
        #expect(Self.close(plan.storageUSD(bytes: 10e9, seconds: StoragePlan.secondsPerMonth), 0.1))
    }

    /// Rule: without a bucket (`StoragePlan.noStorage`) nothing is modelled: every pool is "same
    /// region", every transfer takes 0 s and every cost is 0.
    @Test func noBucketCostsNothing() {
        let plan = StoragePlan.noStorage
        #expect(plan.bucket == nil)
        #expect(plan.locality(ofPool: Self.gcpCentral) == .sameRegion)
        #expect(plan.transferSeconds(bytes: 80e9, toPool: Self.gcpCentral) == 0)
        #expect(plan.egressUSD(bytes: 80e9, toPool: Self.gcpCentral) == 0)
        #expect(plan.egressUSD(bytes: 80e9, fromPool: Self.gcpCentral) == 0)
        #expect(plan.storageUSD(bytes: 80e9, seconds: 86400) == 0)
    }

    /// Rule: the storage units — `/GB`, `/GB-month`, bit rates (decimal, 8 bits a byte) and
    /// byte rates — parse to USD and bytes per second; other spellings do not.
    @Test func units() {
        #expect(Units.parsePricePerGB("0.09/GB") == 0.09)
        #expect(Units.parsePricePerGB("0 /GB") == 0)
        #expect(Units.parsePricePerGB("0.023/GB-month") == nil)
        #expect(Units.parsePricePerGBMonth("0.023/GB-month") == 0.023)
        #expect(Units.parsePricePerGBMonth("0.023/GB") == nil)
        #expect(Units.parseBitRate("10Gbit/s") == 1.25e9)
        #expect(Units.parseBitRate("500Mbit/s") == 62.5e6)
        #expect(Units.parseBitRate("1Tbit/s") == 125e9)
        #expect(Units.parseBitRate("10GB/s") == nil)
        #expect(Units.parseDataRate("1.25GB/s") == 1.25e9)
        #expect(Units.parseDataRate("5 Gbit/s") == 0.625e9)
        #expect(Units.parseDataRate("10Gbps") == nil)
        #expect(Units.parseDataRate("-1Gbit/s") == nil)
    }
}
