import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import RedisClient
import XCTest

@testable import Monitoring

/// The monitor against jobs added and processed by the real queue engine (QueueCore's Queue and Worker).
final class EngineMonitoringTests: XCTestCase {
    private struct Payload: Codable { var fail: Bool }

    private struct Failure: Error {}

    func testNumbersAgreeWithTheQueueAndTheFailedRateAlertFiresAfterRealWork() async throws {
        let url = try TestServices.redisURL()
        let redis = try RedisTests.client(url: url, timeout: .seconds(5))
        let prefix = TestServices.uniqueName("eng")
        let queue = try Queue(name: "posts", client: redis, configuration: Queue.Configuration(prefix: prefix))
        for index in 0..<20 {
            _ = try await queue.add("job", data: Payload(fail: index % 5 == 0))
        }
        _ = try await queue.add("later", data: Payload(fail: false), options: JobOptions(delay: 60_000))
        _ = try await queue.add("urgent", data: Payload(fail: false), options: JobOptions(delay: 60_000, priority: 3))

        let sink = RecordingAlertSink()
        let monitor = QueueMonitor(
            configuration: RedisTests.configuration(url: url, prefix: prefix, queues: nil), client: redis, sink: sink,
            logger: RedisTests.quietLogger())
        let before = await monitor.collect()
        let sample = try XCTUnwrap(before.latest["posts"])
        let counts = try await queue.counts()
        for (state, count) in sample.counts.byState {
            XCTAssertEqual(count, counts[JobState(rawValue: state)!] ?? 0, state)
        }
        XCTAssertEqual(sample.counts.waiting, 20)
        XCTAssertEqual(sample.counts.delayed, 2)

        let worker = try Worker(
            queueName: "posts", client: redis,
            configuration: Worker.Configuration(prefix: prefix, concurrency: 4, drainDelay: .milliseconds(200))
        ) { job -> String in
            if try job.decodeData(Payload.self).fail { throw Failure() }
            return "ok"
        }
        worker.start()
        await expectEventually("20 jobs finished", timeout: .seconds(30)) {
            let counts = try? await queue.counts()
            return (counts?[.completed] ?? 0) + (counts?[.failed] ?? 0) == 20
        }
        await worker.close()

        let after = await monitor.collect()
        let finished = try XCTUnwrap(after.latest["posts"])
        XCTAssertEqual(finished.counts.completed, 16)
        XCTAssertEqual(finished.counts.failed, 4)
        XCTAssertEqual(finished.counts.active, 0)
        XCTAssertEqual(finished.stalled, 0)
        XCTAssertEqual(finished.window.completed.value, 16)
        XCTAssertEqual(finished.window.failed.value, 4)
        XCTAssertTrue(finished.window.completed.exact, "source \(finished.window.completed.source)")
        XCTAssertEqual(finished.failedRate, 0.2)
        XCTAssertNotNil(finished.averageProcessingMs)
        XCTAssertEqual(after.alerts.map(\.alert), [.maxFailedRate])
        XCTAssertEqual(sink.transitions.map(\.kind), [.fired])
        await redis.close()
    }
}
