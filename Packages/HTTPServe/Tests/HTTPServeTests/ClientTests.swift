import Foundation
import Glibc
import XCTest

@testable import HTTPServe

final class ClientTests: XCTestCase {
    func testKeepAliveReusesOneConnection() async throws {
        let (server, port) = try startServer { router in router.get("/x") { _ in .text("x") } }
        let client = try HTTPClient()
        for _ in 0..<5 {
            let response = try await client.get("http://127.0.0.1:\(port)/x")
            XCTAssertEqual(response.text, "x")
        }
        XCTAssertEqual(server.openConnections, 1)
        client.shutdown()
        await server.shutdown(deadline: .seconds(2))
    }

    func testRefusedConnectionIsConnectFailedNamingTheAddress() async throws {
        // Reserve a port, then close it so nothing listens there.
        let port = try SocketAddress.reservePort(host: "127.0.0.1", port: 0)
        let client = try HTTPClient()
        defer { client.shutdown() }
        do {
            _ = try await client.get("http://127.0.0.1:\(port)/")
            XCTFail("expected a refused connection")
        } catch let error as HTTPServeError {
            XCTAssertEqual(error.code, .connectFailed)
            XCTAssertTrue(error.message.contains("127.0.0.1:\(port)"))
        }
    }

    func testServerThatNeverAnswersTimesOut() async throws {
        // A listening socket nobody accepts from: the connect succeeds (backlog), the answer never comes.
        let listener = try SocketAddress.listen(host: "127.0.0.1", port: 0, backlog: 4)
        defer { close(listener) }
        let client = try HTTPClient(configuration: .init(requestTimeout: .milliseconds(300)))
        defer { client.shutdown() }
        let clock = ContinuousClock()
        let started = clock.now
        do {
            _ = try await client.get("http://127.0.0.1:\(SocketAddress.localPort(listener))/")
            XCTFail("expected a timeout")
        } catch let error as HTTPServeError {
            XCTAssertEqual(error.code, .timedOut)
        }
        XCTAssertGreaterThanOrEqual(clock.now - started, .milliseconds(250))
        XCTAssertLessThan(clock.now - started, .seconds(5))
    }

    func testURLsOtherThanPlainHTTPAreRefused() async throws {
        let client = try HTTPClient()
        defer { client.shutdown() }
        for url in ["https://example.com/", "ftp://x", "http://", "http://h:99999/", "http://h/a b"] {
            do {
                _ = try await client.get(url)
                XCTFail("expected \(url) to be refused")
            } catch let error as HTTPServeError {
                XCTAssertEqual(error.code, .invalidURL, url)
            }
        }
    }

    func testURLParsing() throws {
        XCTAssertEqual(try ClientURL("http://h:81/a?b"), try ClientURL("http://h:81/a?b"))
        let url = try ClientURL("http://localhost:5000?x=1")
        XCTAssertEqual(url.host, "localhost")
        XCTAssertEqual(url.port, 5000)
        XCTAssertEqual(url.target, "/?x=1")
        XCTAssertEqual(try ClientURL("http://h").port, 80)
    }

    func testChunkedAndCloseDelimitedResponsesAreRead() async throws {
        // A one-shot raw server on a thread we own, answering two connections with hand-written bytes.
        let listener = try SocketAddress.listen(host: "127.0.0.1", port: 0, backlog: 4)
        let port = SocketAddress.localPort(listener)
        let answers = [
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nT: v\r\n\r\n",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\nX: y\r\n\r\nuntil close",
        ]
        let server = Thread {
            for answer in answers {
                var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 5000) == 1 else { return }
                let fd = accept(listener, nil, nil)
                var scratch = [UInt8](repeating: 0, count: 4096)
                _ = recv(fd, &scratch, scratch.count, 0)
                _ = answer.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                close(fd)
            }
            close(listener)
        }
        server.start()
        let client = try HTTPClient(configuration: .init(requestTimeout: .seconds(5)))
        defer { client.shutdown() }
        let chunked = try await client.get("http://127.0.0.1:\(port)/")
        XCTAssertEqual(chunked.text, "abcde")
        let untilClose = try await client.get("http://127.0.0.1:\(port)/")
        XCTAssertEqual(untilClose.text, "until close")
        XCTAssertEqual(untilClose.headers["x"], "y")
    }
}
