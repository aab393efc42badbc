/// Sends one ``DeliveryRequest`` as an HTTP POST and returns the status: the seam between a ``DeliveryQueue`` and the
/// network. ``HTTPClientTransport`` speaks `http://` on HTTPServe's client thread; ``URLSessionTransport`` speaks
/// `https://` (and `http://`) through FoundationNetworking. Neither blocks Swift's pool.
public protocol DeliveryTransport: Sendable {
    /// POSTs `request` to `url` with `Content-Type: application/json`; returns the status code, throws when no answer
    /// came (refused, timed out, closed).
    func post(_ request: DeliveryRequest, to url: String) async throws -> Int
    /// Releases the transport's connections and thread; in-flight posts may still finish.
    func shutdown()
}

/// Picks the transport for a URL: `https://` → ``URLSessionTransport``, `http://` → ``HTTPClientTransport``.
public enum DeliveryTransports {
    /// The transport for `url`, each exchange bounded by `timeout`.
    public static func make(for url: String, timeout: Duration) throws -> any DeliveryTransport {
        if url.lowercased().hasPrefix("https://") { return URLSessionTransport(timeout: timeout) }
        return try HTTPClientTransport(timeout: timeout)
    }
}
