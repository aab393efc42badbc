// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Chaos",
    products: [
        .library(name: "Chaos", targets: ["Chaos"])
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
                .product(name: "PrivateServices", package: "QueueCore"),
                .product(name: "ScheduledPosts", package: "QueueCore"),
                .product(name: "Autopilot", package: "QueueCore"),
                // `ChaosCommand` parses `maxctl chaos run`'s arguments with the shared splitter.
                .product(name: "CommandLineArguments", package: "QueueCore"),
                .product(name: "Essentials", package: "QueueCore"),
                .product(name: "HTTPServe", package: "HTTPServe"),
            ]),
        .testTarget(
            name: "ChaosTests",
            dependencies: [
                // The processes the tests run are `bin/maxctl chaos run` (as `make chaos` does) and
                // `bin/maxctl worker` (Binaries.locate), built by `make build`.
                "Chaos",
                .product(name: "QueueCore", package: "QueueCore"),
                .product(name: "PostgresClient", package: "QueueCore"),
                .product(name: "RedisClient", package: "QueueCore"),
                .product(name: "PrivateServices", package: "QueueCore"),
                .product(name: "ScheduledPosts", package: "QueueCore"),
                .product(name: "Essentials", package: "QueueCore"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
