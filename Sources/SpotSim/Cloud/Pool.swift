import Stochastics

/// One place to get nodes: a provider, region and instance type with its GPUs, prices,
/// preemption behaviour, provisioning delay and billing rule.
///
/// Times are seconds; prices are USD per node-hour.
public struct Pool: Sendable {
    public var name: String
    public var provider: Provider
    public var region: String
    public var instance: String
    /// GPU model, e.g. `"H100"`.
    public var gpu: String
    public var gpusPerNode: Int
    /// USD per node-hour.
    public var onDemandPrice: Double
    /// The spot market of this pool, or `nil` when the pool sells on-demand capacity only.
    public var spot: SpotMarket?
    /// Seconds from a launch request until the node runs.
    public var provisioning: Distribution
    public var billing: BillingRule

    public init(
        name: String, provider: Provider, region: String, instance: String, gpu: String,
        gpusPerNode: Int, onDemandPrice: Double, spot: SpotMarket?, provisioning: Distribution,
        billing: BillingRule
    ) {
        self.name = name
        self.provider = provider
        self.region = region
        self.instance = instance
        self.gpu = gpu
        self.gpusPerNode = gpusPerNode
        self.onDemandPrice = onDemandPrice
        self.spot = spot
        self.provisioning = provisioning
        self.billing = billing
    }
}

/// The spot side of a pool: its price process, the lifetime of each spot node, and the
/// availability of spot capacity.
///
/// ```swift
/// let market = SpotMarket(price: 0.97, lifetime: .exponential(mean: 7200), notice: 120)
/// let volatile = SpotMarket(
///     priceProcess: .logOrnsteinUhlenbeck(mean: 0.97, volatilityPerSqrtHour: 0.3, reversionTime: 21_600, step: 300),
///     lifetime: .exponential(mean: 7200), notice: 120,
///     availability: .alternating(up: .exponential(mean: 28_800), down: .exponential(mean: 7200),
///                                start: .stationary, reclaimProbability: 1),
///     launchFailureProbability: 0.1)
/// ```
public struct SpotMarket: Sendable {
    /// How the spot price (USD per node-hour) moves over time; realised per replication by a
    /// ``PricePath``.
    public var priceProcess: PriceProcess
    /// Seconds from when a spot node starts running until the provider reclaims it, or `nil`
    /// when nodes live until the pool's capacity drops (an availability process or trace
    /// alone preempts them).
    public var lifetime: Distribution?
    /// Seconds of warning before a reclaim.
    public var notice: Double
    /// Seconds after which the provider always stops a spot node (GCP preemptible VMs: 24 h),
    /// or `nil` for no limit. A node's lifetime is the smaller of its draw and this.
    public var maxLifetime: Double?
    /// Whether spot capacity is there over time (and what a drop does to running nodes);
    /// realised per replication by an ``AvailabilityPath``.
    public var availability: Availability = .always
    /// The probability that a launch attempt fails even while capacity is up, in [0, 1); a
    /// failed attempt takes the provisioning delay to find out.
    public var launchFailureProbability: Double = 0

    /// The nominal spot price, USD per node-hour: ``PriceProcess/nominalPrice`` (the constant,
    /// a series' price at time 0, a log-OU's long-run median μ). Used to rank pools by price;
    /// bill with a ``PricePath`` of ``priceProcess``. Setting it makes the price constant.
    public var price: Double {
        get { priceProcess.nominalPrice }
        set { priceProcess = .constant(newValue) }
    }

    /// A market with a constant spot price of `price` USD per node-hour.
    public init(
        price: Double, lifetime: Distribution?, notice: Double, maxLifetime: Double? = nil,
        availability: Availability = .always, launchFailureProbability: Double = 0
    ) {
        self.init(
            priceProcess: .constant(price), lifetime: lifetime, notice: notice, maxLifetime: maxLifetime,
            availability: availability, launchFailureProbability: launchFailureProbability
        )
    }

    /// A market whose spot price follows `priceProcess`.
    public init(
        priceProcess: PriceProcess, lifetime: Distribution?, notice: Double, maxLifetime: Double? = nil,
        availability: Availability = .always, launchFailureProbability: Double = 0
    ) {
        self.priceProcess = priceProcess
        self.lifetime = lifetime
        self.notice = notice
        self.maxLifetime = maxLifetime
        self.availability = availability
        self.launchFailureProbability = launchFailureProbability
    }
}

/// Whether a node is bought on the spot market or on demand.
public enum Market: String, Sendable, Hashable {
    case spot
    case onDemand = "on-demand"
}
