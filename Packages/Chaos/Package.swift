// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Chaos",
    products: [
        .library(name: "Chaos", targets: ["Chaos"]),
        .executable(name: "chaos", targets: ["chaos"]),
        .executable(name: "chaos-worker", targets: ["chaos-worker"]),
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
        // A queue worker process that records every attempt to Postgres (the accounting's side effect).
        .executableTarget(
            name: "chaos-worker",
            dependencies: [
                "Chaos",
                .product(name: "QueueCore", package: "QueueCore"),
                .product(name: "RedisClient", package: "QueueCore"),
            ]),
        .testTarget(
            name: "ChaosTests",
            dependencies: [
                // The executables the tests run as processes (`chaos` as `make chaos` does).
                "Chaos", "chaos", "chaos-worker",
                .product(name: "QueueCore", package: "QueueCore"),
                .product(name: "PostgresClient", package: "QueueCore"),
                .product(name: "RedisClient", package: "QueueCore"),
                .product(name: "TestServices", package: "QueueCore"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
