import QueueCore
import RedisClient
import XCTest

final class QueueAddTests: QueueTestCase {
    func testAddingAPlainJobWritesTheHashPushesWaitSetsTheMarkerAndEmitsEvents() async throws {
        let id = try await queue.add("plain", json: #"{"text":"a / b"}"#)
        XCTAssertEqual(id, "1")
        let value1 = try await strings("LRANGE", keys.key("wait"), "0", "-1")
        XCTAssertEqual(value1, ["1"])
        let value2 = try await strings("ZRANGE", keys.key("marker"), "0", "-1")
        XCTAssertEqual(value2, ["0"])
        let job = try await queue.job(id)
        XCTAssertEqual(job?.name, "plain")
        XCTAssertEqual(job?.data, #"{"text":"a / b"}"#)
        XCTAssertEqual(job?.fields["opts"], #"{"attempts":0,"delay":0}"#)
        XCTAssertEqual(job?.fields["priority"], "0")
        let value3 = try await eventNames()
        XCTAssertEqual(value3, ["added", "waiting"])
        let value4 = try await redis("HGET", keys.key("meta"), "opts.maxLenEvents").string
        XCTAssertEqual(value4, "10000")
        let value5 = try await queue.state(of: id)
        XCTAssertEqual(value5, .waiting)
    }

    func testADelayedJobGoesToDelayedWithTheEncodedScoreAndADelayedMarker() async throws {
        let id = try await queue.add(
            "later", json: "{}", options: JobOptions(delay: 60_000, timestamp: 1_800_000_000_000))
        let score = try await redis("ZSCORE", keys.key("delayed"), id).string.flatMap(Double.init)
        XCTAssertEqual(score, ScoreEncoding.delayedScore(dueMs: 1_800_000_060_000))
        let value6 = try await redis("ZSCORE", keys.key("marker"), "1").string
        XCTAssertEqual(value6, "1800000060000")
        let value7 = try await eventNames()
        XCTAssertEqual(value7, ["added", "delayed"])
        let value8 = try await queue.state(of: id)
        XCTAssertEqual(value8, .delayed)
        let sameMillisecond = try await queue.add(
            "later", json: "{}", options: JobOptions(delay: 60_000, timestamp: 1_800_000_000_000))
        let value9 = try await strings("ZRANGE", keys.key("delayed"), "0", "-1")
        XCTAssertEqual(value9, [id, sameMillisecond])
    }

    func testPrioritizedJobsAreScoredByPriorityThenInsertionOrder() async throws {
        let low = try await queue.add("p", json: "{}", options: JobOptions(priority: 9))
        let high = try await queue.add("p", json: "{}", options: JobOptions(priority: 1))
        let value10 = try await strings("ZRANGE", keys.key("prioritized"), "0", "-1")
        XCTAssertEqual(value10, [high, low])
        let value11 = try await redis("ZSCORE", keys.key("prioritized"), high).string
        XCTAssertEqual(value11, "4294967298")
        let value12 = try await queue.state(of: low)
        XCTAssertEqual(value12, .prioritized)
    }

    func testALifoJobIsPushedToTheFrontOfWait() async throws {
        _ = try await queue.add("a", json: "{}")
        let lifo = try await queue.add("b", json: "{}", options: JobOptions(lifo: true))
        let value13 = try await strings("LRANGE", keys.key("wait"), "-1", "-1")
        XCTAssertEqual(value13, [lifo])
    }

    func testACustomIdIsStoredOnceAndASecondAddReturnsTheExistingJob() async throws {
        let first = try await queue.add("a", json: #"{"v":1}"#, options: JobOptions(jobId: "post-7-v1"))
        let second = try await queue.add("a", json: #"{"v":2}"#, options: JobOptions(jobId: "post-7-v1"))
        XCTAssertEqual(first, "post-7-v1")
        XCTAssertEqual(second, "post-7-v1")
        let value14 = try await queue.job("post-7-v1")?.data
        XCTAssertEqual(value14, #"{"v":1}"#)
        let value15 = try await redis("LLEN", keys.key("wait")).int
        XCTAssertEqual(value15, 1)
        let value16 = try await eventNames().last
        XCTAssertEqual(value16, "duplicated")
    }

    func testInvalidOptionsAndDataAreRejectedBeforeAnythingIsWritten() async throws {
        await XCTAssertThrowsErrorAsync(try await self.queue.add("a", json: "{}", options: JobOptions(jobId: "12")))
        await XCTAssertThrowsErrorAsync(try await self.queue.add("a", json: "{not json"))
        let value17 = try await redis("EXISTS", keys.key("id")).int
        XCTAssertEqual(value17, 0)
    }

    func testAddBulkStoresEveryJobInOrderInOnePipeline() async throws {
        let jobs = try (0..<50).map { try Queue.NewJob(name: "bulk", data: ["n": $0]) }
        let ids = try await queue.addBulk(jobs)
        XCTAssertEqual(ids, (1...50).map(String.init))
        let value18 = try await redis("LLEN", keys.key("wait")).int
        XCTAssertEqual(value18, 50)
        let value19 = try await queue.job("50")?.data
        XCTAssertEqual(value19, #"{"n":49}"#)
    }

    func testEncodableDataIsStoredAsCompactJSON() async throws {
        struct Post: Codable, Equatable {
            var id: Int
            var url: String
        }
        let id = try await queue.add("post", data: Post(id: 3, url: "https://x/y"))
        let value20 = try await queue.job(id)?.data
        XCTAssertEqual(value20, #"{"id":3,"url":"https://x/y"}"#)
        let value21 = try await queue.job(id)?.decodeData(Post.self)
        XCTAssertEqual(value21, Post(id: 3, url: "https://x/y"))
    }
}

func XCTAssertThrowsErrorAsync<T>(
    _ expression: @autoclosure () async throws -> T, file: StaticString = #filePath, line: UInt = #line
) async {
    do {
        _ = try await expression()
        XCTFail("expected an error", file: file, line: line)
    } catch {}
}
