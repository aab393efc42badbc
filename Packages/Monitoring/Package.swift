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
        .package(path: "../HTTPServe"),
        .package(path: "../Chaos"),
    ],
    targets: [
        .target(
            name: "Monitoring",
            dependencies: [
                .product(name: "RedisClient", package: "QueueCore"),
                // The alert history's PostgreSQL store (`alert_history`) and the `baselines` table (``BaselineStore``),
                // each created through its `Migration`s.
                .product(name: "PostgresClient", package: "QueueCore"),
                // BullMQ's key names (`QueueKeys`): the queue layout is QueueCore's.
                .product(name: "QueueCore", package: "QueueCore"),
                // `DurationText`: the settings take durations in the command line's forms.
                .product(name: "CommandLineArguments", package: "QueueCore"),
                // The shared small helpers (JSON quoting and encoder, `withDeadline`).
                .product(name: "Essentials", package: "QueueCore"),
                .product(name: "AIModelCache", package: "AIModelCache"),
                // `HTTPClient`: the alert delivery sinks' http:// transport (https:// goes through URLSession).
                .product(name: "HTTPServe", package: "HTTPServe"),
            ]),
        .testTarget(
            name: "MonitoringTests",
            dependencies: [
                "Monitoring",
                .product(name: "RedisClient", package: "QueueCore"),
                .product(name: "QueueCore", package: "QueueCore"),
                .product(name: "PostgresClient", package: "QueueCore"),
                .product(name: "PrivateServices", package: "QueueCore"),
                .product(name: "QueueCoreTestSupport", package: "QueueCore"),
                .product(name: "AIModelCache", package: "AIModelCache"),
                .product(name: "HTTPServe", package: "HTTPServe"),
                // The slow and down alert sinks' fault proxy.
                .product(name: "Chaos", package: "Chaos"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
