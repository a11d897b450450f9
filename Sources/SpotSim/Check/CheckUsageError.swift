/// A check that cannot be made as asked: a baseline of another scenario, an unknown metric, a
/// malformed tolerance. The command prints its message and exits 64.
///
/// ```swift
/// throw CheckUsageError("--metric colour: not a metric; metrics: cost_usd, …")
/// ```
public struct CheckUsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
