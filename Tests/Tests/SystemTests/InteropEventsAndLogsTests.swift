import Essentials
import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import XCTest

/// Events and job logs shared with Python bullmq 3.4.4: each client reads what the other wrote, with the
/// same fields.
final class InteropEventsAndLogsTests: InteropTestCase {
    /// Our events from the stream's beginning until `count` events of `kind` arrived (at most 20 s).
    private func ourEvents(until kind: QueueEvent.Kind, count: Int) async throws -> [QueueEvent] {
        let events = queue.events(from: .beginning)
        return try await withDeadline(.seconds(20)) {
            var seen: [QueueEvent] = []
            for try await event in events {
                seen.append(event)
                if seen.filter({ $0.kind == kind }).count >= count { break }
            }
            return seen
        }
    }

    func testEachClientsWorkerWritesTheSameEventFieldsAndOurSequenceReadsPythons() async throws {
        let pythons = try await queue.add("by-python", json: #"{"n":1}"#)
        _ = try await PythonBullMQ.run(queue: queueName, "work", ["count": 1, "timeout": 30])
        let ours = try await queue.add("by-swift", json: #"{"n":2}"#)
        let worker = try swiftWorker { _ in ["by": "swift"] }
        worker.start()
        try await waitUntil("our worker completed its job") { try await self.queue.state(of: ours) == .completed }
        await worker.close()

        let events = try await ourEvents(until: .completed, count: 2)
        let python = events.filter { $0.jobId == pythons }
        let swift = events.filter { $0.jobId == ours }
        XCTAssertEqual(python.map(\.kind), [.added, .waiting, .active, .completed])
        XCTAssertEqual(swift.map(\.kind), python.map(\.kind))
        for (theirs, mine) in zip(python, swift) {
            XCTAssertEqual(Set(mine.fields.keys), Set(theirs.fields.keys), "fields of \(mine.name)")
        }
        let returned = try XCTUnwrap(python.last?.returnValue)
        XCTAssertTrue(returned.contains(#""by": "python""#) || returned.contains(#""by":"python""#), returned)
    }

    func testPythonsQueueEventsSeesOurWorkersEvents() async throws {
        let id = try await queue.add("report", json: "{}")
        let worker = try swiftWorker { _ in ["pages": 3] }
        worker.start()
        try await waitUntil("our worker completed the job") { try await self.queue.state(of: id) == .completed }
        await worker.close()
        let seen = try await PythonBullMQ.run(queue: queueName, "events", ["from": "0-0", "until": "completed"])
        let entries = try XCTUnwrap(seen as? [[String: Any]]).filter { $0["jobId"] as? String == id }
        XCTAssertEqual(entries.compactMap { $0["event"] as? String }, ["added", "waiting", "active", "completed"])
        let value = entries.last?["returnvalue"] as? [String: Int]
        XCTAssertEqual(value, ["pages": 3], "Python decodes our return value")
    }

    func testLogsWrittenByEitherClientAreReadByTheOther() async throws {
        let id = try await queue.add("logged", json: "{}")
        try await queue.addLog(id, "from swift")
        let count = try await PythonBullMQ.run(queue: queueName, "add-log", ["id": id, "line": "from python"])
        XCTAssertEqual(count as? Int, 2)
        let ours = try await queue.logs(id)
        XCTAssertEqual(ours.lines, ["from swift", "from python"])
        let theirs = try await PythonBullMQ.run(queue: queueName, "logs", id) as? [String: Any]
        XCTAssertEqual(theirs?["logs"] as? [String], ["from swift", "from python"])
        XCTAssertEqual(theirs?["count"] as? Int, 2)

        let shown = try SystemProcess.maxctlOnTestRedis(["queue", "job", queueName, id, "--json"])
        let detail = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(detail?["logs"] as? [String], ["from swift", "from python"], "maxctl queue job shows both")
        XCTAssertEqual(detail?["state"] as? String, "waiting")
    }

    func testMaxctlQueueEventsFollowsAPythonWorkersEvents() async throws {
        let id = try await queue.add("watched", json: "{}")
        _ = try await PythonBullMQ.run(queue: queueName, "work", ["count": 1, "timeout": 30])
        let followed = try SystemProcess.maxctlOnTestRedis([
            "queue", "events", queueName, "--from-start", "--max-events", "4", "--json",
        ])
        let lines = followed.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        XCTAssertEqual(lines.compactMap { $0["event"] as? String }, ["added", "waiting", "active", "completed"])
        XCTAssertEqual(Set(lines.compactMap { ($0["fields"] as? [String: String])?["jobId"] }), [id])
    }

}
