// swift-tools-version:6.0
import PackageDescription

// System tests: drive the built binaries (bin/) against real redis-server and postgres, and prove
// interoperability with the real Python `bullmq`.
let package = Package(
    name: "SystemTests",
    dependencies: [.package(path: "../Packages/QueueCore"), .package(path: "../Packages/HTTPServe")],
    targets: [
        .testTarget(
            name: "SystemTests",
            dependencies: [
                .product(name: "TestServices", package: "QueueCore"),
                .product(name: "RedisClient", package: "QueueCore"),
                .product(name: "QueueCore", package: "QueueCore"),
                .product(name: "HTTPServe", package: "HTTPServe"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
