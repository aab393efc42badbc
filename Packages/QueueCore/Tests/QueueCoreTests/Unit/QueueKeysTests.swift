import Foundation
import QueueCore
import XCTest

/// `QueueKeys` names every key the engine's Lua scripts touch, as BullMQ spells them.
final class QueueKeysTests: XCTestCase {
    func testKeysFollowBullMQsLayout() {
        let keys = QueueKeys(prefix: "bull", queue: "posts")
        XCTAssertEqual(keys.base, "bull:posts:")
        XCTAssertEqual(keys.wait, "bull:posts:wait")
        XCTAssertEqual(keys.waitingChildren, "bull:posts:waiting-children")
        XCTAssertEqual(keys.key(.waiting), "bull:posts:wait")
        XCTAssertEqual(keys.metrics(.completed), "bull:posts:metrics:completed")
        XCTAssertEqual(keys.metricsData(.failed), "bull:posts:metrics:failed:data")
        XCTAssertEqual(keys.workerCounters, "bull:posts:metrics:counters")
        XCTAssertEqual(keys.lock("7"), "bull:posts:7:lock")
        XCTAssertEqual(keys.deduplication("post-7"), "bull:posts:de:post-7")
    }

    func testAQueueNameIsReadBackFromItsMetaKeyOnly() {
        XCTAssertEqual(QueueKeys.queueName(ofMetaKey: "bull:posts:meta", prefix: "bull"), "posts")
        XCTAssertEqual(QueueKeys.queueName(ofMetaKey: "{b}:a:b:meta", prefix: "{b}"), "a:b")
        XCTAssertNil(QueueKeys.queueName(ofMetaKey: "bull:meta", prefix: "bull"))
        XCTAssertNil(QueueKeys.queueName(ofMetaKey: "other:posts:meta", prefix: "bull"))
        XCTAssertNil(QueueKeys.queueName(ofMetaKey: "bull:posts:wait", prefix: "bull"))
    }

    func testEveryKeyTheScriptsSpellIsNamedInQueueKeys() throws {
        let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Sources/QueueCore/Scripts").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: scripts.path).filter { $0.hasSuffix(".swift") }
        XCTAssertFalse(files.isEmpty, "no scripts found in \(scripts.path)")
        let pattern = try NSRegularExpression(pattern: #"B \.\. '([^']*)'"#)
        var spelled: Set<String> = []
        for file in files {
            let text = try String(contentsOf: scripts.appendingPathComponent(file), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                spelled.insert((text as NSString).substring(with: match.range(at: 1)))
            }
        }
        XCTAssertTrue(spelled.contains(QueueKeys.Suffix.wait), "the scan found no key: \(spelled)")
        // `B .. 'metrics:' .. kind` builds the two metrics keys; their lists add `:data`.
        let unnamed = spelled.filter { suffix in
            let key =
                suffix.hasSuffix(QueueKeys.Suffix.metricsData)
                ? String(suffix.dropLast(QueueKeys.Suffix.metricsData.count)) : suffix
            return !QueueKeys.Suffix.all.contains(key)
                && !(suffix.hasSuffix(":") && QueueKeys.Suffix.all.contains { $0.hasPrefix(suffix) })
        }
        XCTAssertEqual(unnamed, [], "keys the scripts use that QueueKeys does not name")
    }
}
