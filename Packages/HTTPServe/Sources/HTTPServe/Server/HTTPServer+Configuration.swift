import Foundation

extension HTTPServer {
    /// How the server listens, its limits and deadlines. Every parameter has a documented default.
    public struct Configuration: Sendable {
        /// The address to listen on (IPv4 dotted quad; default `127.0.0.1`).
        public var host: String
        /// The TCP port (default 8080; 0 picks a free port, read it back from `HTTPServer.port`).
        public var port: Int
        /// Event loop threads, each with its own `SO_REUSEPORT` listener (default: active CPU cores).
        public var loopCount: Int
        /// Request size limits and their statuses (414, 431, 413).
        public var limits: HTTPRequestParser.Limits
        /// Time to receive a complete request head, from accept or the head's first byte (default 10 s);
        /// over it → 408 and close.
        public var headerTimeout: Duration
        /// Time a keep-alive connection may wait for its next request (default 60 s); then it is closed.
        public var idleTimeout: Duration
        /// Time a request body may go without progress (default 30 s); over it → 408 and close.
        public var bodyTimeout: Duration
        /// Time a response write may go without progress (default 30 s); then the connection is closed.
        public var writeTimeout: Duration
        /// After a final response, how long to drain input before closing (default 1 s).
        public var lingerTimeout: Duration
        /// Open connections across all loops (default 4096); beyond it new connections get 503 and close.
        /// The process's file descriptor limit must allow it.
        public var maxConnections: Int
        /// The `listen` backlog (default 1024).
        public var backlog: Int
        /// Called once per response with method, path, status, size and duration, on the thread that
        /// finished the request (a loop thread or a task); it must not block. Default: none.
        public var accessLog: (@Sendable (AccessLogEntry) -> Void)?
        /// Called with the error an `async` handler threw when it became a 500, so it can be logged;
        /// the client sees no detail. Default: none.
        public var handlerErrorLog: (@Sendable (_ error: any Error, _ requestID: String) -> Void)?

        /// Creates a configuration; see each property for its default.
        public init(
            host: String = "127.0.0.1", port: Int = 8080,
            loopCount: Int = ProcessInfo.processInfo.activeProcessorCount,
            limits: HTTPRequestParser.Limits = HTTPRequestParser.Limits(),
            headerTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(60),
            bodyTimeout: Duration = .seconds(30), writeTimeout: Duration = .seconds(30),
            lingerTimeout: Duration = .seconds(1), maxConnections: Int = 4096, backlog: Int = 1024,
            accessLog: (@Sendable (AccessLogEntry) -> Void)? = nil,
            handlerErrorLog: (@Sendable (_ error: any Error, _ requestID: String) -> Void)? = nil
        ) {
            self.host = host
            self.port = port
            self.loopCount = loopCount
            self.limits = limits
            self.headerTimeout = headerTimeout
            self.idleTimeout = idleTimeout
            self.bodyTimeout = bodyTimeout
            self.writeTimeout = writeTimeout
            self.lingerTimeout = lingerTimeout
            self.maxConnections = maxConnections
            self.backlog = backlog
            self.accessLog = accessLog
            self.handlerErrorLog = handlerErrorLog
        }

        /// Rejects impossible values with a message naming the field.
        public func validate() throws {
            func fail(_ message: String) -> HTTPServeError { HTTPServeError(.invalidConfiguration, message) }
            guard (0...65535).contains(port) else { throw fail("port \(port) is outside 0...65535") }
            guard SocketAddress.ipv4(host, port: 0) != nil else {
                throw fail("host \(host) is not an IPv4 address such as 127.0.0.1 or 0.0.0.0")
            }
            guard (1...256).contains(loopCount) else { throw fail("loopCount \(loopCount) is outside 1...256") }
            guard maxConnections >= 1 else { throw fail("maxConnections must be at least 1") }
            guard backlog >= 1 else { throw fail("backlog must be at least 1") }
            let timeouts: [(String, Duration)] = [
                ("headerTimeout", headerTimeout), ("idleTimeout", idleTimeout), ("bodyTimeout", bodyTimeout),
                ("writeTimeout", writeTimeout), ("lingerTimeout", lingerTimeout),
            ]
            for (name, value) in timeouts where value <= .zero { throw fail("\(name) must be positive") }
            guard limits.maxRequestLineBytes >= 16, limits.maxHeaderBytes >= 64, limits.maxHeaderCount >= 1,
                limits.maxBodyBytes >= 0
            else { throw fail("limits are too small to parse any request") }
        }

        var lifecycleTimeouts: ConnectionLifecycle.Timeouts {
            .init(header: headerTimeout, idle: idleTimeout, body: bodyTimeout, write: writeTimeout)
        }
    }
}
