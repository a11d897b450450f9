// swift-tools-version:6.0
import PackageDescription

// Throughput benchmarks of the spotsim engine, in their own package so that the main
// package's tests never time anything. Run: `make benchmark` (or
// `cd Benchmarks && swift run -c release spotsim-benchmarks`).
let package = Package(
    name: "spotsim-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "spotsim", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "spotsim-benchmarks",
            dependencies: [.product(name: "SpotSim", package: "spotsim"), "MallocCounter"]
        ),
        .target(name: "MallocCounter"),
    ]
)
