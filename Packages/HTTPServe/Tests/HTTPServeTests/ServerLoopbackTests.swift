import Foundation
import Glibc
import Synchronization
import XCTest

@testable import HTTPServe

/// The real server on loopback port 0, driven with raw sockets (exact bytes) from synchronous tests.
final class ServerLoopbackTests: XCTestCase {
    private func echoRoutes(_ router: inout Router) {
        router.get("/hello") { _ in .text("hello") }
        router.get("/async/:n") { request in
            let n = Int(request.parameter("n")!)!
            if n % 3 == 0 { try await Task.sleep(for: .microseconds(n % 7 * 300)) }
            return .text(request.parameter("n")!)
        }
        router.onLoop("GET", "/loop/:n") { request in .text(request.parameter("n")!) }
        router.post("/echo") { request in Response(body: request.body) }
    }

    func testKeepAliveServesSequentialRequestsOnOneConnection() throws {
        let (server, port) = try startServer(routes: echoRoutes)
        defer { stopSynchronously(server) }
        let connection = try RawConnection(port: port)
        for index in 0..<10 {
            XCTAssertTrue(connection.send("GET /async/\(index) HTTP/1.1\r\nHost: t\r\n\r\n"))
            let responses = connection.readResponses(1)
            XCTAssertEqual(responses.count, 1)
            XCTAssertTrue(responses.first?.hasSuffix("\r\n\r\n\(index)") ?? false, responses.first ?? "no response")
        }
        XCTAssertEqual(server.openConnections, 1)
    }

    func testHundredPipelinedRequestsAreAnsweredInOrder() throws {
        let (server, port) = try startServer(routes: echoRoutes)
        defer { stopSynchronously(server) }
        let connection = try RawConnection(port: port)
        var batch = ""
        for index in 0..<100 {
            let route = index % 2 == 0 ? "async" : "loop"
            batch += "GET /\(route)/\(index) HTTP/1.1\r\nHost: t\r\n\r\n"
        }
        XCTAssertTrue(connection.send(batch))
        let responses = connection.readResponses(100)
        XCTAssertEqual(responses.count, 100)
        let bodies = responses.map {
            String($0.split(separator: "\r\n\r\n", omittingEmptySubsequences: false).last ?? "")
        }
        XCTAssertEqual(bodies, (0..<100).map(String.init))
    }

