import Foundation
import PrivateServices
import XCTest

@testable import PostgresClient

/// A client on a fresh database of the shared test server (DATABASE_URL, else a throwaway cluster).
func makeTestClient(
    poolSize: Int = 4, statementTimeout: Duration = .seconds(10), acquireTimeout: Duration = .seconds(10)
) async throws -> PostgresClient {
    let url = try await offPool { try TestServices.makeDatabase(prefix: "pg") }
    return try PostgresClient(
        configuration: .init(
            url: url, poolSize: poolSize, connectTimeout: .seconds(5),
            statementTimeout: statementTimeout, acquireTimeout: acquireTimeout))
}

/// Runs `body`, which must throw a `PostgresError` with `code`, and returns that error for further checks.
@discardableResult
func expectPostgresError(
    _ code: PostgresError.Code, file: StaticString = #filePath, line: UInt = #line,
    _ body: () async throws -> Void
) async -> PostgresError? {
    do {
        try await body()
        XCTFail("expected a PostgresError \(code), but the call succeeded", file: file, line: line)
    } catch let error as PostgresError {
        XCTAssertEqual(error.code, code, "unexpected error: \(error)", file: file, line: line)
        return error
    } catch {
        XCTFail("expected a PostgresError \(code), got \(error)", file: file, line: line)
    }
    return nil
}

/// A loopback TCP socket on a kernel-chosen port: `listening` accepts handshakes but never answers (a hung
/// server); otherwise it is bound only, so connections to the port are refused.
final class LoopbackSocket {
    let port: Int
    private let descriptor: Int32

    init(listening: Bool) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound, !listening || listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

/// One of a client's pooled connections, held in an open transaction until `release()`.
struct BusyConnection {
    private let releaseSignal: AsyncStream<Void>.Continuation
    private let holder: Task<Void, any Error>

    /// Returns once the connection is leased and its transaction has begun.
    init(of client: PostgresClient) async {
        let (holding, heldSignal) = AsyncStream.makeStream(of: Void.self)
        let (release, releaseSignal) = AsyncStream.makeStream(of: Void.self)
        self.releaseSignal = releaseSignal
        holder = Task {
            // If BEGIN fails, finishing the stream ends the wait below instead of hanging the test.
            defer { heldSignal.finish() }
            try await client.withTransaction { _ in
                heldSignal.yield()
                for await _ in release { break }
            }
        }
        for await _ in holding { break }
    }

    /// Commits the empty transaction and gives the connection back to the pool.
    func release() async throws {
        releaseSignal.yield()
        try await holder.value
    }
}
