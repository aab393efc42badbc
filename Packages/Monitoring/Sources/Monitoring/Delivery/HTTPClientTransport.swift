import HTTPServe

/// A ``DeliveryTransport`` over HTTPServe's ``HTTPClient`` (plain `http://`): blocking socket work on the client's own
/// thread, one request at a time, the connection kept alive between notifications.
public struct HTTPClientTransport: DeliveryTransport {
    private let client: HTTPClient

    /// Starts the client's thread; connecting and the whole exchange are each bounded by `timeout`.
    public init(timeout: Duration) throws {
        client = try HTTPClient(configuration: .init(connectTimeout: timeout, requestTimeout: timeout))
    }

    /// POSTs the body with its headers; throws `HTTPServeError` when no answer came.
    public func post(_ request: DeliveryRequest, to url: String) async throws -> Int {
        var headers = HTTPHeaders()
        for header in request.headers { headers.add(name: header.name, value: header.value) }
        do {
            return try await client.post(url, body: request.body, headers: headers).status
        } catch let error as HTTPServeError where error.code == .invalidURL {
            // Its message repeats the whole URL, secrets in the path or query included.
            throw HTTPServeError(.invalidURL, "the sink URL is not a valid http:// URL")
        }
    }

    /// Ends the client's thread once queued requests finish.
    public func shutdown() { client.shutdown() }
}
