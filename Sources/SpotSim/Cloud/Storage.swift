// Checkpoint storage: where checkpoints live (a bucket), and what keeping and moving them
// costs (transfer rates). See `StoragePlan`.

/// An object-storage bucket that holds a job's checkpoints.
public struct Bucket: Sendable, Hashable {
    public var name: String
    public var provider: Provider
    public var region: String
    /// USD per GB-month (1 GB = 10⁹ bytes kept 30 days).
    public var pricePerGBMonth: Double

    /// A bucket; `pricePerGBMonth` defaults to the provider's standard-class list price
    /// (``Bucket/defaultPricePerGBMonth(for:)``).
    public init(name: String = Bucket.defaultName, provider: Provider, region: String, pricePerGBMonth: Double? = nil) {
        self.name = name
        self.provider = provider
        self.region = region
        self.pricePerGBMonth = pricePerGBMonth ?? Bucket.defaultPricePerGBMonth(for: provider)
    }

    /// The name of a bucket that a scenario does not name: `checkpoints`.
    public static let defaultName = "checkpoints"

    /// The list price of the provider's standard storage class, USD per GB-month.
    ///
    /// - AWS: S3 Standard, $0.023/GB-month (first 50 TB, us-east-1); source:
    ///   `shared/notes/cloud-facts.md`, "Storage and transfer" (AWS S3 pricing page).
    /// - GCP: Cloud Storage Standard, $0.020/GB-month; source: `shared/notes/cloud-facts.md`,
    ///   "Storage and transfer" (GCS pricing page).
    /// - Azure: Blob Storage Hot tier, LRS, $0.018/GB-month. **An assumption**: the project's
    ///   notes give no Azure storage price and Azure's own pricing page could not be consulted;
    ///   third-party summaries of it quote "~$0.018 per GB-month" for Hot LRS, first 50 TB,
    ///   US East (e.g. the api-evangelist `microsoft-azure-blob-storage` plans, citing
    ///   azure.microsoft.com/pricing/details/storage/blobs). Prices vary by region.
    public static func defaultPricePerGBMonth(for provider: Provider) -> Double {
        switch provider {
        case .aws: return 0.023
        case .gcp: return 0.020
        case .azure: return 0.018
        }
    }
}

/// How moving bytes between places is priced (USD per GB, 1 GB = 10⁹ bytes) and how fast
/// it goes (bytes per second).
///
/// Egress is billed by the provider the bytes leave: within a region at ``sameRegionPerGB``,
/// to another region of the same cloud at ``interRegionPerGB``, and out to another cloud at
/// ``internetPerGB`` of the *source* provider.
public struct TransferRates: Sendable, Hashable {
    /// USD per GB moved within one region. Default 0: same-region transfer is "free or near
    /// zero" (`shared/notes/cloud-facts.md`, "Storage and transfer").
    public var sameRegionPerGB: Double
    /// USD per GB moved between two regions of the same cloud. Default 0.02, the upper end of
    /// "inter-region within a cloud ≈ $0.01–0.02/GB" (`shared/notes/cloud-facts.md`). The
    /// same rate is used for every provider.
    public var interRegionPerGB: Double
    /// USD per GB leaving a cloud for another cloud (internet egress), by the provider the
    /// bytes leave. Defaults from `shared/notes/cloud-facts.md`, "Storage and transfer": AWS
    /// 0.09; GCP 0.12 (the upper end of its $0.08–0.12 range); Azure 0.087. A provider missing
    /// from the table is charged nothing.
    public var internetPerGB: [Provider: Double]
    /// Bytes per second between two regions of one cloud. Default 1.25e9 (10 Gbit/s):
    /// **an assumption** (no documented figure; sustained object-store throughput varies).
    public var interRegionBandwidth: Double
    /// Bytes per second between two clouds. Default 0.625e9 (5 Gbit/s): **an assumption**
    /// (no documented figure; the public internet path is taken to be half the
    /// inter-region rate).
    public var interCloudBandwidth: Double

    public init(
        sameRegionPerGB: Double = 0,
        interRegionPerGB: Double = 0.02,
        internetPerGB: [Provider: Double] = TransferRates.defaultInternetPerGB,
        interRegionBandwidth: Double = 1.25e9,
        interCloudBandwidth: Double = 0.625e9
    ) {
        self.sameRegionPerGB = sameRegionPerGB
        self.interRegionPerGB = interRegionPerGB
        self.internetPerGB = internetPerGB
        self.interRegionBandwidth = interRegionBandwidth
        self.interCloudBandwidth = interCloudBandwidth
    }

    /// Internet egress list prices, USD per GB, by source provider (see ``internetPerGB``).
    public static let defaultInternetPerGB: [Provider: Double] = [.aws: 0.09, .gcp: 0.12, .azure: 0.087]

    /// The documented defaults (see each property).
    public static let `default` = TransferRates()
}

/// Where a pool stands relative to the bucket.
public enum Locality: Sendable, Hashable {
    /// Same provider, same region: no transfer time, ``TransferRates/sameRegionPerGB``.
    case sameRegion
    /// Same provider, another region.
    case otherRegion
    /// Another provider.
    case otherCloud
}

