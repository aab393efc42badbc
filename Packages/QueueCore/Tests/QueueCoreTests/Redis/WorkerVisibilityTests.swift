import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import RedisClient
import Synchronization
import XCTest

/// A running worker shows in `CLIENT LIST` under the names BullMQ's tools look for, keeps them when its
/// connections are killed, and is gone once closed.
final class WorkerVisibilityTests: QueueTestCase {
    private var nodeName: String { "bull:\(Data(queueName.utf8).base64EncodedString()):w:vis" }
    private var pythonName: String { "bull:\(queueName):w:vis" }

    /// Client id by name, from `CLIENT LIST`.
    private func namedClients() async throws -> [String: String] {
        let list = try await redis("CLIENT", "LIST").string ?? ""
        var clients: [String: String] = [:]
        for line in list.split(whereSeparator: \.isNewline) {
            let fields = Dictionary(
                line.split(separator: " ").compactMap { field -> (String, String)? in
                    guard let equals = field.firstIndex(of: "=") else { return nil }
                    return (String(field[..<equals]), String(field[field.index(after: equals)...]))
                }, uniquingKeysWith: { first, _ in first })
            if let name = fields["name"], !name.isEmpty, let id = fields["id"] { clients[name] = id }
        }
        return clients
    }

    private func startNamedWorker() throws -> Worker {
        var configuration = fastConfiguration()
        configuration.name = "vis"
        let worker = try Worker(queueName: queueName, client: client, configuration: configuration) { _ in 1 }
        worker.start()
        return worker
    }

    func testARunningWorkerIsListedUnderTheNodeAndThePythonNameAndGoneAfterClose() async throws {
        let worker = try startNamedWorker()
        try await waitUntil("both names are in CLIENT LIST") {
            let names = try await self.namedClients()
            return names[self.nodeName] != nil && names[self.pythonName] != nil
        }
        await worker.close()
        try await waitUntil("neither name is left after close") {
            let names = try await self.namedClients()
            return names[self.nodeName] == nil && names[self.pythonName] == nil
        }
    }

    func testKilledConnectionsComeBackUnderTheirNames() async throws {
        let worker = try startNamedWorker()
        try await waitUntil("both names are in CLIENT LIST") {
            let names = try await self.namedClients()
            return names[self.nodeName] != nil && names[self.pythonName] != nil
        }
        let before = try await namedClients()
        for name in [nodeName, pythonName] { try await redis("CLIENT", "KILL", "ID", before[name]!) }
        // The blocking connection is replaced by the fetch loop (after its 1 s pause); the idle one is named again
        // within a renewal period (2.5 s with the 5 s test lock).
        try await waitUntil("both names are back on new connections", timeout: .seconds(15)) {
            let names = try await self.namedClients()
            guard let node = names[self.nodeName], let python = names[self.pythonName] else { return false }
            return node != before[self.nodeName] && python != before[self.pythonName]
        }
        // And the worker still works.
        let id = try await queue.add("after", json: "{}")
        try await waitUntil("a job added afterwards completed") { try await self.queue.state(of: id) == .completed }
        await worker.close()
    }
}

/// A Redis user whose ACL forbids `CLIENT` and `INFO` still gets a working worker: visibility is reported as
/// lost, jobs are processed.
final class WorkerVisibilityACLTests: QueueTestCase {
    func testAWorkerWhoseUserMayNotNameConnectionsOrReadInfoStillProcessesJobs() async throws {
        let user = "limited-\(queueName)"
        try await redis("ACL", "SETUSER", user, "on", ">secret", "~*", "&*", "+@all", "-client", "-info")
        let url = try XCTUnwrap(URLComponents(string: try TestServices.redisURL()))
        var limited = url
        limited.user = user
        limited.password = "secret"
        let limitedClient = RedisClient(configuration: try RedisConfiguration(url: try XCTUnwrap(limited.string)))
        let errors = Mutex<[String]>([])
        let done = Counter()
        var configuration = fastConfiguration(onEvent: { event in
            switch event {
            case .error(let message): errors.withLock { $0.append(message) }
            case .completed: done.increment()
            default: break
            }
        })
        configuration.name = "limited"
        let worker = try Worker(queueName: queueName, client: limitedClient, configuration: configuration) { _ in 1 }
        worker.start()
        _ = try await queue.add("works", json: "{}")
        try await waitUntil("the job completed under the limited user") { done.value == 1 }
        await worker.close()
        await limitedClient.close()
        try await redis("ACL", "DELUSER", user)
        let reported = errors.withLock { $0 }
        XCTAssertTrue(reported.contains { $0.contains("naming the blocking connection") }, "\(reported)")
        XCTAssertTrue(reported.contains { $0.contains("reading the Redis version") }, "\(reported)")
    }
}
