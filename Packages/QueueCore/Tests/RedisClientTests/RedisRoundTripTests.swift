import PrivateServices
import RedisClient
import XCTest

/// Commands against a real redis-server: every reply type, pipelines, concurrency, scripts.
final class RedisRoundTripTests: XCTestCase {
    func testRoundTripsEveryReplyType() async throws {
        let redis = try await makeSharedClient()
        let key = TestServices.uniqueName("types")
        let ok = try await redis.send("SET", key, "héllo")
        XCTAssertEqual(ok, .simpleString("OK"))
        let value = try await redis.send("GET", key)
        XCTAssertEqual(value.string, "héllo")
        let missing = try await redis.send("GET", key + "-missing")
        XCTAssertTrue(missing.isNull)
        let count = try await redis.send("INCRBY", key + "-n", "41")
        XCTAssertEqual(count, .integer(41))
        try await redis.send("RPUSH", key + "-l", "a", "", "c")
        let list = try await redis.send("LRANGE", key + "-l", "0", "-1")
        XCTAssertEqual(list, .array([.bulkString(Array("a".utf8)), .bulkString([]), .bulkString(Array("c".utf8))]))
        let emptyArray = try await redis.send("LRANGE", key + "-none", "0", "-1")
        XCTAssertEqual(emptyArray, .array([]))
        // A nested error (EXEC reports per-command errors inside its array) and a null array (BLPOP timeout).
        try await redis.withDedicatedConnection { connection in
            try await connection.send("MULTI")
            try await connection.send("INCR", key)  // a string that is not a number
            try await connection.send("PING")
            let exec = try await connection.send("EXEC")
            XCTAssertEqual(exec.array?.count, 2)
            guard case .error(let message) = exec.array?.first else {
                return XCTFail("expected a nested error: \(exec)")
            }
            XCTAssertTrue(message.hasPrefix("ERR"), message)
            XCTAssertEqual(exec.array?.last, .simpleString("PONG"))
            let timedOut = try await connection.send("BLPOP", key + "-empty", "0.05")
            XCTAssertTrue(timedOut.isNull, "\(timedOut)")
        }
        // A top-level error reply throws, naming the command.
        let error = await expectRedisError(.server) { try await redis.send("LPUSH", key, "x") }
        XCTAssertEqual(error?.serverErrorPrefix, "WRONGTYPE")
        XCTAssertEqual(error?.command, "LPUSH")
        await redis.close()
    }

