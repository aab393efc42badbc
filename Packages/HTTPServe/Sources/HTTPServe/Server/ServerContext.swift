import Synchronization

/// What every event loop of one server shares: configuration, routes, counters and the drain flag.
/// It also turns parsed requests into responses, so the loops only do I/O.
final class ServerContext: Sendable {
    /// What the loop does with a parsed request.
    enum Dispatch: Sendable {
        /// Write these bytes now (errors, 404/405, on-loop handlers).
        case immediate(bytes: [UInt8], close: Bool)
        /// Run `work` as a task; it returns the bytes to write.
        case async(@Sendable () async -> (bytes: [UInt8], close: Bool))
    }

    let configuration: HTTPServer.Configuration
    let router: Router
    /// Open connections across all loops, for the connection cap.
    let connectionCount = Atomic<Int>(0)
    /// Set by `shutdown`: responses carry `Connection: close` and idle connections close.
    let draining = Atomic<Bool>(false)
    private let requestCounter = Atomic<UInt64>(0)
    private let idPrefix: String

    init(configuration: HTTPServer.Configuration, router: Router) {
        self.configuration = configuration
        self.router = router
        self.idPrefix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
    }

    /// Routes `parsed` and either answers it at once or returns the task work that will.
    func dispatch(_ parsed: ParsedRequest) -> Dispatch {
        let started = ContinuousClock.now
        let head = parsed.head
        let requestID = requestID(from: head.headers)
        let close = !head.keepAlive || draining.load(ordering: .relaxed)
        let serialization = ResponseSerializer.Context(
            isHead: head.method == "HEAD", close: close,
            http10KeepAlive: head.version == .http1_0 && head.keepAlive, requestID: requestID)
        let (path, rawQuery) = Request.split(head.target)
        let query: QueryParameters
        do {
            query = try QueryParameters(parsing: rawQuery)
        } catch {
            let response = errorResponse(error, requestID: requestID)
            return .immediate(bytes: finish(response, head: head, path: path, serialization, started), close: close)
        }
        switch router.match(method: head.method, path: path) {
        case .failed(let response):
            return .immediate(bytes: finish(response, head: head, path: path, serialization, started), close: close)
        case .found(let target, let parameters):
            let request = Request(
                parsed: parsed, path: path, query: query, parameters: parameters, id: requestID)
            switch target {
            case .onLoop(let handler):
                let bytes = finish(handler(request), head: head, path: path, serialization, started)
                return .immediate(bytes: bytes, close: close)
            case .async(let handler):
                return .async { [self] in
                    let response: Response
                    do {
                        response = try await handler(request)
                    } catch {
                        response = errorResponse(error, requestID: requestID)
                    }
                    // Shutdown may have begun while the handler ran: then this response ends the connection.
                    var final = serialization
                    final.close = close || draining.load(ordering: .relaxed)
                    return (finish(response, head: head, path: path, final, started), final.close)
                }
            }
        }
    }

    /// The bytes answering a parse error; always with `Connection: close`.
    func parseErrorBytes(_ error: HTTPParseError) -> [UInt8] {
        let response = Response.error(status: error.status, message: error.reason)
        return ResponseSerializer.serialize(response, context: .init(close: true))
    }

    /// A plain error response with `Connection: close` (408, 503).
    func closingErrorBytes(status: Int, message: String) -> [UInt8] {
        var response = Response.error(status: status, message: message)
        if status == 503 { response.headers.add(name: "Retry-After", value: "1") }
        return ResponseSerializer.serialize(response, context: .init(close: true))
    }

    private func finish(
        _ response: Response, head: HTTPRequestHead, path: String, _ serialization: ResponseSerializer.Context,
        _ started: ContinuousClock.Instant
    ) -> [UInt8] {
        let bytes = ResponseSerializer.serialize(response, context: serialization)
        if let accessLog = configuration.accessLog {
            accessLog(
                AccessLogEntry(
                    method: head.method, path: path, status: response.status, bytes: response.body.count,
                    duration: ContinuousClock.now - started, requestID: serialization.requestID ?? ""))
        }
        return bytes
    }

    /// Maps a thrown error to a response: deliberate HTTP errors keep their status and message, anything
    /// else is a 500 that reveals nothing (the error goes to `handlerErrorLog`).
    private func errorResponse(_ error: any Error, requestID: String) -> Response {
        if let error = error as? HTTPServeError, let status = error.status {
            return .error(status: status, code: error.errorCode, message: error.message)
        }
        configuration.handlerErrorLog?(error, requestID)
        return .error(status: 500, message: "internal server error; see the server log for request \(requestID)")
    }

    /// The client's `X-Request-Id` when it is 1–128 plain characters, else a new `prefix-counter` id.
    private func requestID(from headers: HTTPHeaders) -> String {
        if let given = headers["x-request-id"], (1...128).contains(given.utf8.count),
            given.utf8.allSatisfy({ HTTPSyntax.tokenTable[Int($0)] || $0 == UInt8(ascii: ":") })
        {
            return given
        }
        let number = requestCounter.add(1, ordering: .relaxed).newValue
        return idPrefix + "-" + String(number, radix: 16)
    }
}

extension Request {
    init(parsed: ParsedRequest, path: String, query: QueryParameters, parameters: [String: String], id: String) {
        self.method = parsed.head.method
        self.target = parsed.head.target
        self.version = parsed.head.version
        self.headers = parsed.head.headers
        self.body = parsed.body
        self.path = path
        self.query = query
        self.parameters = parameters
        self.id = id
    }
}
