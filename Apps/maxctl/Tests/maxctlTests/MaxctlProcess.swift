import Foundation
import PrivateServices

/// Runs the `maxctl` binary SwiftPM built next to this test bundle, without the caller's service variables.
enum MaxctlProcess {
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        let executable = Bundle.main.bundleURL.appendingPathComponent("maxctl").path
        return try CommandRunner.run(
            executable, arguments, environment: environment, removing: ["REDIS_URL", "DATABASE_URL"])
    }
}
