/// An `async` request handler; it runs on Swift's concurrency pool, never on an event loop.
public typealias Handler = @Sendable (Request) async throws -> Response

/// A synchronous handler that runs on the event loop thread: for cheap, in-memory, non-blocking
/// answers only (a blocked loop stalls every connection it owns).
public typealias LoopHandler = @Sendable (Request) -> Response

/// Routes requests by method and path pattern to handlers.
///
/// Build it before starting the server; it is an immutable value afterwards. Unknown paths get a
/// JSON 404; known paths with another method a JSON 405 with `Allow`. `HEAD` falls back to the `GET`
/// route (the body is dropped on the wire). Static patterns are found by dictionary lookup; patterns
/// with parameters are tried in registration order.
public struct Router: Sendable {
    /// What a route runs.
    public enum Target: Sendable {
        /// Runs off the loop, as a task.
        case async(Handler)
        /// Runs on the loop thread; must not block.
        case onLoop(LoopHandler)
    }

    /// The result of routing one request.
    enum Match: Sendable {
        case found(Target, parameters: [String: String])
        case failed(Response)
    }

    private struct Route: Sendable {
        let method: String
        let pattern: RoutePattern
        let target: Target
    }

    private var staticRoutes: [String: [String: Target]] = [:]
    private var patternRoutes: [Route] = []
    private var registered: [RouteKey] = []

    /// One registered route: its method and its pattern as written (`/api/queues/:name`).
    public struct RouteKey: Sendable, Hashable, CustomStringConvertible {
        /// The method token, for example `GET`.
        public let method: String
        /// The pattern as registered.
        public let pattern: String

        /// `GET /api/queues/:name`.
        public var description: String { "\(method) \(pattern)" }
    }

    /// Creates an empty router.
    public init() {}

    /// Registers `handler` for `method` and `pattern`; a later registration of the same pair wins.
    public mutating func on(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        add(method, RoutePattern(pattern), .async(handler))
    }

    /// Registers a synchronous on-loop handler (see `LoopHandler`) for `method` and `pattern`.
    public mutating func onLoop(_ method: String, _ pattern: String, _ handler: @escaping LoopHandler) {
        add(method, RoutePattern(pattern), .onLoop(handler))
    }

    /// Registers a `GET` handler.
    public mutating func get(_ pattern: String, _ handler: @escaping Handler) { on("GET", pattern, handler) }
    /// Registers a `POST` handler.
    public mutating func post(_ pattern: String, _ handler: @escaping Handler) { on("POST", pattern, handler) }
    /// Registers a `PUT` handler.
    public mutating func put(_ pattern: String, _ handler: @escaping Handler) { on("PUT", pattern, handler) }
    /// Registers a `DELETE` handler.
    public mutating func delete(_ pattern: String, _ handler: @escaping Handler) { on("DELETE", pattern, handler) }

    /// Every (method, pattern) pair registered, in registration order, each once (a later registration of the same
    /// pair replaces the handler, not the entry). For describing the API (an OpenAPI document checked against it).
    public var routes: [RouteKey] { registered }

    private mutating func add(_ method: String, _ pattern: RoutePattern, _ target: Target) {
        let key = RouteKey(method: method, pattern: pattern.description)
        if !registered.contains(key) { registered.append(key) }
        if pattern.isStatic {
            staticRoutes[pattern.description, default: [:]][method] = target
        } else {
            patternRoutes.removeAll { $0.method == method && $0.pattern == pattern }
            patternRoutes.append(Route(method: method, pattern: pattern, target: target))
        }
    }

    /// Finds the handler for `method` and the raw (still encoded) `path`.
    func match(method: String, path: String) -> Match {
        // Fast path: a plain path that is registered verbatim needs no decoding.
        if let byMethod = staticRoutes[path], !path.utf8.contains(UInt8(ascii: "%")) {
            if let target = byMethod[method] ?? (method == "HEAD" ? byMethod["GET"] : nil) {
                return .found(target, parameters: [:])
            }
        }
        let segments: [String]
        do {
            segments = try PercentDecoding.pathSegments(path)
        } catch let error as HTTPServeError {
            return .failed(.error(status: 400, code: error.errorCode, message: error.message))
        } catch {
            return .failed(.error(status: 400, message: "malformed path"))
        }
        var allowed: Set<String> = []
        let decodedPath = "/" + segments.joined(separator: "/")
        if let byMethod = staticRoutes[decodedPath] {
            if let target = byMethod[method] ?? (method == "HEAD" ? byMethod["GET"] : nil) {
                return .found(target, parameters: [:])
            }
            allowed.formUnion(byMethod.keys)
        }
        for route in patternRoutes {
            guard let parameters = route.pattern.match(segments) else { continue }
            if route.method == method || (method == "HEAD" && route.method == "GET") {
                return .found(route.target, parameters: parameters)
            }
            allowed.insert(route.method)
        }
        guard !allowed.isEmpty else {
            return .failed(.error(status: 404, message: "no route for \(method) \(Self.printable(path))"))
        }
        if allowed.contains("GET") { allowed.insert("HEAD") }
        var response = Response.error(status: 405, message: "\(method) is not allowed here")
        response.headers.add(name: "Allow", value: allowed.sorted().joined(separator: ", "))
        return .failed(response)
    }

    /// The path as it may appear in an error message: bounded in length.
    private static func printable(_ path: String) -> String {
        path.utf8.count <= 200 ? path : String(path.prefix(200)) + "…"
    }
}
