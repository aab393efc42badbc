import AIModelCache
import Foundation
import Monitoring
import Synchronization
import XCTest

@testable import monitoring_api

/// Every eviction of the app's caches is logged at `info` with the specification's fields, and a burst is
/// bounded: at most ``AppRuntime/evictionLogLimit`` lines a second, then one line counting the rest.
final class EvictionLogTests: XCTestCase {
    /// The logged lines, shared with the logger's output closure.
    private final class Output: Sendable {
        let lines = Mutex<[String]>([])
    }

    private let output = Output()

    private func models(_ environment: [String: String]) throws -> (
        ModelCacheManager<AutopilotModel, AutopilotModel>, StructuredLogger
    ) {
        let output = output
        let logger = StructuredLogger(minimumLevel: .info) { line in output.lines.withLock { $0.append(line) } }
        let models = try AppRuntime.makeModels(
            configuration: try MonitoringConfiguration.load(environment: environment), logger: logger)
        return (models, logger)
    }

    private func lines(_ event: String, _ logger: StructuredLogger) -> [[String: Any]] {
        logger.flush()
        return output.lines.withLock { $0 }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        .filter { $0["event"] as? String == event }
    }

    private func load(_ users: [String], into models: ModelCacheManager<AutopilotModel, AutopilotModel>) async throws {
        for user in users {
            _ = try await models.social.model(for: user) { AutopilotModel(userID: $0, estimatedBytes: 1024) }
        }
    }

    func testEachEvictionIsLoggedAtInfoWithUserModelTypeReasonIdleTimeAndTimestamp() async throws {
        let (models, logger) = try models(["MAX_SOCIAL_MODELS": "1"])
        try await load(["u1", "u2", "u3"], into: models)

        let evicted = lines("model.evicted", logger)
        XCTAssertEqual(evicted.compactMap { $0["userId"] as? String }, ["u1", "u2"])
        let nowMs = MonitoringJSON.nowMilliseconds()
        for line in evicted {
            XCTAssertEqual(line["level"] as? String, "info")
            XCTAssertEqual(line["modelType"] as? String, "social")
            XCTAssertEqual(line["reason"] as? String, "lru")
            XCTAssertNotNil(line["idleTimeMs"] as? Double ?? (line["idleTimeMs"] as? Int).map(Double.init), "\(line)")
            let timestamp = try XCTUnwrap(line["timestamp"] as? String, "\(line)")
            let ms = try XCTUnwrap(MonitoringJSON.milliseconds(fromTimestamp: timestamp), timestamp)
            XCTAssertLessThan(abs(nowMs - ms), 60_000, timestamp)
        }
    }

    func testABurstOfEvictionsIsBoundedAndTheRestCountedInASummaryLine() async throws {
        let (models, logger) = try models(["MAX_SOCIAL_MODELS": "1"])
        let users = (0...100).map { "user-\($0)" }
        try await load(users, into: models)

        // The summary comes on its own when the burst's second ends: wait for it (bounded).
        let deadline = ContinuousClock.now + .seconds(10)
        var summaries = lines("model.evictions_suppressed", logger)
        while summaries.isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            summaries = lines("model.evictions_suppressed", logger)
        }
        let written = lines("model.evicted", logger).count
        let suppressed = summaries.compactMap { $0["suppressed"] as? Int }.reduce(0, +)
        XCTAssertFalse(summaries.isEmpty, "no model.evictions_suppressed line within 10 s")
        XCTAssertLessThan(written, 100, "a burst of 100 evictions must not give 100 lines")
        XCTAssertEqual(written + suppressed, 100, "every eviction is written or counted")
        XCTAssertEqual(summaries.first?["suppressedEvent"] as? String, "model.evicted")
        XCTAssertEqual(summaries.first?["level"] as? String, "info")
    }
}
