// swift-tools-version:6.0
import PackageDescription

/// Numeric targets get AVX2+FMA and `-Ounchecked` in release builds only: without them
/// `addingProduct` becomes a library call and the GEMM kernel runs ~80x slower.
let numericRelease: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-Xcc", "-mavx2", "-Xcc", "-mfma"], .when(configuration: .release)),
]

/// The AVX-512 GEMM inner loops are compiled for AVX-512F in their own target; `NeuralNet` calls
/// them only after checking the CPU at run time, so the package still runs on AVX2-only machines.
let wideRelease: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-Xcc", "-mavx512f", "-Xcc", "-mavx2", "-Xcc", "-mfma"], .when(configuration: .release)),
]

let package = Package(
    name: "DemandPlanner",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "demand", targets: ["demand"]),
        .executable(name: "NeuralNetBench", targets: ["NeuralNetBench"]),
        .executable(name: "IngestBench", targets: ["IngestBench"]),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        // The few libzstd entry points the Parquet reader needs; only libzstd.so.1 (no -dev package)
        // is installed on the target machines, so it is linked by its versioned file name.
        .target(name: "CZstd", path: "Sources/CZstd", linkerSettings: [.unsafeFlags(["-Xlinker", "-l:libzstd.so.1"])]),
        .target(name: "NeuralNetAVX512", swiftSettings: wideRelease),
        .target(name: "NeuralNet", dependencies: ["NeuralNetAVX512"], swiftSettings: numericRelease),
        .target(name: "Formats", dependencies: ["CZstd"]),
        .target(name: "Forecasting", dependencies: ["NeuralNet"], swiftSettings: numericRelease),
        .target(name: "Pipeline", dependencies: ["Formats", "Forecasting", "CSQLite"]),
        .target(name: "Daemon", dependencies: ["Pipeline", "Formats"]),
        .executableTarget(name: "demand", dependencies: ["Daemon"]),
        .executableTarget(name: "NeuralNetBench", dependencies: ["NeuralNet"], path: "Benchmarks/NeuralNetBench",
                          swiftSettings: numericRelease),
        .executableTarget(name: "IngestBench", dependencies: ["Formats"], path: "Benchmarks/IngestBench"),
        .testTarget(name: "FormatsTests", dependencies: ["Formats"]),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet"]),
        .target(name: "TestServers", path: "Tests/TestServers"),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "TestServers"]),
        .testTarget(name: "DaemonTests", dependencies: ["Daemon"]),
        .testTarget(name: "EndToEndTests", dependencies: ["demand", "Pipeline", "TestServers"]),
    ],
    swiftLanguageModes: [.v6]
)
