// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "monitoring-api",
    products: [.executable(name: "monitoring-api", targets: ["monitoring-api"])],
    dependencies: [
        .package(path: "../../Packages/HTTPServe"),
        .package(path: "../../Packages/Monitoring"),
        .package(path: "../../Packages/AIModelCache"),
        .package(path: "../../Packages/QueueCore"),
    ],
    targets: [
        .executableTarget(
            name: "monitoring-api",
            dependencies: [
                .product(name: "HTTPServe", package: "HTTPServe"),
                .product(name: "Monitoring", package: "Monitoring"),
                .product(name: "AIModelCache", package: "AIModelCache"),
                .product(name: "RedisClient", package: "QueueCore"),
                .product(name: "PostgresClient", package: "QueueCore"),
                .product(name: "QueueCore", package: "QueueCore"),
                .product(name: "ScheduledPosts", package: "QueueCore"),
                .product(name: "Autopilot", package: "QueueCore"),
                .product(name: "Essentials", package: "QueueCore"),
            ]),
        .testTarget(
            name: "MonitoringAPITests",
            dependencies: [
                "monitoring-api",
                .product(name: "HTTPServe", package: "HTTPServe"),
                .product(name: "Monitoring", package: "Monitoring"),
                .product(name: "PrivateServices", package: "QueueCore"),
                .product(name: "QueueCore", package: "QueueCore"),
                .product(name: "RedisClient", package: "QueueCore"),
                .product(name: "PostgresClient", package: "QueueCore"),
                .product(name: "QueueCoreTestSupport", package: "QueueCore"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
