import Foundation
import Synchronization

/// A small HTTP/1.1 client (GET, POST, any method) with timeouts and keep-alive, for `maxctl` and tests.
///
/// Each client owns one thread that does the blocking socket work, so callers `await` without blocking
/// Swift's pool; requests from one client run one at a time, in order (use several clients for
/// parallelism). One idle connection per host:port is kept for reuse. Plain `http://` only.
public final class HTTPClient: Sendable {
    /// Timeouts and limits. Every parameter has a documented default.
    public struct Configuration: Sendable {
        /// Time to establish a TCP connection (default 5 s).
        public var connectTimeout: Duration
        /// Time for the whole exchange after connecting: send, wait, read (default 30 s).
        public var requestTimeout: Duration
        /// The largest response body accepted (default 16 MiB).
        public var maxResponseBytes: Int
        /// Keep connections open for reuse (default true).
        public var keepAlive: Bool

        /// Creates a configuration; see each property for its default.
        public init(
            connectTimeout: Duration = .seconds(5), requestTimeout: Duration = .seconds(30),
            maxResponseBytes: Int = 16 * 1024 * 1024, keepAlive: Bool = true
        ) {
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.maxResponseBytes = maxResponseBytes
            self.keepAlive = keepAlive
        }

        /// Rejects non-positive timeouts and limits.
        public func validate() throws {
            guard connectTimeout > .zero, requestTimeout > .zero, maxResponseBytes > 0 else {
                throw HTTPServeError(
                    .invalidConfiguration, "HTTPClient timeouts and maxResponseBytes must be positive")
            }
        }
    }

    /// A received response.
    public struct Response: Sendable {
        /// The status code.
        public let status: Int
        /// The header fields.
        public let headers: HTTPHeaders
        /// The body, de-chunked.
        public let body: [UInt8]

        /// The body as UTF-8 text (invalid sequences replaced).
        public var text: String { String(decoding: body, as: UTF8.self) }

        /// Decodes the body as JSON.
        public func decodeJSON<T: Decodable>(_ type: T.Type, decoder: JSONDecoder = JSONDecoder()) throws -> T {
            try decoder.decode(type, from: Data(body))
        }
    }

    private let configuration: Configuration
    private let worker: BlockingWorker
    private let idle: IdleConnections

    /// Creates a client and its worker thread; call `shutdown()` when done with it.
    public init(configuration: Configuration = Configuration()) throws {
        try configuration.validate()
        self.configuration = configuration
        self.worker = BlockingWorker(name: "HTTPServe-client")
        self.idle = IdleConnections()
    }

    /// Sends `GET url`.
    public func get(_ url: String, headers: HTTPHeaders = HTTPHeaders()) async throws -> Response {
        try await send(method: "GET", url: url, headers: headers)
    }

    /// Sends `POST url` with `body` and its content type.
    public func post(
        _ url: String, body: [UInt8], contentType: String = "application/json", headers: HTTPHeaders = HTTPHeaders()
    ) async throws -> Response {
        var headers = headers
        headers.replaceOrAdd(name: "Content-Type", value: contentType)
        return try await send(method: "POST", url: url, headers: headers, body: body)
    }

    /// Sends any request; `Host`, `Content-Length` and `Connection` are set by the client.
    ///
    /// Throws `HTTPServeError` with `invalidURL`, `connectFailed`, `timedOut`, `connectionClosed` or
    /// `malformedResponse`; an HTTP error status is a normal `Response`, not a throw.
    public func send(
        method: String, url: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) async throws -> Response {
        let target = try ClientURL(url)
        let configuration = configuration
        let idle = idle
        return try await worker.run {
            try Exchange(configuration: configuration, idle: idle)
                .perform(method: method, url: target, headers: headers, body: body)
        }
    }

    /// Closes idle connections and ends the worker thread once queued requests finish.
    public func shutdown() {
        idle.removeAll()
        worker.stop()
    }

    deinit {
        // A client dropped without `shutdown()` must not leave its thread waiting forever.
        shutdown()
    }
}

/// The idle keep-alive connections of one client, by host:port.
final class IdleConnections: @unchecked Sendable {
    // Safety: `connections` is only accessed inside `lock.withLock`.
    private let lock = Mutex<Void>(())
    private var connections: [String: ClientConnection] = [:]

    func take(_ key: String) -> ClientConnection? {
        lock.withLock { _ in connections.removeValue(forKey: key) }
    }

    func put(_ connection: ClientConnection) {
        lock.withLock { _ in connections[connection.key] = connection }
    }

    func removeAll() {
        lock.withLock { _ in connections.removeAll() }
    }
}
