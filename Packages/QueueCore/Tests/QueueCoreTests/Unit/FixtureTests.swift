import Foundation
import QueueCore
import XCTest

/// Parses every key of a dump written by the real Python bullmq 3.4.4.
final class FixtureTests: XCTestCase {
    struct Entry: Decodable {
        let type: String
        let value: JSONValue
    }

    struct Snapshot: Decodable {
        let while_active: [String: Entry]
        let final: [String: Entry]
    }

    private func snapshot() throws -> Snapshot {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/bullmq-3.4.4-snapshot.json")
        return try JSONDecoder().decode(Snapshot.self, from: Data(contentsOf: url))
    }

    private func jobHashes(_ entries: [String: Entry]) -> [(String, [String: String])] {
        entries.compactMap { key, entry in
            guard entry.type == "hash", !key.hasSuffix(":meta"), case .object(let members) = entry.value else {
                return nil
            }
            let id = key.split(separator: ":", maxSplits: 2).last.map(String.init) ?? key
            return (id, members.compactMapValues(\.stringValue))
        }
    }

    func testEveryJobHashInTheFixtureParses() throws {
        let snapshot = try snapshot()
        let hashes = jobHashes(snapshot.while_active) + jobHashes(snapshot.final)
        XCTAssertGreaterThan(hashes.count, 10)
        for (id, fields) in hashes {
            let job = try Job(id: id, fields: fields)
            XCTAssertFalse(job.name.isEmpty, id)
            XCTAssertNoThrow(try JSONValue.parse(job.data), id)
            XCTAssertNoThrow(try JobOptions(json: fields["opts"] ?? ""), id)
            XCTAssertGreaterThan(job.timestamp, 1_700_000_000_000, id)
        }
    }

    func testFixtureJobsCarryAttemptsBackoffRetentionAndResults() throws {
        let active = try snapshot().while_active
        let fields = { (key: String) in active[key]?.value.objectValue?.compactMapValues(\.stringValue) ?? [:] }
        let failed = try Job(id: "7", fields: fields("bull:fx:7"))
        XCTAssertEqual(failed.attemptsMade, 3)
        XCTAssertEqual(failed.options.attempts, 3)
        XCTAssertEqual(failed.options.backoff, .exponential(100))
        XCTAssertEqual(failed.failedReason, "intentional failure 3")
        XCTAssertFalse(failed.stacktrace.isEmpty)
        let kept = try Job(id: "6", fields: fields("bull:fx:6"))
        XCTAssertEqual(kept.options.removeOnComplete, .last(100))
        XCTAssertEqual(try kept.decodeReturnValue([String: JSONValue].self)?["by"], .string("python"))
        let plain = try Job(id: "1", fields: fields("bull:fx:1"))
        XCTAssertEqual(try plain.decodeData([String: JSONValue].self)["text"], .string("hello / world"))
        let custom = try Job(id: "post:42", fields: fields("bull:fx:post:42"))
        XCTAssertEqual(custom.options.jobId, "post:42")
    }

    func testFixtureScoresDecodeToTheJobsDueTimeAndPriority() throws {
        let final = try snapshot().final
        guard case .array(let delayed) = final["bull:fx-waiting:delayed"]?.value,
            case .array(let pair) = delayed.first, let score = pair.last?.doubleValue,
            let job = final["bull:fx-waiting:4"]?.value.objectValue?.compactMapValues(\.stringValue)
        else { return XCTFail("fixture shape changed") }
        let parsed = try Job(id: "4", fields: job)
        XCTAssertEqual(ScoreEncoding.dueMs(ofDelayedScore: score), parsed.timestamp + Int64(parsed.delay))
        guard case .array(let prioritized) = final["bull:fx-waiting:prioritized"]?.value else {
            return XCTFail("no prioritized")
        }
        let priorities = prioritized.compactMap { entry -> Int? in
            guard case .array(let pair) = entry, let score = pair.last?.doubleValue else { return nil }
            return ScoreEncoding.priority(ofPrioritizedScore: score)
        }
        XCTAssertEqual(priorities, [1, 9])
    }
}
