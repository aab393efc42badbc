// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "QueueCore",
    products: [
        .library(name: "RedisClient", targets: ["RedisClient"]),
        .library(name: "PostgresClient", targets: ["PostgresClient"]),
        .library(name: "QueueCore", targets: ["QueueCore"]),
        .library(name: "PrivateServices", targets: ["PrivateServices"]),
        .library(name: "QueueCoreTestSupport", targets: ["QueueCoreTestSupport"]),
        .library(name: "ScheduledPosts", targets: ["ScheduledPosts"]),
        .library(name: "Autopilot", targets: ["Autopilot"]),
        .library(name: "CommandLineArguments", targets: ["CommandLineArguments"]),
        .library(name: "Essentials", targets: ["Essentials"]),
    ],
    targets: [
        .systemLibrary(name: "CHiredis", path: "Sources/CHiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(
            name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // epoll, eventfd and socket set-up for RedisClient's event loop (the Glibc module lacks them).
        .target(name: "CRedisLinux"),
        // The small helpers every module here and every package above shares, once (docs/architecture.md,
        // "Shared helpers"): Duration in milliseconds, JSON string quoting and encoder set-up,
        // percent-decoding, `withDeadline`, the error shape `CodedError`.
        .target(name: "Essentials"),
        .target(name: "RedisClient", dependencies: ["CHiredis", "CRedisLinux", "Essentials"]),
        // `make bench-redis` (scripts/bench-redis.sh) runs it beside redis-benchmark.
        .executableTarget(name: "redis-bench", dependencies: ["RedisClient"]),
        .target(name: "PostgresClient", dependencies: ["CLibPQ", "Essentials"]),
        .target(name: "QueueCore", dependencies: ["RedisClient", "Essentials"]),
        // Private redis-server and PostgreSQL clusters, child processes (posix_spawn), free ports and off-pool
        // blocking work: for the tests of every package and for Chaos's scenarios (product code), so not "test" only.
        .target(name: "PrivateServices"),
        // Test-only helpers shared by every package that depends on QueueCore: bounded waits that fail the test
        // (XCTest), and feeding a parser in random splits (with Autopilot's SplitMix64 `SeededGenerator`).
        .target(name: "QueueCoreTestSupport", dependencies: ["Autopilot"]),
        // The one command-line syntax of every binary (docs/cli.md): the argument splitter, `UsageError`
        // (exit 3) and `DurationText`. Here because every binary, and Monitoring, already depends on QueueCore.
        .target(name: "CommandLineArguments", dependencies: ["Essentials"]),
        // Auto-posting (issue 7): per-user models in `ai_models`, and scheduled posts published exactly once.
        .target(name: "Autopilot", dependencies: ["PostgresClient", "Essentials"]),
        .target(
            name: "ScheduledPosts", dependencies: ["PostgresClient", "QueueCore", "RedisClient", "Autopilot", "Essentials"]),
        // Test-only: one queue worker as its own process for the crash tests (SIGKILL, SIGSTOP), a thin main
        // over the library's WorkerProcessOptions / WorkerEventLine / ScriptedJob, which `maxctl worker` uses too.
        .executableTarget(
            name: "queuecore-worker", dependencies: ["QueueCore", "RedisClient", "CommandLineArguments"]),
        .testTarget(
            name: "RedisClientTests",
            dependencies: ["RedisClient", "PrivateServices", "QueueCoreTestSupport", "Autopilot"]),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "PrivateServices", "QueueCoreTestSupport"]),
        .testTarget(name: "PrivateServicesTests", dependencies: ["PrivateServices"]),
        .testTarget(name: "CommandLineArgumentsTests", dependencies: ["CommandLineArguments"]),
        .testTarget(name: "EssentialsTests", dependencies: ["Essentials"]),
        .testTarget(name: "AutopilotTests", dependencies: ["Autopilot", "PostgresClient", "PrivateServices"]),
        .testTarget(
            name: "ScheduledPostsTests",
            dependencies: [
                "ScheduledPosts", "Autopilot", "QueueCore", "RedisClient", "PostgresClient", "PrivateServices",
                "QueueCoreTestSupport",
            ]),
        .testTarget(
            name: "QueueCoreTests",
            dependencies: ["QueueCore", "RedisClient", "PrivateServices", "QueueCoreTestSupport", "queuecore-worker"],
            exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