/// What the engine knows about checkpoint storage: the bucket (or none) and the transfer rates.
///
/// A checkpoint is kept in one ``Bucket`` (a provider and region, billed per GB-month). A job
/// that restarts on a pool in another region or another cloud first brings the checkpoint
/// over: that takes ``transferSeconds(bytes:toPool:)`` on top of the job's own restore time,
/// and costs ``egressUSD(bytes:toPool:)``, billed by the bucket's provider.
///
/// ```swift
/// let plan = StoragePlan(bucket: Bucket(provider: .aws, region: "us-east-1"))
/// plan.locality(ofPool: gcpPool)                       // .otherCloud
/// plan.transferSeconds(bytes: 80e9, toPool: gcpPool)   // 128 s at 5 Gbit/s
/// plan.egressUSD(bytes: 80e9, toPool: gcpPool)         // 7.2 USD at AWS's 0.09/GB
/// plan.storageUSD(bytes: 80e9, seconds: 15 * 86400)    // 0.92 USD: 80 GB × ½ month × 0.023
/// ```
///
/// Units: bytes are decimal (1 GB = 10⁹ bytes); a GB-month is 1 GB kept for
/// ``secondsPerMonth`` = 30 days. Scenario files write sizes, prices and bandwidths with units
/// (`80GB`, `0.023/GB-month`, `0.09/GB`, `10Gbit/s`); here they are plain numbers.
///
/// With no bucket (``noStorage``, the default of a scenario without `storage:`) nothing is
/// modelled: every transfer takes 0 s and every cost is 0, as before storage existed.
public struct StoragePlan: Sendable, Hashable {
    /// Where checkpoints are kept; `nil` for no storage modelled.
    public var bucket: Bucket?
    public var rates: TransferRates

    public init(bucket: Bucket?, rates: TransferRates = .default) {
        self.bucket = bucket
        self.rates = rates
    }

    /// No storage modelled: no bucket, zero cost and zero transfer time everywhere.
    public static let noStorage = StoragePlan(bucket: nil)

    /// Bytes in a GB: decimal, 10⁹.
    public static let bytesPerGB: Double = 1e9
    /// Seconds in the month of a GB-month: 30 days (2 592 000 s). Providers bill storage as
    /// byte-hours averaged over the calendar month, so a 31-day month costs slightly less per
    /// second; 30 days is the convention used here.
    public static let secondsPerMonth: Double = 30 * 86400
}

extension StoragePlan {
    /// Where `pool` stands relative to the bucket: the same provider and region, another region
    /// of the same provider, or another provider. Regions are compared as written (exact,
    /// case-sensitive). Without a bucket every pool is `.sameRegion`.
    public func locality(ofPool pool: Pool) -> Locality {
        guard let bucket else { return .sameRegion }
        if pool.provider != bucket.provider { return .otherCloud }
        return pool.region == bucket.region ? .sameRegion : .otherRegion
    }

    /// Extra seconds to bring a checkpoint of `bytes` from the bucket to `pool` (0 in the same
    /// region): `bytes` ÷ the inter-region or inter-cloud bandwidth. This comes on top of the
    /// job's own restore time.
    public func transferSeconds(bytes: Double, toPool pool: Pool) -> Double {
        transferSeconds(bytes: bytes, locality: locality(ofPool: pool))
    }

    /// USD of egress to bring `bytes` from the bucket to `pool`, billed by the bucket's
    /// provider: `bytes` ÷ 10⁹ × the same-region, inter-region or (the bucket provider's)
    /// internet rate.
    public func egressUSD(bytes: Double, toPool pool: Pool) -> Double {
        guard let bucket else { return 0 }
        return egressUSD(bytes: bytes, locality: locality(ofPool: pool), source: bucket.provider)
    }

    /// Extra seconds to send a checkpoint of `bytes` written on `pool` to the bucket: the same
    /// bandwidths as ``transferSeconds(bytes:toPool:)`` (0 in the same region).
    public func transferSeconds(bytes: Double, fromPool pool: Pool) -> Double {
        transferSeconds(bytes: bytes, locality: locality(ofPool: pool))
    }

    /// USD of egress to send `bytes` written on `pool` to the bucket, billed by the *pool's*
    /// provider (ingress into the bucket is free): for a pool in another cloud, the pool
    /// provider's internet rate.
    public func egressUSD(bytes: Double, fromPool pool: Pool) -> Double {
        guard bucket != nil else { return 0 }
        return egressUSD(bytes: bytes, locality: locality(ofPool: pool), source: pool.provider)
    }

    /// USD to keep `bytes` in the bucket for `seconds`: GB × months × the bucket's
    /// price per GB-month, with 1 GB = 10⁹ bytes and 1 month = 30 days
    /// (``secondsPerMonth``). 0 without a bucket.
    public func storageUSD(bytes: Double, seconds: Double) -> Double {
        guard let bucket else { return 0 }
        return bytes / StoragePlan.bytesPerGB * (seconds / StoragePlan.secondsPerMonth) * bucket.pricePerGBMonth
    }

    /// `bytes` ÷ the bandwidth of `locality`; 0 in the same region or without a bucket.
    func transferSeconds(bytes: Double, locality: Locality) -> Double {
        guard bucket != nil else { return 0 }
        switch locality {
        case .sameRegion: return 0
        case .otherRegion: return bytes / rates.interRegionBandwidth
        case .otherCloud: return bytes / rates.interCloudBandwidth
        }
    }

    /// `bytes` in GB × the rate of `locality`, the internet rate being `source`'s.
    func egressUSD(bytes: Double, locality: Locality, source: Provider) -> Double {
        let perGB: Double
        switch locality {
        case .sameRegion: perGB = rates.sameRegionPerGB
        case .otherRegion: perGB = rates.interRegionPerGB
        case .otherCloud: perGB = rates.internetPerGB[source] ?? 0
        }
        return bytes / StoragePlan.bytesPerGB * perGB
    }
}
