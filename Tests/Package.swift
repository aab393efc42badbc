// swift-tools-version:6.0
import PackageDescription

// System tests: drive the built binaries (bin/) against real redis-server and postgres, and prove
// interoperability with the real Python `bullmq`.
let package = Package(
    name: "SystemTests",
    dependencies: [
        .package(path: "../Packages/QueueCore"), .package(path: "../Packages/HTTPServe"),
        // `MonitoringAPIProcess` and `ManagedProcess`: the one way to start monitoring-api, shared with the
        // chaos scenarios.
        .package(path: "../Packages/Chaos"),
    ],
    targets: [
        .testTarget(
            name: "SystemTests",
            dependencies: [
                .product(name: "PrivateServices", package: "QueueCore"),
                .product(name: "QueueCoreTestSupport", package: "QueueCore"),
                .product(name: "Chaos", package: "Chaos"),
                .product(name: "RedisClient", package: "QueueCore"),
                .product(name: "QueueCore", package: "QueueCore"),
                .product(name: "HTTPServe", package: "HTTPServe"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
