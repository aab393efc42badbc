import XCTest

@testable import Monitoring

/// Counting workers from `CLIENT LIST`: both naming conventions, our two connections counted once, other
/// clients' connections counted each, names of other queues and plain connections ignored. In memory.
final class WorkerCensusTests: XCTestCase {
    /// `posts` in base64, as Node BullMQ names its connections.
    private let node = "bull:cG9zdHM="

    private func line(_ id: Int, _ name: String, _ address: String) -> String {
        "id=\(id) addr=\(address) laddr=127.0.0.1:6379 fd=9 name=\(name) age=3 idle=0 flags=N db=0 cmd=ping user=default"
    }

    private func workers(_ lines: [String], queue: String = "posts", prefix: String = "bull") -> QueueWorkers {
        let connections = ClientConnection.parse(lines.joined(separator: "\n") + "\n")
        return WorkerCensus.workers(of: [queue], prefix: prefix, connections: connections)[queue] ?? .unknown("none")
    }

    func testParsesNamedConnectionsAndSkipsUnnamedOnes() {
        let text = line(7, "bull:posts:w:a", "10.0.0.5:51000") + "\n" + "id=8 addr=10.0.0.6:1 fd=10 name= age=1\n"
        XCTAssertEqual(
            ClientConnection.parse(text), [ClientConnection(id: 7, name: "bull:posts:w:a", address: "10.0.0.5:51000")])
        XCTAssertEqual(ClientConnection(id: 1, name: "x", address: "10.0.0.5:51000").host, "10.0.0.5")
    }

    func testOurWorkerHoldsBothNamesAndCountsOnce() {
        let found = workers([line(1, "\(node):w:swift-1", "10.0.0.5:1"), line(2, "bull:posts:w:swift-1", "10.0.0.5:2")])
        XCTAssertEqual(found.workers, [.init(client: .ours, name: "swift-1", address: "10.0.0.5:1")])
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.ours, 1)
        XCTAssertEqual(found.others, 0)
    }

    func testEachConventionAloneIsAnotherClientsWorker() {
        let found = workers([line(1, node, "10.0.0.5:1"), line(2, "bull:posts:w:py", "10.0.0.6:2")])
        XCTAssertEqual(
            found.workers,
            [
                .init(client: .node, name: nil, address: "10.0.0.5:1"),
                .init(client: .python, name: "py", address: "10.0.0.6:2"),
            ])
        XCTAssertEqual(found.others, 2)
        XCTAssertEqual(found.ours, 0)
    }

    func testPairsOnlyOnOneHostUnderOneWorkerName() {
        // Two unnamed workers of ours and an unnamed Python worker on one host; a Node worker elsewhere.
        let found = workers([
            line(1, node, "10.0.0.5:1"), line(2, "bull:posts", "10.0.0.5:2"), line(3, node, "10.0.0.5:3"),
            line(4, "bull:posts", "10.0.0.5:4"), line(5, "bull:posts", "10.0.0.5:5"), line(6, node, "10.0.0.9:6"),
        ])
        XCTAssertEqual(found.ours, 2)
        XCTAssertEqual(found.workers.filter { $0.client == .python }.map(\.address), ["10.0.0.5:5"])
        XCTAssertEqual(found.workers.filter { $0.client == .node }.map(\.address), ["10.0.0.9:6"])
        XCTAssertEqual(found.count, 4)
    }

    func testOtherQueuesPrefixesAndPlainConnectionsAreNotWorkers() {
        let found = workers([
            line(1, "bull:postsx", "10.0.0.5:1"), line(2, "bull:email:w:a", "10.0.0.5:2"),
            line(3, "other:posts", "10.0.0.5:3"), line(4, "monitoring-api", "10.0.0.5:4"),
            line(5, "bull:posts:w:", "10.0.0.5:5"),
        ])
        XCTAssertEqual(found.count, 0)
        XCTAssertTrue(found.isKnown)
    }

    func testAHashTagPrefixIsMatchedLiterally() {
        let found = workers(
            [line(1, "{bull}:cG9zdHM=:w:a", "10.0.0.5:1"), line(2, "{bull}:posts:w:a", "10.0.0.5:2")], prefix: "{bull}")
        XCTAssertEqual(found.ours, 1)
    }

    func testUnknownWorkersHaveNoCountsInJSON() throws {
        let unknown = QueueWorkers.unknown("Redis refused CLIENT LIST (NOPERM)")
        XCTAssertNil(unknown.count)
        let json = try XCTUnwrap(
            JSONSerialization.jsonObject(with: MonitoringJSON.makeEncoder().encode(unknown)) as? [String: Any])
        XCTAssertTrue(json["count"] is NSNull)
        XCTAssertEqual(json["reason"] as? String, "Redis refused CLIENT LIST (NOPERM)")
        let decoded = try JSONDecoder().decode(QueueWorkers.self, from: MonitoringJSON.makeEncoder().encode(unknown))
        XCTAssertEqual(decoded, unknown)
    }
}
