/// One served request, as given to `HTTPServer.Configuration.accessLog`.
public struct AccessLogEntry: Sendable {
    /// The request method.
    public let method: String
    /// The raw path (without query), as sent.
    public let path: String
    /// The response status.
    public let status: Int
    /// The response body size in bytes (also for `HEAD`, where it is not sent).
    public let bytes: Int
    /// From the complete request to the serialised response (handler time included).
    public let duration: Duration
    /// The request id echoed in `X-Request-Id`.
    public let requestID: String
}
