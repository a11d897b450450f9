/// How a provider turns the seconds a node ran into billed seconds.
///
/// AWS bills Linux instances per second with a 60 s minimum; GCP per second after a one-minute
/// minimum; Azure per minute, partial minutes not charged. AWS does not charge a spot instance
/// it interrupts within its first hour.
///
/// ```swift
/// let aws = BillingRule(granularity: 1, minimum: 60, rounding: .up)
/// aws.billedSeconds(forRunning: 12.3)   // 60
/// aws.billedSeconds(forRunning: 75.2)   // 76
/// ```
///
/// - Complexity: O(1).
public struct BillingRule: Sendable, Hashable {
    /// Whether a partial billing unit is charged in full or not at all.
    public enum Rounding: String, Sendable, Hashable {
        case up
        case down
    }

    /// The billing unit in seconds (1 for per-second billing, 60 for per-minute).
    public var granularity: Double
    /// The least number of seconds billed for any node that ran at all.
    public var minimum: Double
    /// How a partial unit is billed.
    public var rounding: Rounding
    /// A spot node the provider interrupts before it has run this many seconds is not charged
    /// at all (AWS: 3600, "Billing for interrupted Spot Instances"); 0 for no such rule.
    public var freeIfInterruptedWithin: Double

    public init(granularity: Double, minimum: Double, rounding: Rounding, freeIfInterruptedWithin: Double = 0) {
        self.granularity = granularity
        self.minimum = minimum
        self.rounding = rounding
        self.freeIfInterruptedWithin = freeIfInterruptedWithin
    }

    /// The seconds billed for a node that ran for `seconds`, `interrupted` when the provider
    /// reclaimed it (rather than the user releasing it).
    @inlinable
    public func billedSeconds(forRunning seconds: Double, interrupted: Bool = false) -> Double {
        if interrupted, seconds < freeIfInterruptedWithin { return 0 }
        if granularity == 1 {
            // Per-second billing: dividing and multiplying by 1 change nothing, so skip them
            // (the division's latency is most of this function's time).
            return Swift.max(rounding == .up ? seconds.rounded(.up) : seconds.rounded(.down), minimum)
        }
        let units = seconds / granularity
        let whole = rounding == .up ? units.rounded(.up) : units.rounded(.down)
        return Swift.max(whole * granularity, minimum)
    }
}