    func testBinaryValuesSurviveUnchanged() async throws {
        let redis = try await makeSharedClient()
        let key = Array(TestServices.uniqueName("bin").utf8)
        let payload = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) } + [0, 13, 10, 0]
        try await redis.send(bytes: [Array("SET".utf8), key, payload])
        let value = try await redis.send(bytes: [Array("GET".utf8), key])
        XCTAssertEqual(value.bytes, payload)
        await redis.close()
    }

    func testPipelineOfTenThousandCommandsReturnsEveryReplyInOrder() async throws {
        let redis = try await makeSharedClient()
        let key = TestServices.uniqueName("pipe")
        var commands = (0..<10_000).map { ["RPUSH", key, "item-\($0)"] }
        commands.insert(["HGET", key, "f"], at: 5_000)  // a WRONGTYPE error in the middle stays in its slot
        let results = try await redis.pipeline(commands)
        XCTAssertEqual(results.count, 10_001)
        XCTAssertEqual(try results[0].get(), .integer(1))
        XCTAssertEqual(try results[10_000].get(), .integer(10_000))
        guard case .failure(let error) = results[5_000] else { return XCTFail("expected WRONGTYPE in slot 5000") }
        XCTAssertEqual(error.serverErrorPrefix, "WRONGTYPE")
        let last = try await redis.send("LINDEX", key, "-1")
        XCTAssertEqual(last.string, "item-9999")
        let empty = try await redis.pipeline([])
        XCTAssertTrue(empty.isEmpty)
        await redis.close()
    }

    func testHundredConcurrentTasksSharingThePoolEachGetTheirOwnReplies() async throws {
        let redis = try await makeSharedClient(poolSize: 4)
        let prefix = TestServices.uniqueName("conc")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<100 {
                group.addTask {
                    for round in 0..<20 {
                        let key = "\(prefix):\(task)"
                        let expected = "\(task)-\(round)-" + String(repeating: "x", count: task * 7)
                        try await redis.send("SET", key, expected)
                        let echoed = try await redis.send("GET", key)
                        XCTAssertEqual(echoed.string, expected)
                        let pipeline = try await redis.pipeline([["ECHO", expected], ["INCR", key + ":n"]])
                        XCTAssertEqual(try pipeline[0].get().string, expected)
                        XCTAssertEqual(try pipeline[1].get().int, round + 1)
                    }
                }
            }
            try await group.waitForAll()
        }
        await redis.close()
    }

    func testScriptsRunBySHAAndSurviveScriptFlush() async throws {
        let redis = try await makeSharedClient()
        let key = TestServices.uniqueName("lua")
        let script = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])", name: "incrBy")
        let first = try await redis.eval(script, keys: [key], arguments: ["5"])
        XCTAssertEqual(first, .integer(5))
        let exists = try await redis.send("SCRIPT", "EXISTS", script.sha1)
        XCTAssertEqual(exists, .array([.integer(1)]))
        try await redis.send("SCRIPT", "FLUSH")
        let afterFlush = try await redis.eval(script, keys: [key], arguments: ["2"])
        XCTAssertEqual(afterFlush, .integer(7))
        try await redis.send("SCRIPT", "FLUSH")
        let other = RedisScript("return ARGV[1]")
        let batch = try await redis.evalPipeline([
            (script, keys: [key], arguments: ["1"]), (other, keys: [], arguments: ["echo"]),
            (script, keys: [key], arguments: ["1"]),
        ])
        XCTAssertEqual(try batch.map { try $0.get() }, [.integer(8), .bulkString(Array("echo".utf8)), .integer(9)])
        let failing = RedisScript("return redis.error_reply('BOOM no luck')", name: "boom")
        let error = await expectRedisError(.server) { _ = try await redis.eval(failing, keys: [], arguments: []) }
        XCTAssertEqual(error?.command, "EVALSHA boom")
        XCTAssertEqual(error?.serverErrorPrefix, "BOOM")
        await redis.close()
    }

    func testANamedDedicatedConnectionIsNamedAgainAfterTheServerDropsIt() async throws {
        let client = try await makeSharedClient()
        let name = "roundtrip-\(UInt32.random(in: 0...UInt32.max))"
        let connection = client.makeDedicatedConnection(name: name)
        let first = try await connection.send("CLIENT", "GETNAME").string
        XCTAssertEqual(first, name, "named before the first command")
        let idReply = try await connection.send("CLIENT", "ID").int
        let id = try XCTUnwrap(idReply)
        try await client.send("CLIENT", "KILL", "ID", String(id))
        // The kill may or may not have been seen yet: this command fails or runs on a new connection.
        _ = try? await connection.send("PING")
        let newID = try await connection.send("CLIENT", "ID").int
        let again = try await connection.send("CLIENT", "GETNAME").string
        XCTAssertNotEqual(newID, id, "the connection was not replaced")
        XCTAssertEqual(again, name, "the reconnected connection lost its name")
        await connection.close()
        await client.close()
    }

    func testDedicatedConnectionWaitsInBZPOPMINBeyondTheCommandTimeoutWithoutHoldingUpThePool() async throws {
        let commandTimeout = Duration.milliseconds(500)
        let redis = try await makeSharedClient(poolSize: 1, commandTimeout: commandTimeout)
        let key = TestServices.uniqueName("bz")
        let url = try await offPool { try TestServices.redisURL() }
        let baseline = try await blockedClients(on: url)
        let clock = ContinuousClock()
        let sent = clock.now
        async let popped = redis.withDedicatedConnection { connection in
            try await connection.send("BZPOPMIN", key, "5")
        }
        await waitUntilBlocked(on: url, moreThan: baseline)
        // Past the command timeout the pool keeps answering and the dedicated command still waits on the server.
        while clock.now - sent < commandTimeout * 1.5 {
            let ping = try await redis.send("PING")
            XCTAssertEqual(ping, .simpleString("PONG"))
        }
        let stillBlocked = try await blockedClients(on: url)
        XCTAssertGreaterThan(stillBlocked, baseline, "the dedicated BZPOPMIN gave up at the pool's command timeout")
        try await redis.send("ZADD", key, "1", "job-1")
        let reply = try await popped
        XCTAssertEqual(reply.array?.map { $0.string }, [key, "job-1", "1"])
        await redis.close()
    }

    func testCancellingABlockedDedicatedCommandEndsItPromptly() async throws {
        let redis = try await makeSharedClient()
        let key = TestServices.uniqueName("cancel")
        let url = try await offPool { try TestServices.redisURL() }
        let baseline = try await blockedClients(on: url)
        let connection = redis.makeDedicatedConnection()
        let task = Task { try await connection.send("BLPOP", key, "0") }
        await waitUntilBlocked(on: url, moreThan: baseline)
        let elapsed = await timeElapsed {
            task.cancel()
            _ = await task.result
        }
        XCTAssertLessThan(elapsed, .seconds(5))
        if case .success = await task.result { XCTFail("a cancelled BLPOP returned a value") }
        let pong = try await connection.send("PING")
        XCTAssertEqual(pong, .simpleString("PONG"))
        await connection.close()
        await expectRedisError(.closed) { try await connection.send("PING") }
        await redis.close()
    }

    func testEmptyCommandsAreRefusedBeforeSending() async throws {
        let redis = try await makeSharedClient()
        await expectRedisError(.invalidCommand) { try await redis.send([]) }
        await expectRedisError(.invalidCommand) { try await redis.send(bytes: []) }
        await expectRedisError(.invalidCommand) { _ = try await redis.pipeline([["PING"], []]) }
        let pong = try await redis.send("PING")
        XCTAssertEqual(pong, .simpleString("PONG"))
        await redis.close()
    }

    func testCloseFailsPendingCommandsAndLaterOnes() async throws {
        let redis = try await makeSharedClient()
        let key = TestServices.uniqueName("close")
        let url = try await offPool { try TestServices.redisURL() }
        let baseline = try await blockedClients(on: url)
        let blocked = Task { try await redis.send("BLPOP", key, "0") }
        await waitUntilBlocked(on: url, moreThan: baseline)
        await redis.close()
        let result = await blocked.result
        guard case .failure(let error as RedisError) = result else { return XCTFail("expected .closed, got \(result)") }
        XCTAssertEqual(error.code, .closed)
        await expectRedisError(.closed) { try await redis.send("PING") }
        await redis.close()
    }
}

