// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Monitoring",
    products: [
        .library(name: "Monitoring", targets: ["Monitoring"])
    ],
    dependencies: [
        .package(path: "../QueueCore"),
        .package(path: "../AIModelCache"),
    ],
    targets: [
        .target(
            name: "Monitoring",
            dependencies: [
                // RedisClient joins when the collectors land (the client is being written now).
                .product(name: "AIModelCache", package: "AIModelCache")
            ]),
        .testTarget(
            name: "MonitoringTests",
            dependencies: [
                "Monitoring",
                .product(name: "TestServices", package: "QueueCore"),
                .product(name: "AIModelCache", package: "AIModelCache"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
