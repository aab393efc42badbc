// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "maxctl",
    products: [.executable(name: "maxctl", targets: ["maxctl"])],
    dependencies: [.package(path: "../../Packages/QueueCore")],
    targets: [
        .executableTarget(
            name: "maxctl",
            dependencies: [
                .product(name: "RedisClient", package: "QueueCore"),
                .product(name: "PostgresClient", package: "QueueCore"),
            ]),
        .testTarget(
            name: "maxctlTests",
            dependencies: ["maxctl", .product(name: "TestServices", package: "QueueCore")]),
    ],
    swiftLanguageModes: [.v6]
)
