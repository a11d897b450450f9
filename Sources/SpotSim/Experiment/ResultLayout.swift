/// What an experiment's results are about, without the simulation behind them: the scenario's
/// identity, its sweep, and for every grid point its cells' labels, metrics and pairings.
///
/// A run builds it from the scenario; a shard file carries it, so that `spotsim merge`
/// summarises and renders shards with the same code as a single process — and therefore the
/// same bytes — without the scenario or its traces.
///
/// ```swift
/// let layout = try ResultLayout(scenario)
/// layout.points[0].cells[1].policy          // "spot"
/// layout.points[0].cells[1].baselineCell    // 0: paired against on-demand, cell 0
/// ```
public struct ResultLayout: Sendable, Equatable, Codable {
    /// The scenario's `name`.
    public var scenario: String
    public var seed: UInt64
    /// Replications per grid point.
    public var replications: Int
    /// The baseline policy's name; `nil` for no comparison.
    public var baseline: String?
    /// The sweep's parameter paths, in file order (empty without a sweep).
    public var sweepParameters: [String]
    /// The grid points, in order (one without a sweep).
    public var points: [PointLayout]

    /// Grid points × replications: the units of work a run is split into (see ``WorkUnits``).
    public var unitCount: Int { points.count * replications }

    /// The layout of `scenario`'s grid.
    ///
    /// - Throws: `ExperimentError` when a policy cannot run a job or the baseline is not one of
    ///   the policies.
    public init(_ scenario: Scenario) throws(ExperimentError) {
        try self.init(scenario, cells: Self.cells(of: scenario))
    }

    /// The layout of `scenario` whose grid points have the cells `cells` (from ``cells(of:)``).
    init(_ scenario: Scenario, cells: [[Cell]]) {
        self.scenario = scenario.name
        seed = scenario.seed
        replications = scenario.replications
        baseline = scenario.baseline?.description
        sweepParameters = scenario.sweep?.parameters.map(\.path) ?? []
        points = zip(scenario.gridPoints, cells).map { point, cells in
            PointLayout(point: point, cells: cells)
        }
    }

    /// Every grid point's cells, checked: a baseline that is not among the policies and a
    /// policy that cannot run a job are errors.
    static func cells(of scenario: Scenario) throws(ExperimentError) -> [[Cell]] {
        if let baseline = scenario.baseline, !scenario.policies.contains(baseline) {
            throw ExperimentError(
                message: "baseline \(baseline) is not one of the policies (\(scenario.policies.map(\.description).joined(separator: ", ")))"
            )
        }
        var all: [[Cell]] = []
        for point in scenario.gridPoints {
            do {
                all.append(try point.scenario.cells())
            } catch {
                throw ExperimentError(message: Self.at(point, in: scenario) + error.description)
            }
        }
        return all
    }

    /// `sweep point a = 1, b = 2: ` for a point of a sweep, else nothing: the prefix of
    /// messages about one point.
    public static func at(_ point: SweepPoint, in scenario: Scenario) -> String {
        guard let sweep = scenario.sweep else { return "" }
        let values = zip(sweep.parameters, point.values).map { "\($0.path) = \($1)" }
        return "sweep point " + values.joined(separator: ", ") + ": "
    }
}

/// One grid point of a ``ResultLayout``.
public struct PointLayout: Sendable, Equatable, Codable {
    /// The value of each sweep parameter at this point (empty without a sweep).
    public var sweepValues: [String]
    /// The metrics of every cell of this point, in report order (``Metric`` raw values).
    public var metrics: [Metric]
    /// The point's cells: each job × policy × checkpoint interval, in file order.
    public var cells: [CellLabel]

    /// Values a replication of this point produces: cells × metrics.
    public var valuesPerReplication: Int { cells.count * metrics.count }

    init(point: SweepPoint, cells: [Cell]) {
        sweepValues = point.values
        metrics = point.scenario.metrics
        let baselines = point.scenario.baseline.map { ExperimentRunner.baselineCellIndices(cells, baseline: $0) }
        let optima = ExperimentRunner.omniscientCellIndices(cells)
        self.cells = cells.indices.map { index in
            CellLabel(
                cells[index],
                baselineCell: baselines?[index].flatMap { $0 == index ? nil : $0 },
                omniscientCell: optima[index].flatMap { $0 == index ? nil : $0 }
            )
        }
    }
}

extension Metric: Codable {}

/// A grid point's cell as reports name it: job, policy, interval and settings, and the cells
/// of the same point it is paired with.
public struct CellLabel: Sendable, Equatable, Codable {
    public var job: String
    /// The policy as the scenario writes it (`spot-fallback(after: 2)`).
    public var policy: String
    /// Whether the policy is `omniscient` (the lower bound others are paired against).
    public var isOmniscient: Bool
    /// The checkpoint interval as the scenario writes it (`30m`, `daly`).
    public var interval: String
    /// The pool the policy starts in.
    public var pool: String
    /// The settings that identify the cell in reports, in a fixed order.
    public var settings: [Setting]
    /// The cell of the baseline policy this cell is compared with; `nil` for the baseline's
    /// own cells and without a baseline.
    public var baselineCell: Int?
    /// The `omniscient` cell bounding this cell's cost; `nil` when there is none and for the
    /// omniscient cells themselves.
    public var omniscientCell: Int?

    /// The interval it resolved to, in hours (the `interval_hours` setting).
    public var intervalHours: Double {
        for setting in settings where setting.name == "interval_hours" {
            if case .number(let hours) = setting.value { return hours }
        }
        return .nan
    }

    init(_ cell: Cell, baselineCell: Int?, omniscientCell: Int?) {
        job = cell.job.name
        policy = cell.policySpec.description
        isOmniscient = cell.policySpec.kind == .omniscient
        interval = cell.interval.description
        pool = cell.primaryPool.name
        settings = cell.settings.map { Setting(name: $0.0, value: $0.1) }
        self.baselineCell = baselineCell
        self.omniscientCell = omniscientCell
    }
}

/// One named setting of a cell.
public struct Setting: Sendable, Equatable, Codable {
    public var name: String
    public var value: SettingValue
}

extension SettingValue: Codable {
    private enum CodingKeys: String, CodingKey { case text, number }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try container.decodeIfPresent(String.self, forKey: .text) {
            self = .text(text)
        } else {
            // Numbers travel as their bit pattern: no decimal round trip can change them.
            self = .number(Double(bitPattern: try container.decode(UInt64.self, forKey: .number)))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text(let text): try container.encode(text, forKey: .text)
        case .number(let number): try container.encode(number.bitPattern, forKey: .number)
        }
    }
}
