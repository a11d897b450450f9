/// A cloud provider, with the defaults its documentation states.
///
/// Defaults come from the providers' own documentation (see `BillingRule` and
/// `Provider.defaultNotice`): AWS gives a 2-minute interruption notice, GCP and Azure 30 s.
public enum Provider: String, Sendable, CaseIterable, Hashable {
    case aws
    case gcp
    case azure

    /// The preemption notice, in seconds, that the provider documents for spot capacity.
    ///
    /// AWS EC2 Spot: 2 minutes ("Spot Instance interruption notices"); GCP Spot VMs: 30 s;
    /// Azure Spot: 30 s (Scheduled Events `Preempt`).
    public var defaultNotice: Double {
        switch self {
        case .aws: return 120
        case .gcp, .azure: return 30
        }
    }

    /// The provider's billing rule for running nodes.
    public var defaultBilling: BillingRule {
        switch self {
        case .aws: return BillingRule(granularity: 1, minimum: 60, rounding: .up, freeIfInterruptedWithin: 3600)
        case .gcp: return BillingRule(granularity: 1, minimum: 60, rounding: .up)
        case .azure: return BillingRule(granularity: 60, minimum: 0, rounding: .down)
        }
    }
}
