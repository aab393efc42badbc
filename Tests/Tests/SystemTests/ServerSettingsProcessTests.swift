import Foundation
import PrivateServices
import XCTest

/// `bin/monitoring-api`'s settings that other packages receive (cache sizes and idle timeout, the workers'
/// webhook and demo switch): a bad value in a flag, a variable or the `MONITORING_CONFIG` file exits 3 with
/// the `configuration.invalid` line naming it, before anything starts (no Redis or PostgreSQL needed).
final class ServerSettingsProcessTests: XCTestCase {
    private func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try CommandRunner.run(
            SystemProcess.binary("monitoring-api"), arguments, environment: environment,
            removing: [
                "REDIS_URL", "DATABASE_URL", "PORT", "API_TOKEN", "MONITORING_CONFIG", "DEMO", "PUBLISH_WEBHOOK_URL",
                "MAX_SOCIAL_MODELS", "MAX_ADVERTISING_MODELS", "MODEL_IDLE_TIMEOUT_MS",
            ], timeout: .seconds(20))
    }

    func testABadValueInAFlagAVariableOrTheFileExitsThreeNamingIt() throws {
        let file = NSTemporaryDirectory() + "settings-\(UUID().uuidString).json"
        try Data(#"{"modelIdleTimeoutMs": "soon"}"#.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let cases: [([String], [String: String], String)] = [
            (["--model-idle-timeout-ms", "soon"], [:], "--model-idle-timeout-ms"),
            (["--model-idle-timeout=-5s"], [:], "--model-idle-timeout"),
            ([], ["MAX_SOCIAL_MODELS": "0"], "MAX_SOCIAL_MODELS"),
            ([], ["MODEL_IDLE_TIMEOUT_MS": "1.5h.x"], "MODEL_IDLE_TIMEOUT_MS"),
            ([], ["DEMO": "yes"], "DEMO"),
            ([], ["PUBLISH_WEBHOOK_URL": "https://example.com/hook"], "PUBLISH_WEBHOOK_URL"),
            (["--config", file], [:], "modelIdleTimeoutMs"),
        ]
        for (arguments, environment, named) in cases {
            let result = try run(arguments, environment: environment)
            XCTAssertEqual(result.status, 3, "\(arguments) \(environment): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("configuration.invalid"), result.stderr)
            XCTAssertTrue(result.stderr.contains(named), "\(named) missing from \(result.stderr)")
        }
    }
}
