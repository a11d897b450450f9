/// What makes a result of a JSON report the same result in another report: its job, its
/// policy, its checkpoint interval (`settings.interval`, as written: `30m`, `daly`) and, in a
/// sweep, the value of each swept parameter.
///
/// ```swift
/// let id = ResultIdentity(job: "finetune", policy: "spot", interval: "30m",
///                         sweep: [(path: "jobs.finetune.nodes", value: "4")])
/// id.description   // "finetune / spot / 30m / jobs.finetune.nodes=4"
/// ```
///
/// Sweep values compare as a set of path → value pairs: their order does not matter.
public struct ResultIdentity: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var job: String
    public var policy: String
    public var interval: String
    /// The swept parameters' values in the report's order; empty without a sweep.
    public var sweep: [SweepValue]

    /// One swept parameter's value: `jobs.finetune.nodes` = `4`.
    public struct SweepValue: Sendable, Hashable {
        public var path: String
        public var value: String
        public init(path: String, value: String) {
            self.path = path
            self.value = value
        }
    }

    public init(job: String, policy: String, interval: String, sweep: [(path: String, value: String)] = []) {
        self.job = job
        self.policy = policy
        self.interval = interval
        self.sweep = sweep.map { SweepValue(path: $0.path, value: $0.value) }
    }

    /// The sweep values in path order: what equality and hashing look at.
    private var sortedSweep: [SweepValue] {
        sweep.sorted { ($0.path, $0.value) < ($1.path, $1.value) }
    }

    public static func == (a: ResultIdentity, b: ResultIdentity) -> Bool {
        a.job == b.job && a.policy == b.policy && a.interval == b.interval && a.sortedSweep == b.sortedSweep
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(job)
        hasher.combine(policy)
        hasher.combine(interval)
        hasher.combine(sortedSweep)
    }

    /// Job, policy, interval, then sweep values, each compared as text.
    public static func < (a: ResultIdentity, b: ResultIdentity) -> Bool {
        let left = [a.job, a.policy, a.interval] + a.sortedSweep.flatMap { [$0.path, $0.value] }
        let right = [b.job, b.policy, b.interval] + b.sortedSweep.flatMap { [$0.path, $0.value] }
        return left.lexicographicallyPrecedes(right)
    }

    /// `job / policy / interval`, then ` / path=value, path=value` in a sweep.
    public var description: String {
        var text = "\(job) / \(policy) / \(interval)"
        if !sweep.isEmpty {
            text += " / " + sweep.map { "\($0.path)=\($0.value)" }.joined(separator: ", ")
        }
        return text
    }
}
