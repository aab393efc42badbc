import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A ``DeliveryTransport`` over Foundation's `URLSession` (FoundationNetworking on Linux), for `https://` sinks such as
/// Slack's incoming webhooks; it works for `http://` too. URLSession runs the exchange on its own threads; the caller
/// awaits a continuation. No cookies, no cache, no credential store.
public final class URLSessionTransport: DeliveryTransport {
    private let session: URLSession
    private let timeout: Duration

    /// Creates an ephemeral session; each exchange is bounded by `timeout`.
    public init(timeout: Duration) {
        let configuration = URLSessionConfiguration.ephemeral
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
        self.timeout = timeout
    }

    /// POSTs the body; throws `URLError` (never showing the URL) when no answer came.
    public func post(_ request: DeliveryRequest, to url: String) async throws -> Int {
        guard let target = URL(string: url) else { throw URLError(.badURL) }
        var urlRequest = URLRequest(url: target)
        urlRequest.httpMethod = "POST"
        urlRequest.httpBody = Data(request.body)
        urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
        for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        let session = session
        return try await withCheckedThrowingContinuation { continuation in
            let task = session.dataTask(with: urlRequest) { _, response, error in
                if let status = (response as? HTTPURLResponse)?.statusCode {
                    continuation.resume(returning: status)
                } else {
                    // `URLError` carries the failing URL in its user info; keep only the code.
                    let code = (error as? URLError)?.code ?? .unknown
                    continuation.resume(throwing: URLError(code))
                }
            }
            task.resume()
        }
    }

    /// Lets running exchanges finish and releases the session.
    public func shutdown() { session.finishTasksAndInvalidate() }
}
