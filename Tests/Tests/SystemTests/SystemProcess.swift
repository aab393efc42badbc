import Foundation
import TestServices

/// Where the system tests find the repository's release binaries (`bin/`, built by `make build`).
enum SystemProcess {
    /// The repository root (this file is Tests/Tests/SystemTests/SystemProcess.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The path of `bin/<name>`; throws with the fix when it has not been built (the test fails).
    static func binary(_ name: String) throws -> String {
        let path = repositoryRoot.appendingPathComponent("bin/\(name)").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw MissingBinary(description: "bin/\(name) is missing: run `make build` first (make test does)")
        }
        return path
    }
}

/// A binary the system tests need has not been built.
struct MissingBinary: Error, CustomStringConvertible {
    let description: String
}
