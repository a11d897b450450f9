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

/// The spot side of a pool: a constant price and the lifetime of each spot node.
public struct SpotMarket: Sendable {
    /// USD per node-hour.
    public var price: Double
    /// Seconds from when a spot node starts running until the provider reclaims it.
    public var lifetime: Distribution
    /// Seconds of warning before a reclaim.
    public var notice: Double
    /// Seconds after which the provider always stops a spot node (GCP preemptible VMs: 24 h),
    /// or `nil` for no limit. A node's lifetime is the smaller of its draw and this.
    public var maxLifetime: Double?

    public init(price: Double, lifetime: Distribution, notice: Double, maxLifetime: Double? = nil) {
        self.price = price
        self.lifetime = lifetime
        self.notice = notice
        self.maxLifetime = maxLifetime
    }
}

/// Whether a node is bought on the spot market or on demand.
public enum Market: String, Sendable, Hashable {
    case spot
    case onDemand = "on-demand"
}
