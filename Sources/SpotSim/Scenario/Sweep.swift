/// A scenario's `sweep:` block: settings varied over lists or ranges, as a grid.
///
/// Each parameter names a setting of the file by its path (`jobs.train.nodes`,
/// `pools.aws-h100.spot.lifetime.scale`, …) and the values it takes. The grid is the
/// Cartesian product of the parameters in file order, the first varying slowest; every grid
/// point is a whole scenario, decoded and validated like the file itself with its values
/// substituted. Every point runs the same replications on the same random numbers (streams
/// are keyed by seed, replication and component, never by point), so points and the policies
/// within each point are compared on common random numbers.
///
/// ```yaml
/// sweep:
///   jobs.finetune.checkpoint.interval: [15m, 30m, 1h]
///   pools.aws-h100.spot.lifetime.scale: { from: 1h, to: 4h, step: 1h }
/// ```
public struct Sweep: Sendable {
    /// One varied setting.
    public struct Parameter: Sendable, Hashable {
        /// The setting's path as the file writes it (`jobs.finetune.nodes`).
        public var path: String
        /// The values it takes, in order: a scalar as written (`30m`), a range's values as
        /// generated (`0.5h`, `1h`, …), a list or mapping in compact flow style (`[15m, 30m]`,
        /// `{ distribution: exponential, mean: 2h }`).
        public var values: [String]

        public init(path: String, values: [String]) {
            self.path = path
            self.values = values
        }
    }

    /// The varied settings, in file order.
    public var parameters: [Parameter]
    /// The grid, first parameter varying slowest.
    public var points: [SweepPoint]

    public init(parameters: [Parameter], points: [SweepPoint]) {
        self.parameters = parameters
        self.points = points
    }
}

/// One point of a sweep's grid: the value of each parameter and the scenario they make.
public struct SweepPoint: Sendable {
    /// The value of each of the sweep's parameters, in parameter order (empty without a sweep).
    public var values: [String]
    /// The scenario at this point (without a sweep of its own).
    public var scenario: Scenario

    public init(values: [String], scenario: Scenario) {
        self.values = values
        self.scenario = scenario
    }
}
