// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "HTTPServe",
    products: [
        .library(name: "HTTPServe", targets: ["HTTPServe"]),
        .executable(name: "HTTPServeBench", targets: ["HTTPServeBench"]),
    ],
    targets: [
        // epoll and eventfd, which the Glibc module does not expose; imported only by HTTPServe.
        .target(name: "CHTTPServeLinux"),
        .target(name: "HTTPServe", dependencies: ["CHTTPServeLinux"]),
        // The server `make bench-http` drives with wrk; see docs/BENCHMARKS.md.
        .executableTarget(name: "HTTPServeBench", dependencies: ["HTTPServe"]),
        .testTarget(name: "HTTPServeTests", dependencies: ["HTTPServe"]),
    ],
    swiftLanguageModes: [.v6]
)
