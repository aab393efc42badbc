import Foundation
import Glibc
import XCTest

@testable import HTTPServe

/// Polls `condition` until it holds or `timeout` passes; fails the test on timeout. HTTPServe depends on
/// nothing, so it keeps these two small waits instead of QueueCoreTestSupport's `expectEventually`.
func eventually(
    _ what: String, timeout: Duration = .seconds(5), file: StaticString = #filePath, line: UInt = #line,
    _ condition: () -> Bool
) {
    let end = ContinuousClock.now + timeout
    while ContinuousClock.now < end {
        if condition() { return }
        usleep(2_000)
    }
    XCTFail("timed out waiting for \(what)", file: file, line: line)
}

/// Async variant of `eventually` that sleeps without blocking a thread.
func eventuallyAsync(
    _ what: String, timeout: Duration = .seconds(5), file: StaticString = #filePath, line: UInt = #line,
    _ condition: () -> Bool
) async {
    let end = ContinuousClock.now + timeout
    while ContinuousClock.now < end {
        if condition() { return }
        try? await Task.sleep(for: .milliseconds(2))
    }
    XCTFail("timed out waiting for \(what)", file: file, line: line)
}

/// A blocking loopback TCP connection for sending exact bytes; every read has a timeout. Used from
/// synchronous tests (the XCTest main thread) and threads the tests own, never from the async pool.
final class RawConnection: Sendable {
    let fd: Int32

    init(port: Int, timeout: Duration = .seconds(5)) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = SocketAddress.ipv4("127.0.0.1", port: port)!
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        // A signal can interrupt connect (the EINTR test fires them); the connection then completes
        // asynchronously, so wait for it to become writable and read its outcome.
        guard connected == 0 || (errno == EINTR && Self.awaitConnection(fd, timeout: timeout)) else {
            close(fd)
            throw HTTPServeError(.connectFailed, "raw connect to \(port) failed")
        }
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Waits for an interrupted connect to finish; true when it succeeded.
    private static func awaitConnection(_ fd: Int32, timeout: Duration) -> Bool {
        var pollfd = Glibc.pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000)
        while true {
            let ready = poll(&pollfd, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            guard ready == 1 else { return false }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            return getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0
        }
    }

    /// Sends all bytes; returns false when the peer has gone.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0, errno == EINTR { continue }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Reads until the peer closes (or the read timeout passes); returns what arrived and whether EOF was seen.
    func readToEnd() -> (bytes: [UInt8], closed: Bool) {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            if count == 0 { return (result, true) }
            if count < 0 { return (result, errno == ECONNRESET) }
            result += chunk[0..<count]
        }
    }

    /// Reads until `count` complete responses (by Content-Length) have arrived or the timeout passes.
    func readResponses(_ count: Int) -> [String] {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let parsed = Self.split(buffer)
            if parsed.count >= count { return parsed }
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received < 0, errno == EINTR { continue }
            if received <= 0 { return parsed }
            buffer += chunk[0..<received]
        }
    }

    /// Splits a byte stream into complete responses framed by Content-Length.
    static func split(_ bytes: [UInt8]) -> [String] {
        var responses: [String] = []
        var rest = bytes[...]
        while let end = rest.firstRange(of: Array("\r\n\r\n".utf8)) {
            let head = String(decoding: rest[rest.startIndex..<end.upperBound], as: UTF8.self)
            let length =
                head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
            guard rest.endIndex - end.upperBound >= length else { break }
            responses.append(head + String(decoding: rest[end.upperBound..<(end.upperBound + length)], as: UTF8.self))
            rest = rest[(end.upperBound + length)...]
        }
        return responses
    }
}

/// Starts a server on 127.0.0.1 port 0 with short deadlines suitable for tests.
func startServer(
    loops: Int = 2, _ configure: (inout HTTPServer.Configuration) -> Void = { _ in }, routes: (inout Router) -> Void
) throws -> (server: HTTPServer, port: Int) {
    var router = Router()
    routes(&router)
    var configuration = HTTPServer.Configuration(port: 0, loopCount: loops)
    configure(&configuration)
    let server = try HTTPServer(configuration: configuration, router: router)
    let port = try server.start()
    return (server, port)
}

/// Shuts a server down from a synchronous test, bounded.
func stopSynchronously(_ server: HTTPServer, deadline: Duration = .seconds(2)) {
    let done = DispatchSemaphore(value: 0)
    Task {
        await server.shutdown(deadline: deadline)
        done.signal()
    }
    XCTAssertEqual(done.wait(timeout: .now() + 10), .success, "shutdown did not return")
}
