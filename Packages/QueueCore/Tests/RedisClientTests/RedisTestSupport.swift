import Foundation
import PrivateServices
import QueueCoreTestSupport
import RedisClient
import XCTest

/// A client on the shared test server (REDIS_URL, else a throwaway redis-server for this process).
func makeSharedClient(poolSize: Int = 4, commandTimeout: Duration = .seconds(10)) async throws -> RedisClient {
    let url = try await offPool { try TestServices.redisURL() }
    return RedisClient(
        configuration: try RedisConfiguration(url: url, commandTimeout: commandTimeout, poolSize: poolSize))
}

/// Runs `body`, which must throw a `RedisError` with `code`, and returns that error for further checks.
@discardableResult
func expectRedisError(
    _ code: RedisError.Code, file: StaticString = #filePath, line: UInt = #line, _ body: () async throws -> Void
) async -> RedisError? {
    do {
        try await body()
        XCTFail("expected a RedisError \(code), but the call succeeded", file: file, line: line)
    } catch let error as RedisError {
        XCTAssertEqual(error.code, code, "unexpected error: \(error)", file: file, line: line)
        return error
    } catch {
        XCTFail("expected a RedisError \(code), got \(error)", file: file, line: line)
    }
    return nil
}

/// Seconds elapsed while running `body`.
func timeElapsed(_ body: () async throws -> Void) async rethrows -> Duration {
    let start = ContinuousClock.now
    try await body()
    return ContinuousClock.now - start
}

/// The server's count of clients blocked in BLPOP, BZPOPMIN and the like (`INFO clients`).
func blockedClients(on url: String) async throws -> Int {
    // A client of its own: a pooled connection of the client under test may be the blocked one.
    let observer = RedisClient(configuration: try RedisConfiguration(url: url, poolSize: 1))
    let info: String
    do {
        info = try await observer.send("INFO", "clients").string ?? ""
    } catch {
        await observer.close()
        throw error
    }
    await observer.close()
    return RedisInfo.fields(info)["blocked_clients"].flatMap { Int($0) } ?? 0
}

/// Waits until the server reports more blocked clients than `baseline`: the command under test has
/// reached the server and blocks there (instead of sleeping and hoping it has).
func waitUntilBlocked(
    on url: String, moreThan baseline: Int, file: StaticString = #filePath, line: UInt = #line
) async {
    let blocked = await eventually(timeout: .seconds(10)) { ((try? await blockedClients(on: url)) ?? 0) > baseline }
    XCTAssertTrue(blocked, "the blocking command never reached the server", file: file, line: line)
}
