import AIModelCache
import Foundation
import HTTPServe
import Monitoring
import PrivateServices
import Synchronization
import XCTest

@testable import monitoring_api

/// The workers' database may be down when the process starts: nothing waits for it, system health and the
/// posts API say so, and the workers start once it answers.
final class DatabaseReadinessTests: XCTestCase {
    private struct Refused: Error, CustomStringConvertible {
        var description: String { "connect to 127.0.0.1:1 failed: Connection refused" }
    }

    private func recordingLogger() -> (StructuredLogger, @Sendable () -> [String]) {
        let lines = Mutex<[String]>([])
        let logger = StructuredLogger(minimumLevel: .info) { line in lines.withLock { $0.append(line) } }
        return (
            logger,
            {
                logger.flush()
                return lines.withLock { $0 }.compactMap {
                    (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["event"] as? String
                }
            }
        )
    }

    func testTheBackoffDoublesFromItsStartAndStopsAtItsCap() {
        let readiness = DatabaseReadiness(
            address: "db:5432", probeInterval: .seconds(1), logger: StructuredLogger(output: { _ in }),
            initialBackoff: .milliseconds(250), maximumBackoff: .seconds(5))
        XCTAssertEqual(
            (1...8).map { readiness.backoff(afterFailures: $0) },
            [
                .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5),
                .seconds(5),
            ])
        XCTAssertEqual(readiness.backoff(afterFailures: 1000), .seconds(5))
    }

    func testItRetriesUntilTheDatabaseAnswersLoggingTheOutageOnceAndItsEnd() async {
        let (logger, events) = recordingLogger()
        let readiness = DatabaseReadiness(
            address: "127.0.0.1:1", probeInterval: .seconds(60), logger: logger, initialBackoff: .milliseconds(1),
            maximumBackoff: .milliseconds(4))
        XCTAssertEqual(readiness.phase, .connecting)
        guard case .unavailable(let connecting) = readiness.health else { return XCTFail("\(readiness.health)") }
        XCTAssertTrue(connecting.contains("127.0.0.1:1"), connecting)
        let attempts = Mutex(0)
        let seenWhileDown = Mutex<HealthModel.PostsState?>(nil)
        let connected = await readiness.connect {
            let attempt = attempts.withLock { count in
                count += 1
                return count
            }
            if attempt == 3 { seenWhileDown.withLock { $0 = readiness.health } }
            if attempt < 5 { throw Refused() }
        }
        XCTAssertTrue(connected)
        XCTAssertEqual(attempts.withLock { $0 }, 5)
        guard case .unavailable(let reason) = seenWhileDown.withLock({ $0 }) else { return XCTFail("not unavailable") }
        XCTAssertTrue(reason.contains("Connection refused"), reason)
        XCTAssertEqual(readiness.health, .ready)
        let problem = await readiness.problem(waitingAtMost: .seconds(1))
        XCTAssertNil(problem)
        XCTAssertEqual(events(), ["posts.database_unavailable", "posts.database_ready"])
    }

    func testARequestDuringTheFirstAttemptWaitsForItsOutcome() async {
        let readiness = DatabaseReadiness(
            address: "db:5432", probeInterval: .seconds(60), logger: StructuredLogger(output: { _ in }),
            initialBackoff: .seconds(60))
        let release = AsyncStream<Void>.makeStream()
        let connecting = Task {
            await readiness.connect {
                for await _ in release.stream { break }
                throw Refused()
            }
        }
        async let problem = readiness.problem(waitingAtMost: .seconds(30))
        // The request is parked until the attempt fails, then answers with its reason.
        let deadline = ContinuousClock.now + .seconds(10)
        while readiness.waitingRequests == 0, ContinuousClock.now < deadline { await Task.yield() }
        XCTAssertEqual(readiness.waitingRequests, 1)
        release.continuation.yield()
        let answer = await problem
        XCTAssertTrue(answer?.contains("Connection refused") == true, answer ?? "nil")
        connecting.cancel()
        let connected = await connecting.value
        XCTAssertFalse(connected, "cancelled while waiting to retry")
    }

    func testAProbeFailureAfterStartIsAnOutageAndASuccessItsEnd() async throws {
        let (logger, events) = recordingLogger()
        let readiness = DatabaseReadiness(address: "db:5432", probeInterval: .milliseconds(1), logger: logger)
        _ = await readiness.connect {}
        let probes = Mutex(0)
        let watching = Task {
            await readiness.watch {
                let probe = probes.withLock { count in
                    count += 1
                    return count
                }
                if probe == 2 { throw Refused() }
                if probe >= 4 { withUnsafeCurrentTask { $0?.cancel() } }
            }
        }
        await watching.value
        XCTAssertEqual(events(), ["posts.database_ready", "posts.database_unavailable", "posts.database_recovered"])
        XCTAssertEqual(readiness.health, .ready)
    }

    func testTheWorkersStartWithoutADatabaseAndThePostsAPIAnswers503NamingIt() async throws {
        let redisURL = try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try TestServices.redisURL() }) }.start()
        }
        let configuration = try MonitoringConfiguration.load(
            environment: ["REDIS_URL": redisURL, "QUEUE_PREFIX": TestServices.uniqueName("bull")])
        let models = try ModelCacheManager<AutopilotModel, AutopilotModel>(configuration: .init())
        // Port 1: nothing listens there, so every connection attempt is refused at once.
        var autoPosting = try await AutoPostingRuntime.start(
            databaseURL: "postgres://127.0.0.1:1/maxbooster", configuration: configuration, models: models,
            logger: StructuredLogger(minimumLevel: .error, output: { _ in }))
        autoPosting.run()
        var service = MonitoringService(
            queues: QueueSource(snapshot: { MonitorSnapshot() }, history: { _ in nil }, ping: {}), models: models,
            telemetry: AIModelTelemetry(configuration: configuration, sink: RecordingAlertSink()),
            probeTimeout: .seconds(1))
        let readiness = autoPosting.readiness
        service.posts = { readiness.health }
        let server = try HTTPServer(
            configuration: .init(port: 0, loopCount: 1),
            router: APIRoutes.router(service: service, posts: (autoPosting.scheduler, readiness)))
        let base = "http://127.0.0.1:\(try server.start())"
        let client = try HTTPClient()
        defer { client.shutdown() }

        let listed = try await client.get(base + "/api/posts")
        XCTAssertEqual(listed.status, 503, listed.text)
        let error = try XCTUnwrap(
            (try JSONSerialization.jsonObject(with: Data(listed.body)) as? [String: Any])?["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? String, "database_unavailable")
        XCTAssertTrue((error["message"] as? String ?? "").contains("127.0.0.1:1"), "\(error)")
        let health = try await client.get(base + "/api/monitoring/system-health")
        XCTAssertEqual(health.status, 503)
        let components = try XCTUnwrap(
            (try JSONSerialization.jsonObject(with: Data(health.body)) as? [String: Any])?["components"]
                as? [String: Any])
        let posts = try XCTUnwrap(components["posts"] as? [String: Any], "\(components)")
        XCTAssertEqual(posts["status"] as? String, "unhealthy")
        XCTAssertTrue((posts["reason"] as? String ?? "").contains("127.0.0.1:1"), "\(posts)")
        await server.shutdown(deadline: .seconds(2))
        await autoPosting.stop()
    }
}
