import RedisClient
import XCTest

@testable import QueueCore

final class WorkerClientNamesTests: XCTestCase {
    func testNamesFollowNodeAndPythonBullMQ() {
        let names = WorkerClientNames(prefix: "bull", queueName: "social-posts", workerName: nil)
        XCTAssertEqual(names.node, "bull:c29jaWFsLXBvc3Rz")
        XCTAssertEqual(names.python, "bull:social-posts")
        let named = WorkerClientNames(prefix: "{bull}", queueName: "ads", workerName: "eu-1")
        XCTAssertEqual(named.node, "{bull}:YWRz:w:eu-1")
        XCTAssertEqual(named.python, "{bull}:ads:w:eu-1")
    }

    func testAQueueNameRedisCannotCarryGetsNoPythonName() {
        XCTAssertNil(WorkerClientNames(prefix: "bull", queueName: "two words", workerName: nil).python)
        XCTAssertNil(WorkerClientNames(prefix: "bull", queueName: "café", workerName: nil).python)
        XCTAssertEqual(WorkerClientNames(prefix: "bull", queueName: "café", workerName: nil).node, "bull:Y2Fmw6k=")
    }

    func testAWorkerNameRedisCannotCarryIsRefusedNamingIt() {
        let configuration = Worker.Configuration(name: "night shift")
        XCTAssertThrowsError(try configuration.validate()) { error in
            XCTAssertTrue("\(error)".contains("'night shift'"), "\(error)")
        }
        XCTAssertNoThrow(try Worker.Configuration(name: "night-shift").validate())
    }

    func testMarkerWaitsNeverGoBelowWhatTheServerHandles() {
        XCTAssertEqual(Worker.minimumBlockMilliseconds(serverVersion: RedisServerVersion(7, 0, 7)), 2)
        XCTAssertEqual(Worker.minimumBlockMilliseconds(serverVersion: RedisServerVersion(6, 2, 14)), 2)
        XCTAssertEqual(Worker.minimumBlockMilliseconds(serverVersion: RedisServerVersion(7, 0, 8)), 1)
        XCTAssertEqual(Worker.minimumBlockMilliseconds(serverVersion: RedisServerVersion(7, 2, 4)), 1)
        XCTAssertEqual(Worker.minimumBlockMilliseconds(serverVersion: nil), 2)
    }
}
