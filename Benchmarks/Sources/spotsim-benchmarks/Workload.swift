import SpotSim

/// A scenario as the in-process benchmarks run it: its grid points, each with its market and
/// its cells (job × policy × checkpoint interval), and a replication count.
struct Workload {
    /// The named scenarios the default run measures, with their sizes (about 2 s of one core
    /// each here; a tenth with --quick). Fixed here rather than read from the files, so that
    /// editing a scenario's `replications` does not change the benchmark.
    static let defaults: [(name: String, path: String, replications: Int, quickReplications: Int)] = [
        ("daly-check", "scenarios/daly-check.yaml", 20_000, 2_000),
        ("multicloud-h100", "scenarios/multicloud-h100.yaml", 400, 40),
        ("multipool", "Benchmarks/scenarios/multipool.yaml", 4_000, 400),
    ]

    var name: String
    /// The file as results.json and the table show it (relative to the repository for the
    /// named scenarios).
    var file: String
    var scenario: Scenario
    var points: [(pools: [Pool], cells: [Cell])]

    var replications: Int { scenario.replications }
    var cellCount: Int { points.reduce(0) { $0 + $1.cells.count } }
    /// Replicator runs in one pass: every cell of every grid point, every replication.
    var cellReplications: Int { cellCount * replications }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(path: String, file: String, replications: Int?, dataDirectory: String?) throws {
        do {
            scenario = try ScenarioDecoder.decode(contentsOf: path, dataDirectory: dataDirectory)
        } catch {
            throw Failure(description: "\(error)")
        }
        if let replications { scenario.replications = replications }
        name = scenario.name
        self.file = file
        var points: [(pools: [Pool], cells: [Cell])] = []
        for point in scenario.gridPoints {
            do {
                points.append((point.scenario.pools, try point.scenario.cells()))
            } catch {
                throw Failure(description: "\(file): \(error)")
            }
        }
        self.points = points
    }

    var json: [(String, JSON)] {
        [
            ("scenario", .string(name)),
            ("file", .string(file)),
            ("grid_points", .int(points.count)),
            ("cells", .int(cellCount)),
            ("replications", .int(replications)),
            ("cell_replications", .int(cellReplications)),
        ]
    }
}
