// swift-tools-version:6.0
import PackageDescription

// A libFuzzer target over scenario decoding and validation: the bytes of each input are the
// scenario file that `spotsim validate` reads. In its own package so that the main package
// never builds with the fuzzer's instrumentation. `make fuzz` (or `Fuzz/run.sh [SECONDS]`)
// builds it and runs it for a bounded time; see README.md.
let package = Package(
    name: "spotsim-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "spotsim", path: ".."),
    ],
    targets: [
        // Built with `-sanitize=fuzzer` (libFuzzer supplies `main`) and `-parse-as-library`.
        .executableTarget(
            name: "spotsim-fuzz",
            dependencies: [
                .product(name: "SpotSim", package: "spotsim"),
            ]
        ),
    ]
)
