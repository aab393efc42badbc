// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "AIModelCache",
    products: [
        .library(name: "AIModelCache", targets: ["AIModelCache"]),
        .executable(name: "AIModelCacheBenchmark", targets: ["AIModelCacheBenchmark"]),
    ],
    // Only for `Essentials` (no dependencies of its own): the one error shape `CodedError` and `withDeadline`.
    dependencies: [.package(path: "../QueueCore")],
    targets: [
        // glibc's <malloc.h> (mallinfo2) is not in the Glibc module; a header-only system module, nothing linked.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .target(
            name: "AIModelCache", dependencies: ["CMalloc", .product(name: "Essentials", package: "QueueCore")]),
        .executableTarget(name: "AIModelCacheBenchmark", dependencies: ["AIModelCache", "CMalloc"]),
        .testTarget(name: "AIModelCacheTests", dependencies: ["AIModelCache"]),
    ],
    swiftLanguageModes: [.v6]
)
