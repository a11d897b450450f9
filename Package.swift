// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "spotsim",
    platforms: [.macOS(.v15)],
    products: [
        // MARK: - Public API
        .executable(name: "spotsim", targets: ["spotsim"]),
        .library(name: "SpotSim", targets: ["SpotSim"]),
        .library(name: "DiscreteEvent", targets: ["DiscreteEvent"]),
        .library(name: "Stochastics", targets: ["Stochastics"]),
        .library(name: "SpotCharts", targets: ["SpotCharts"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // MARK: - Public API

        /// The command-line tool: parses arguments, calls SpotSim, prints.
        .executableTarget(
            name: "spotsim",
            dependencies: [
                "SpotSim",
                "Stochastics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        /// The domain: clouds, jobs, placement policies, replications, scenarios, experiments, reports.
        .target(
            name: "SpotSim",
            dependencies: [
                "DiscreteEvent",
                "Stochastics",
                "SpotCharts",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        /// The generic discrete-event kernel: clock, event queue, run loop.
        .target(name: "DiscreteEvent"),
        /// Random streams, distributions and summary statistics over GSL.
        .target(name: "Stochastics", dependencies: ["CGSL"]),
        /// Self-contained SVG charts for reports: scales, nice ticks, human number formats, the
        /// Okabe–Ito palette and chart builders over plain arrays. No dependencies.
        .target(name: "SpotCharts"),

        // MARK: - Implementation details

        /// GNU Scientific Library, found through pkg-config.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),

        // MARK: - Tests

        .testTarget(name: "StochasticsTests", dependencies: ["Stochastics"]),
        .testTarget(name: "SpotChartsTests", dependencies: ["SpotCharts"]),
        .testTarget(name: "DiscreteEventTests", dependencies: ["DiscreteEvent"]),
        .testTarget(name: "SpotSimTests", dependencies: ["SpotSim", "Stochastics", "SpotSimTestSupport"]),
        .testTarget(name: "spotsimTests", dependencies: ["spotsim", "SpotSim", "Stochastics", "SpotSimTestSupport"]),
        // Scenario fixtures the test targets share.
        .target(name: "SpotSimTestSupport", dependencies: ["SpotSim"], path: "Tests/SpotSimTestSupport"),
    ]
)