/// Tasks that run on the client's own event-loop thread (`taskExecutor`).
final class RedisTaskExecutorTests: XCTestCase {
    func testTasksOnTheClientsExecutorGetTheirOwnRepliesAndCanUseDedicatedConnections() async throws {
        let redis = try await makeSharedClient(poolSize: 2)
        let prefix = TestServices.uniqueName("exec")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<20 {
                group.addTask(executorPreference: redis.taskExecutor) {
                    for round in 0..<50 {
                        let value = "\(task)-\(round)"
                        try await redis.send("SET", "\(prefix):\(task)", value)
                        let read = try await redis.send("GET", "\(prefix):\(task)")
                        XCTAssertEqual(read.string, value)
                    }
                    let replies = try await redis.withDedicatedConnection { connection in
                        try await connection.pipeline([["INCR", "\(prefix):n"], ["PING"]])
                    }
                    XCTAssertEqual(try replies[1].get(), .simpleString("PONG"))
                }
            }
            try await group.waitForAll()
        }
        let total = try await redis.send("GET", "\(prefix):n")
        XCTAssertEqual(total.int, 20)
        await redis.close()
        // After close, work preferring the stopped loop's executor still runs (on the global pool).
        let afterClose = await Task(executorPreference: redis.taskExecutor) { 21 * 2 }.value
        XCTAssertEqual(afterClose, 42)
    }
}
