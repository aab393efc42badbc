import Foundation
import PrivateServices
import QueueCoreTestSupport
import RedisClient
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Failures against real servers of the test's own: killed, stopped, wrong password, nothing listening.
final class RedisFailureTests: XCTestCase {
    func testServerKilledMidUseGivesAClearErrorAndTheClientRecoversByItself() async throws {
        let server = try await offPool { try ThrowawayRedis() }
        defer { server.stop() }
        let redis = RedisClient(
            configuration: try RedisConfiguration(
                url: server.url, connectTimeout: .seconds(1), commandTimeout: .seconds(2), poolSize: 2))
        let key = TestServices.uniqueName("kill")
        try await redis.send("SET", key, "before")
        let connection = redis.makeDedicatedConnection()
        let inFlight = Task { try await connection.send("BLPOP", key + "-list", "0") }
        let writers = Task {
            var failures: [RedisError] = []
            for index in 0..<100_000 where !Task.isCancelled {
                do { try await redis.send("SET", key, "\(index)") } catch let error as RedisError {
                    failures.append(error)
                }
            }
            return failures
        }
        // Kill it mid-use: once the BLPOP blocks on the server and the writers have written.
        await waitUntilBlocked(on: server.url, moreThan: 0)
        let written = await eventually { (try? await redis.send("GET", key).string) != "before" }
        XCTAssertTrue(written, "the writers never reached the server")
        server.send(signal: SIGKILL)

        // The blocked command fails at once with a message naming the address and the command.
        let result = await inFlight.result
        guard case .failure(let error as RedisError) = result else {
            return XCTFail("expected connectionLost, got \(result)")
        }
        XCTAssertEqual(error.code, .connectionLost)
        XCTAssertEqual(error.address, "127.0.0.1:\(server.port)")
        XCTAssertEqual(error.command, "BLPOP")
        XCTAssertTrue(
            error.description.contains("127.0.0.1:\(server.port)") && error.description.contains("BLPOP"), "\(error)")

        // While it is down, commands fail fast with a connection error rather than hanging.
        let down = await expectRedisError(.connectFailed) { try await redis.send("PING") }
        XCTAssertTrue(down?.description.contains("refused") == true, "\(String(describing: down))")
        writers.cancel()
        let writerFailures = try await writers.value
        XCTAssertFalse(writerFailures.isEmpty)
        XCTAssertTrue(
            writerFailures.allSatisfy { [.connectionLost, .connectFailed, .commandTimeout].contains($0.code) },
            "\(writerFailures.prefix(3))")

        try await offPool { try server.restart() }
        let recovered = await eventually { (try? await redis.send("PING")) == .simpleString("PONG") }
        XCTAssertTrue(recovered, "the client did not reconnect after the server came back")
        let set = try await redis.send("SET", key, "after")
        XCTAssertEqual(set, .simpleString("OK"))
        let pong = try await connection.send("PING")
        XCTAssertEqual(pong, .simpleString("PONG"))
        await connection.close()
        await redis.close()
    }

    func testWrongPasswordFailsClearlyWithinTheConnectTimeoutAndNeverShowsThePassword() async throws {
        let server = try await offPool { try ThrowawayRedis(password: "right-secret") }
        defer { server.stop() }
        let wrong = "redis://:wrong-secret@127.0.0.1:\(server.port)"
        // A long connect timeout: the refusal must come from the server's answer, not from the timeout
        // (the error code says which; the elapsed bound only proves it did not wait the timeout out).
        let connectTimeout = Duration.seconds(10)
        let redis = RedisClient(configuration: try RedisConfiguration(url: wrong, connectTimeout: connectTimeout))
        var error: RedisError?
        let elapsed = await timeElapsed {
            error = await expectRedisError(.authenticationFailed) { try await redis.send("PING") }
        }
        XCTAssertLessThan(elapsed, connectTimeout)
        let text = error.map { "\($0)" } ?? ""
        XCTAssertTrue(text.contains("127.0.0.1:\(server.port)") && text.contains("WRONGPASS"), text)
        XCTAssertFalse(text.contains("wrong-secret") || text.contains("right-secret"), text)
        await redis.close()

        let anonymous = RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:\(server.port)"))
        await expectRedisError(.authenticationFailed) { try await anonymous.send("PING") }
        await anonymous.close()

        // The right password and a database are applied to every connection of the pool.
        let right = RedisClient(
            configuration: try RedisConfiguration(
                url: "redis://default:right-secret@127.0.0.1:\(server.port)/3", poolSize: 3))
        for _ in 0..<6 {
            let info = try await right.send("CLIENT", "INFO")
            XCTAssertTrue(info.string?.contains(" db=3 ") == true, info.string ?? "")
        }
        await right.close()
    }

