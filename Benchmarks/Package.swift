// swift-tools-version:6.0
import PackageDescription

// The benchmark suite of spotsim, in its own package so that the main package's tests never
// time anything. One command runs every benchmark and writes results.json and a table:
// `make benchmark` (or `cd Benchmarks && swift run -c release spotsim-benchmarks`); see
// README.md.
let package = Package(
    name: "spotsim-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "spotsim", path: ".."),
        // Already a dependency of the main package (same resolution).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .executableTarget(
            name: "spotsim-benchmarks",
            dependencies: [
                .product(name: "SpotSim", package: "spotsim"),
                // Not linked: depending on the executable makes `swift run spotsim-benchmarks`
                // build the `spotsim` tool from the same sources, next to the benchmark, for
                // the benchmarks that run the command line as a child process.
                .product(name: "spotsim", package: "spotsim"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "MallocCounter",
            ]
        ),
        .target(name: "MallocCounter"),
    ]
)
