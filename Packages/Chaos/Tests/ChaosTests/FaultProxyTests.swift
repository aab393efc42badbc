import Essentials
import Foundation
import PrivateServices
import XCTest

@testable import Chaos

final class FaultProxyTests: XCTestCase {
    private var redis: ThrowawayRedis!
    private var proxy: FaultProxy!

    override func setUpWithError() throws {
        redis = try ThrowawayRedis()
        proxy = try FaultProxy(upstreamPort: redis.port)
    }

    override func tearDown() {
        proxy?.stop()
        redis?.stop()
    }

    private func ping(_ socket: LoopbackSocket) -> LoopbackSocket.ReadResult {
        socket.send("PING\r\n")
        return socket.receive()
    }

    func testRedisAnswersThroughTheProxyWhenNoFaultIsSet() throws {
        let socket = try XCTUnwrap(LoopbackSocket(port: proxy.port))
        XCTAssertEqual(ping(socket), .bytes("+PONG\r\n"))
        XCTAssertEqual(proxy.acceptedConnections, 1)
    }

    func testLatencySwitchedOnAnOpenConnectionDelaysEveryReplyAndSwitchesOffAgain() throws {
        let socket = try XCTUnwrap(LoopbackSocket(port: proxy.port))
        XCTAssertEqual(ping(socket), .bytes("+PONG\r\n"))
        proxy.set(.latency(.milliseconds(150), jitter: .milliseconds(20)))
        let clock = ContinuousClock()
        let delayed = clock.measure { XCTAssertEqual(ping(socket), .bytes("+PONG\r\n")) }
        // Both directions are delayed: at least 2 × (150 − 20) ms.
        XCTAssertGreaterThanOrEqual(delayed, .milliseconds(260))
        proxy.set(.none)
        XCTAssertEqual(ping(socket), .bytes("+PONG\r\n"))
    }

    func testBandwidthLimitPacesALargeReply() throws {
        let value = String(repeating: "x", count: 20_000)
        try redis.cli("SET", "big", value)
        let socket = try XCTUnwrap(LoopbackSocket(port: proxy.port, receiveTimeout: .seconds(10)))
        proxy.set(.bandwidth(bytesPerSecond: 40_000))
        let clock = ContinuousClock()
        var reply = ""
        let elapsed = clock.measure {
            socket.send("GET big\r\n")
            reply = socket.receive(atLeast: 20_008)
        }
        XCTAssertTrue(reply.hasPrefix("$20000\r\nxxx"))
        // 20 kB at 40 kB/s cannot arrive in under half a second.
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(450))
    }

    func testResetBreaksOpenConnectionsAndNewOnes() throws {
        let socket = try XCTUnwrap(LoopbackSocket(port: proxy.port))
        XCTAssertEqual(ping(socket), .bytes("+PONG\r\n"))
        proxy.set(.reset)
        XCTAssertTrue([.reset, .closed].contains(socket.receive()))
        let second = try XCTUnwrap(LoopbackSocket(port: proxy.port))
        XCTAssertTrue([.reset, .closed].contains(ping(second)))
        proxy.set(.none)
        XCTAssertEqual(ping(try XCTUnwrap(LoopbackSocket(port: proxy.port))), .bytes("+PONG\r\n"))
    }

    func testBlackholeAcceptsButNeverAnswers() throws {
        proxy.set(.blackhole)
        let socket = try XCTUnwrap(LoopbackSocket(port: proxy.port, receiveTimeout: .milliseconds(500)))
        XCTAssertEqual(ping(socket), .timedOut)
        proxy.set(.none)
        XCTAssertEqual(ping(socket), .bytes("+PONG\r\n"))
    }

    func testDownRefusesConnectionsUntilTheFaultIsCleared() throws {
        let open = try XCTUnwrap(LoopbackSocket(port: proxy.port))
        XCTAssertEqual(ping(open), .bytes("+PONG\r\n"))
        proxy.set(.down)
        XCTAssertTrue([.reset, .closed].contains(open.receive()))
        let refused = Deadline.blockingPoll(timeout: .seconds(2)) { LoopbackSocket(port: self.proxy.port) == nil }
        XCTAssertTrue(refused)
        proxy.set(.none)
        let back = Deadline.blockingPoll(timeout: .seconds(2)) { LoopbackSocket(port: self.proxy.port) != nil }
        XCTAssertTrue(back)
        XCTAssertEqual(ping(try XCTUnwrap(LoopbackSocket(port: proxy.port))), .bytes("+PONG\r\n"))
    }
}

extension Deadline {
    /// A blocking poll for synchronous tests.
    static func blockingPoll(timeout: Duration, _ condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while !condition() {
            if ContinuousClock.now >= deadline { return false }
            usleep(20_000)
        }
        return true
    }
}
