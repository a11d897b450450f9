/// A placement policy as a scenario names it, with its parameters.
///
/// ```yaml
/// policies: [on-demand, spot, { name: spot-fallback, after: 3, pool: spot-a }]
/// ```
public struct PolicySpec: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case onDemand = "on-demand"
        case spot
        case spotFallback = "spot-fallback"
        case failover
        case eagerNextRegion = "eager-next-region"
        case cheapestAvailable = "cheapest-available"
        case greedy
        case uniformProgress = "uniform-progress"
        case omniscient

        /// Whether the policy needs the job to have a deadline.
        public var needsDeadline: Bool { self == .greedy || self == .uniformProgress || self == .omniscient }
    }

    public var kind: Kind
    /// The pool to use; `nil` picks the cheapest pool with the job's GPU.
    public var pool: String?
    /// For `spot-fallback`: the number of preemptions after which the job moves to on-demand.
    public var fallbackAfter: Int
    /// For `spot-fallback`: seconds on on-demand after which the job returns to spot at a
    /// checkpoint when spot capacity is up; `nil` to stay on on-demand.
    public var returnAfter: Double?

    /// The default of `after` for `spot-fallback`.
    public static let defaultFallbackAfter = 3

    public init(kind: Kind, pool: String? = nil, fallbackAfter: Int = PolicySpec.defaultFallbackAfter, returnAfter: Double? = nil) {
        self.kind = kind
        self.pool = pool
        self.fallbackAfter = fallbackAfter
        self.returnAfter = returnAfter
    }

    /// The policy's name with its non-default parameters: `spot`, `spot-fallback(after=2)`,
    /// `spot-fallback(after=2,return_after=1h)`, `spot@spot-b`.
    public var description: String {
        var text = kind.rawValue
        if kind == .spotFallback {
            var parameters: [String] = []
            if fallbackAfter != PolicySpec.defaultFallbackAfter { parameters.append("after=\(fallbackAfter)") }
            if let returnAfter { parameters.append("return_after=\(Units.formatDuration(returnAfter))") }
            if !parameters.isEmpty { text += "(" + parameters.joined(separator: ",") + ")" }
        }
        if let pool { text += "@\(pool)" }
        return text
    }
}
