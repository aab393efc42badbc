import Foundation
import PrivateServices
import RedisClient
import XCTest

/// `maxctl queue job` on a flow written in BullMQ's layout: a parent lists its children with what became of
/// them, a child names its parent.
final class FlowJobCommandTests: XCTestCase {
    private var url = ""
    private var prefix = ""

    override func setUp() async throws {
        url = try TestServices.redisURL()
        prefix = TestServices.uniqueName("ctlf")
        let redis = RedisClient(configuration: try RedisConfiguration(url: url))
        func key(_ suffix: String) -> String { "\(prefix):reports:\(suffix)" }
        let commands: [[String]] = [
            ["HSET", key("root"), "name", "report", "data", "{}", "opts", "{}", "timestamp", "1", "delay", "0"],
            ["ZADD", key("waiting-children"), "1", "root"],
            ["HSET", key("root:processed"), key("a"), "\"done\""],
            ["SADD", key("root:dependencies"), key("b")],
            ["HSET", key("root:failed"), key("c"), "no data"],
            ["HSET", key("b"), "name", "part", "data", "{}", "opts", "{}", "timestamp", "1"],
            ["HSET", key("b"), "parentKey", key("root"), "parent", #"{"id":"root","queueKey":"\#(prefix):reports"}"#],
            ["LPUSH", key("wait"), "b"],
        ]
        for result in try await redis.pipeline(commands) {
            if case .failure(let error) = result { throw error }
        }
        await redis.close()
    }

    override func tearDown() async throws {
        let redis = RedisClient(configuration: try RedisConfiguration(url: url))
        let keys = (try await redis.send("KEYS", "\(prefix):*").array ?? []).compactMap(\.string)
        if !keys.isEmpty { _ = try await redis.send(["DEL"] + keys) }
        await redis.close()
    }

    private func maxctl(_ arguments: [String]) throws -> CommandResult {
        try MaxctlProcess.run(arguments + ["--redis", url, "--prefix", prefix])
    }

    func testAParentListsItsChildrenAndAChildNamesItsParent() throws {
        let parent = try maxctl(["queue", "job", "reports", "root"])
        XCTAssertEqual(parent.status, 0, parent.stderr)
        let base = "\(prefix):reports:"
        XCTAssertTrue(parent.stdout.contains("children (3):"), parent.stdout)
        XCTAssertTrue(parent.stdout.contains("  processed    \(base)a  \"done\""), parent.stdout)
        XCTAssertTrue(parent.stdout.contains("  unprocessed  \(base)b\n"), parent.stdout)
        XCTAssertTrue(parent.stdout.contains("  ignored      \(base)c  no data"), parent.stdout)
        let child = try maxctl(["queue", "job", "reports", "b", "--json"])
        let detail = try JSONSerialization.jsonObject(with: Data(child.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(detail?["parent"] as? String, "\(base)root")
        XCTAssertEqual((detail?["children"] as? [Any])?.count, 0)
    }
}
