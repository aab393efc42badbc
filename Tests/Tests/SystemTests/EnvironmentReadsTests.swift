import Foundation
import XCTest

/// Package product code reads no environment: each binary builds its configuration in one place and hands
/// the packages plain values (docs/architecture.md, Configuration). Scans every product source for the ways a
/// Swift program reads its environment; test support (`PrivateServices`, `QueueCoreTestSupport`) and benchmark executables may.
final class EnvironmentReadsTests: XCTestCase {
    /// The reads that remain, each for a reason: the apps' entry points pass the environment to their one
    /// configuration place; the chaos suite's child processes inherit PATH, HOME and the like.
    private let allowed: Set<String> = [
        "Apps/maxctl/Sources/maxctl/MaxCtl.swift",
        "Apps/monitoring-api/Sources/monitoring-api/MonitoringAPI.swift",
        "Packages/Chaos/Sources/Chaos/Process/ManagedProcess.swift",
    ]
    private let patterns = ["ProcessInfo.processInfo.environment", "getenv(", "environ["]
    private let exempt = ["/PrivateServices/", "/QueueCoreTestSupport/", "Benchmark/", "Bench/", "/redis-bench/"]

    func testOnlyTheEntryPointsReadTheProcessEnvironment() throws {
        let root = SystemProcess.repositoryRoot
        var readers: Set<String> = []
        for top in ["Packages", "Apps"] {
            let folder = root.appendingPathComponent(top)
            let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
            for relative in files where relative.hasSuffix(".swift") && relative.contains("/Sources/") {
                let path = "\(top)/\(relative)"
                guard !exempt.contains(where: path.contains), !path.contains("/.build/") else { continue }
                let text = try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
                if patterns.contains(where: text.contains) { readers.insert(path) }
            }
        }
        XCTAssertFalse(readers.isEmpty, "the scan found no sources at \(root.path)")
        XCTAssertEqual(readers.subtracting(allowed), [], "product code reads the environment; resolve it in the app")
        XCTAssertEqual(allowed.subtracting(readers), [], "stale entries: remove them from `allowed`")
    }
}
