import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import RedisClient
import XCTest

/// A worker outlives a Redis restart: its blocked marker wait fails, it reconnects and keeps processing.
final class WorkerRedisRestartTests: QueueTestCase {
    func testAWorkerKeepsProcessingAfterRedisRestarts() async throws {
        let server = try ThrowawayRedis(appendOnly: true)
        defer { server.stop() }
        // Its own server and client: the shared ones must not see the restart.
        let client = RedisClient(configuration: try RedisConfiguration(url: server.url))
        let name = TestServices.uniqueName("restart")
        let queue = try Queue(name: name, client: client)
        let configuration = Worker.Configuration(
            lockDuration: .seconds(5), stalledInterval: .seconds(5), drainDelay: .milliseconds(500))
        let worker = try Worker(queueName: name, client: client, configuration: configuration) { _ in "done" }
        worker.start()

        let before = try await queue.add("before", json: "{}")
        try await waitUntil("the first job completed") { try await queue.state(of: before) == .completed }
        try await Task.detached { try server.restart() }.value

        // Commands may fail while the client reconnects; retry the add within the deadline.
        var after: String?
        try await waitUntil("a job could be added after the restart") {
            after = try? await queue.add("after", json: "{}")
            return after != nil
        }
        try await waitUntil("the job added after the restart completed") {
            (try? await queue.state(of: after!)) == .completed
        }
        await worker.close()
        await client.close()
    }
}
