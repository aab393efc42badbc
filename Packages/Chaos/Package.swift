// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Chaos",
    products: [
        .library(name: "Chaos", targets: ["Chaos"]),
        .executable(name: "chaos", targets: ["chaos"]),
    ],
    dependencies: [
        .package(path: "../QueueCore"),
        .package(path: "../HTTPServe"),
    ],
    targets: [
        .target(
            name: "Chaos",
            dependencies: [
                .product(name: "QueueCore", package: "QueueCore"),
                .product(name: "RedisClient", package: "QueueCore"),
                .product(name: "PostgresClient", package: "QueueCore"),
                .product(name: "TestServices", package: "QueueCore"),
                .product(name: "ScheduledPosts", package: "QueueCore"),
                .product(name: "Autopilot", package: "QueueCore"),
                .product(name: "HTTPServe", package: "HTTPServe"),
            ]),
        // The suite's command line (`chaos run`); `maxctl chaos run` will call the same runner.
        .executableTarget(name: "chaos", dependencies: ["Chaos"]),
        .testTarget(
            name: "ChaosTests",
            dependencies: [
                // The executable the tests run as a process (`chaos` as `make chaos` does); the worker
                // process is `bin/maxctl worker` (Binaries.locate), built by `make build`.
                "Chaos", "chaos",
                .product(name: "QueueCore", package: "QueueCore"),
                .product(name: "PostgresClient", package: "QueueCore"),
                .product(name: "RedisClient", package: "QueueCore"),
                .product(name: "TestServices", package: "QueueCore"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
