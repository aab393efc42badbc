// swift-tools-version:6.0
import PackageDescription

// `make bench-queue`: the Swift side of the queue benchmark (scripts/bench-queue.sh runs it next to Python bullmq).
let package = Package(
    name: "QueueBench",
    dependencies: [.package(path: "../../../Packages/QueueCore")],
    targets: [
        .executableTarget(
            name: "queue-bench",
            dependencies: [
                .product(name: "QueueCore", package: "QueueCore"), .product(name: "RedisClient", package: "QueueCore"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