    func testMalformedRequestGets400AndTheConnectionCloses() throws {
        let (server, port) = try startServer(routes: echoRoutes)
        defer { stopSynchronously(server) }
        let connection = try RawConnection(port: port)
        connection.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")
        let (bytes, closed) = connection.readToEnd()
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), text)
        XCTAssertTrue(text.contains("Connection: close\r\n"))
        XCTAssertTrue(text.contains(#""code":"bad_request""#))
        XCTAssertTrue(closed)
    }

    func testOversizedHeadersGet431ThatTheClientCanRead() throws {
        let (server, port) = try startServer(routes: echoRoutes)
        defer { stopSynchronously(server) }
        let connection = try RawConnection(port: port)
        connection.send(
            "GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + String(repeating: "a", count: 40_000) + "\r\n\r\n")
        let (bytes, closed) = connection.readToEnd()
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 431 "))
        XCTAssertTrue(closed)
    }

    func testHTTP2PrefaceGets505() throws {
        let (server, port) = try startServer(routes: echoRoutes)
        defer { stopSynchronously(server) }
        let connection = try RawConnection(port: port)
        connection.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
        XCTAssertTrue(String(decoding: connection.readToEnd().bytes, as: UTF8.self).hasPrefix("HTTP/1.1 505 "))
    }

    func testExpectContinueIsAnsweredBeforeTheBodyIsSent() throws {
        let (server, port) = try startServer(routes: echoRoutes)
        defer { stopSynchronously(server) }
        let connection = try RawConnection(port: port)
        connection.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        var interim = [UInt8](repeating: 0, count: 25)
        let received = recv(connection.fd, &interim, 25, Int32(MSG_WAITALL))
        XCTAssertEqual(String(decoding: interim[0..<max(received, 0)], as: UTF8.self), "HTTP/1.1 100 Continue\r\n\r\n")
        connection.send("ping")
        XCTAssertTrue(connection.readResponses(1).first?.hasSuffix("\r\n\r\nping") ?? false)
    }

    func testChunkedRequestBodyReachesTheHandler() throws {
        let (server, port) = try startServer(routes: echoRoutes)
        defer { stopSynchronously(server) }
        let connection = try RawConnection(port: port)
        connection.send(
            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
        XCTAssertTrue(connection.readResponses(1).first?.hasSuffix("Content-Length: 5\r\n\r\nabcde") ?? false)
    }

    func testHeadResponseCarriesLengthButNoBody() throws {
        let (server, port) = try startServer(routes: echoRoutes)
        defer { stopSynchronously(server) }
        let connection = try RawConnection(port: port)
        connection.send(
            "HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        let text = String(decoding: connection.readToEnd().bytes, as: UTF8.self)
        let heads = text.components(separatedBy: "HTTP/1.1 200 OK")
        XCTAssertEqual(heads.count, 3, text)
        XCTAssertTrue(heads[1].hasSuffix("Content-Length: 5\r\n\r\n"), heads[1])
        XCTAssertTrue(heads[2].hasSuffix("\r\n\r\nhello"))
    }

    func testHTTP10ConnectionClosesAfterTheResponseByDefault() throws {
        let (server, port) = try startServer(routes: echoRoutes)
        defer { stopSynchronously(server) }
        let connection = try RawConnection(port: port)
        connection.send("GET /hello HTTP/1.0\r\n\r\n")
        let (bytes, closed) = connection.readToEnd()
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).hasSuffix("\r\n\r\nhello"))
        XCTAssertTrue(closed)
    }

    func testSlowlorisGets408AndCloseWhileOtherClientsAreServed() throws {
        let (server, port) = try startServer({ $0.headerTimeout = .milliseconds(1200) }, routes: echoRoutes)
        defer { stopSynchronously(server) }
        let slow = try RawConnection(port: port, timeout: .seconds(8))
        let started = ContinuousClock.now
        let stopSending = Atomic<Bool>(false)
        let sender = Thread {
            // One byte every 200 ms: the head never completes within the deadline.
            for byte in "GET /hello HTTP/1.1\r\nHost: t\r\nX-Slow: ".utf8
                + Array(repeating: UInt8(ascii: "a"), count: 100)
            {
                if stopSending.load(ordering: .relaxed) || !slow.send([byte]) { return }
                usleep(200_000)
            }
        }
        sender.start()
        defer { stopSending.store(true, ordering: .relaxed) }
        // Others are served meanwhile.
        for index in 0..<5 {
            let other = try RawConnection(port: port)
            other.send("GET /loop/\(index) HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            XCTAssertTrue(String(decoding: other.readToEnd().bytes, as: UTF8.self).hasSuffix("\r\n\r\n\(index)"))
            usleep(100_000)
        }
        let (bytes, closed) = slow.readToEnd()
        let elapsed = ContinuousClock.now - started
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        XCTAssertTrue(closed)
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(1100))
        XCTAssertLessThan(elapsed, .seconds(6))
    }

    func testStalledBodyGets408AfterTheBodyTimeout() throws {
        let (server, port) = try startServer({ $0.bodyTimeout = .milliseconds(400) }, routes: echoRoutes)
        defer { stopSynchronously(server) }
        let connection = try RawConnection(port: port)
        let started = ContinuousClock.now
        connection.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
        let (bytes, closed) = connection.readToEnd()
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 408 "))
        XCTAssertTrue(closed)
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .milliseconds(350))
    }

    func testClientThatStopsReadingIsDisconnectedAfterTheWriteTimeout() throws {
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024 * 1024)
        let (server, port) = try startServer({ $0.writeTimeout = .milliseconds(300) }) { router in
            router.get("/big") { _ in Response(body: big) }
        }
        defer { stopSynchronously(server) }
        let connection = try RawConnection(port: port)
        connection.send("GET /big HTTP/1.1\r\nHost: t\r\n\r\n")
        // Not reading: the socket buffers fill, the write stalls, and the deadline closes the connection.
        eventually("the connection to be accepted") { server.openConnections == 1 }
        eventually("the stalled connection to be closed", timeout: .seconds(10)) { server.openConnections == 0 }
        let (bytes, closed) = connection.readToEnd()
        XCTAssertTrue(closed)
        XCTAssertLessThan(bytes.count, big.count, "the whole response should not have been delivered")
    }

    func testIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws {
        let (server, port) = try startServer({ $0.idleTimeout = .milliseconds(300) }, routes: echoRoutes)
        defer { stopSynchronously(server) }
        let connection = try RawConnection(port: port)
        connection.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(connection.readResponses(1).count, 1)
        let started = ContinuousClock.now
        let (bytes, closed) = connection.readToEnd()
        XCTAssertTrue(bytes.isEmpty)
        XCTAssertTrue(closed)
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .milliseconds(250))
    }

    func testConnectionsBeyondTheCapGet503AndClose() throws {
        let (server, port) = try startServer({ $0.maxConnections = 2 }, routes: echoRoutes)
        defer { stopSynchronously(server) }
        var held: [RawConnection] = []
        for _ in 0..<2 {
            let connection = try RawConnection(port: port)
            connection.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertEqual(connection.readResponses(1).count, 1)
            held.append(connection)
        }
        let refused = try RawConnection(port: port)
        refused.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        let (bytes, closed) = refused.readToEnd()
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"), text)
        XCTAssertTrue(text.contains("Retry-After: 1\r\n"))
        XCTAssertTrue(closed)
        held.removeFirst()
        eventually("a slot to free up") { server.openConnections < 2 }
        let admitted = try RawConnection(port: port)
        admitted.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertTrue(admitted.readResponses(1).first?.hasPrefix("HTTP/1.1 200 OK") ?? false)
    }

    func testSignalsInterruptingSystemCallsDoNotStopTheServer() throws {
        // A handler installed without SA_RESTART makes blocking calls fail with EINTR.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        action.sa_flags = 0
        sigaction(SIGUSR1, &action, nil)
        let (server, port) = try startServer(routes: echoRoutes)
        defer { stopSynchronously(server) }
        let firing = Atomic<Bool>(true)
        let signaller = Thread {
            while firing.load(ordering: .relaxed) {
                kill(getpid(), SIGUSR1)
                usleep(500)
            }
        }
        signaller.start()
        defer { firing.store(false, ordering: .relaxed) }
        let connection = try RawConnection(port: port)
        for index in 0..<200 {
            connection.send("GET /async/\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertEqual(connection.readResponses(1).first.map { $0.hasSuffix("\r\n\r\n\(index)") }, true)
        }
    }

    func testIdleLoopsSleepInsteadOfSpinning() throws {
        let (server, port) = try startServer(routes: echoRoutes)
        defer { stopSynchronously(server) }
        // An idle keep-alive connection with a pending deadline (the 60 s idle timeout): the loops must
        // sleep until it. A spinning loop wakes thousands of times a second; a sleeping one not at all.
        let connection = try RawConnection(port: port)
        connection.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(connection.readResponses(1).count, 1)
        let before = server.loopWakeUps
        XCTAssertGreaterThan(before, 0, "the loops never woke for the request: the counter counts nothing")
        // Time must pass to show that nothing happens in it: a count, not a speed.
        usleep(500_000)
        let wakeUps = server.loopWakeUps - before
        // One late wake-up may belong to the response write finishing; anything more is a spin.
        XCTAssertLessThanOrEqual(wakeUps, 2, "idle event loops woke \(wakeUps) times in half a second")
    }

    func testStartingOnAPortInUseFailsWithBindFailed() throws {
        let (server, port) = try startServer(routes: echoRoutes)
        defer { stopSynchronously(server) }
        var router = Router()
        router.get("/") { _ in Response() }
        let second = try HTTPServer(configuration: .init(port: port, loopCount: 2), router: router)
        XCTAssertThrowsError(try second.start()) { error in
            XCTAssertEqual((error as? HTTPServeError)?.code, .bindFailed)
            XCTAssertTrue("\(error)".contains("127.0.0.1:\(port)"))
        }
    }

    func testInvalidConfigurationIsRejected() {
        var router = Router()
        router.get("/") { _ in Response() }
        for configuration in [
            HTTPServer.Configuration(port: 70000), HTTPServer.Configuration(host: "not-an-ip"),
            HTTPServer.Configuration(loopCount: 0), HTTPServer.Configuration(headerTimeout: .zero),
            HTTPServer.Configuration(maxConnections: 0),
        ] {
            XCTAssertThrowsError(try HTTPServer(configuration: configuration, router: router)) { error in
                XCTAssertEqual((error as? HTTPServeError)?.code, .invalidConfiguration)
            }
        }
    }
}
