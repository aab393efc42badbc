// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "maxctl",
    products: [.executable(name: "maxctl", targets: ["maxctl"])],
    dependencies: [
        .package(path: "../../Packages/QueueCore"),
        .package(path: "../../Packages/HTTPServe"),
        .package(path: "../../Packages/Monitoring"),
        .package(path: "../../Packages/Chaos"),
    ],
    targets: [
        .executableTarget(
            name: "maxctl",
            dependencies: [
                .product(name: "RedisClient", package: "QueueCore"),
                .product(name: "PostgresClient", package: "QueueCore"),
                .product(name: "QueueCore", package: "QueueCore"),
                .product(name: "ScheduledPosts", package: "QueueCore"),
                .product(name: "Autopilot", package: "QueueCore"),
                .product(name: "CommandLineArguments", package: "QueueCore"),
                .product(name: "Essentials", package: "QueueCore"),
                .product(name: "HTTPServe", package: "HTTPServe"),
                .product(name: "Monitoring", package: "Monitoring"),
                .product(name: "Chaos", package: "Chaos"),
            ]),
        .testTarget(
            name: "maxctlTests",
            dependencies: [
                "maxctl", .product(name: "PrivateServices", package: "QueueCore"),
                .product(name: "RedisClient", package: "QueueCore"),
                .product(name: "CommandLineArguments", package: "QueueCore"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