    func testNothingListeningFailsFastWithTheAddressInTheMessage() async throws {
        let port = try unusedPort()
        // As above: a refused connect fails with connectFailed at once; the timeout only bounds the test.
        let connectTimeout = Duration.seconds(10)
        let redis = RedisClient(
            configuration: try RedisConfiguration(url: "redis://127.0.0.1:\(port)", connectTimeout: connectTimeout))
        let elapsed = await timeElapsed {
            let error = await expectRedisError(.connectFailed) { try await redis.send("PING") }
            XCTAssertTrue(error?.description.contains("127.0.0.1:\(port)") == true, "\(String(describing: error))")
            XCTAssertEqual(error?.command, "PING")
        }
        XCTAssertLessThan(elapsed, connectTimeout)
        await redis.close()
    }

    func testUnansweredConnectFailsWithinTheConnectTimeout() async throws {
        // A listener whose accept queue is full silently drops new SYNs, like an unreachable host.
        let listener = try FullListener()
        defer { listener.close() }
        let redis = RedisClient(
            configuration: try RedisConfiguration(
                url: "redis://127.0.0.1:\(listener.port)", connectTimeout: .milliseconds(300),
                commandTimeout: .seconds(5)))
        let elapsed = await timeElapsed {
            let error = await expectRedisError(.connectTimeout) { try await redis.send("PING") }
            XCTAssertTrue(error?.description.contains("connect timeout") == true, "\(String(describing: error))")
        }
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(250))
        XCTAssertLessThan(elapsed, .seconds(3))
        await redis.close()
    }

    func testStoppedServerTimesOutCommandsAndTheClientResumesAfterContinue() async throws {
        let server = try await offPool { try ThrowawayRedis() }
        defer { server.stop() }
        let redis = RedisClient(
            configuration: try RedisConfiguration(
                url: server.url, connectTimeout: .seconds(1), commandTimeout: .milliseconds(300), poolSize: 1))
        try await redis.send("PING")
        server.send(signal: SIGSTOP)
        let elapsed = await timeElapsed {
            let error = await expectRedisError(.commandTimeout) { try await redis.send("GET", "k") }
            XCTAssertEqual(error?.command, "GET")
        }
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(250))
        XCTAssertLessThan(elapsed, .seconds(3))
        server.send(signal: SIGCONT)
        let resumed = await eventually { (try? await redis.send("PING")) == .simpleString("PONG") }
        XCTAssertTrue(resumed)
        await redis.close()
    }
}

/// A loopback port nothing listens on (bound, then released).
private func unusedPort() throws -> Int {
    let listener = try FullListener(fill: false)
    listener.close()
    return listener.port
}

/// A TCP listener on 127.0.0.1 that never accepts; with `fill`, its backlog is filled so further
/// connection attempts get no answer.
private final class FullListener {
    let port: Int
    private var fds: [Int32] = []

    init(fill: Bool = true) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RedisError(.connectFailed, "socket() failed") }
        fds.append(fd)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 0) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw RedisError(.connectFailed, "bind/listen failed") }
        port = Int(UInt16(bigEndian: address.sin_port))
        guard fill else { return }
        // Backlog 0 holds one completed connection: once the first client is connected the queue is full.
        let first = try connectNonBlocking(to: address)
        fds.append(first)
        var ready = pollfd(fd: first, events: Int16(POLLOUT), revents: 0)
        var connectError: Int32 = 0
        var errorLength = socklen_t(MemoryLayout<Int32>.size)
        guard poll(&ready, 1, 5_000) == 1,
            getsockopt(first, SOL_SOCKET, SO_ERROR, &connectError, &errorLength) == 0, connectError == 0
        else { throw RedisError(.connectFailed, "the filler connection did not complete within 5 s") }
        for _ in 0..<3 { fds.append(try connectNonBlocking(to: address)) }
    }

    /// A non-blocking socket with its connect to `address` started.
    private func connectNonBlocking(to address: sockaddr_in) throws -> Int32 {
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard client >= 0 else { throw RedisError(.connectFailed, "socket() failed") }
        var target = address
        let started = withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard started == 0 || errno == EINPROGRESS else { throw RedisError(.connectFailed, "connect() failed") }
        return client
    }

    func close() {
        for fd in fds { Glibc.close(fd) }
        fds = []
    }
}
