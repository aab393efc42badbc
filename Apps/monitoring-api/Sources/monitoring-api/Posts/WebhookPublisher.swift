import Foundation
import HTTPServe
import Monitoring
import ScheduledPosts

/// The optional publisher (`PUBLISH_WEBHOOK_URL`, `--publish-webhook URL`): POSTs each due post as JSON to
/// a webhook with an `Idempotency-Key: post-<id>` header, so a receiver publishes once however often a job
/// is delivered.
///
/// A 2xx answer is a `Publication(publisher: "webhook")` whose external id is the answer's JSON `id`
/// (string or number), else the idempotency key; the worker then records it in `publications` like the
/// database publisher's. No answer, a timeout, 5xx, 408 or 429 throws `ScheduledPostsError`
/// (`.publisherUnavailable`: the job waits and tries again without spending an attempt); any other status
/// throws `.publishFailed` (the job retries with its backoff and the post fails with that reason after its
/// last attempt). Both name the URL without credentials or query. ``Configuration/connections`` clients (a
/// thread and a kept-alive connection each) send up to that many posts at once, as many as the posts worker
/// runs (one client sends one request at a time: a single client made a slow receiver the worker's limit,
/// 20 posts a second at 50 ms whatever its concurrency); callers only `await`.
struct WebhookPublisher: Publisher {
    /// Where and how long: every field has a documented default but the URL.
    struct Configuration: Sendable {
        /// The webhook, `http://host[:port]/path` (plain HTTP, as HTTPServe's client speaks).
        var url: String
        /// The whole exchange, connecting included (default 10 s); a slower receiver is a failed attempt.
        var timeout: Duration = .seconds(10)
        /// Requests in flight at most: the posts worker's concurrency (default 4).
        var connections = 4

        /// The URL as logs and errors show it: scheme, host, port and path, without user, password or query.
        var redactedURL: String { URLRedaction.redacted(url) }

        /// Rejects a URL that is not `http://host…` (credentials in it included: HTTPServe's client cannot send
        /// them; put a secret in the path or query) and a non-positive timeout.
        func validate() throws {
            guard let components = URLComponents(string: url), components.scheme == "http",
                let host = components.host, !host.isEmpty, components.user == nil, components.password == nil
            else {
                throw ScheduledPostsError(
                    .invalidConfiguration,
                    "\(Setting.publishWebhookURL.environmentName) (--\(Setting.publishWebhookURL.flagNames[0])) "
                        + "must be an http://host[:port]/path URL, got \(redactedURL)"
                )
            }
            guard timeout > .zero else {
                throw ScheduledPostsError(.invalidConfiguration, "the webhook timeout must be positive")
            }
            guard connections > 0 else {
                throw ScheduledPostsError(.invalidConfiguration, "the webhook needs at least one connection")
            }
        }
    }

    /// The JSON body: the post's fields the receiver needs to publish it.
    struct Body: Encodable {
        let id: Int
        let userId: String
        let platform: String
        let content: String
        let scheduledAt: Date
        let predictedEngagement: Double?
    }

    let configuration: Configuration
    private let clients: ClientPool

    /// Validates `configuration` and starts the clients' threads; call ``shutdown()`` when done.
    init(configuration: Configuration) throws {
        try configuration.validate()
        self.configuration = configuration
        clients = try ClientPool(
            count: configuration.connections,
            configuration: .init(connectTimeout: configuration.timeout, requestTimeout: configuration.timeout))
    }

    /// POSTs `post` with `Idempotency-Key: idempotencyKey`; throws unless the webhook answers 2xx.
    func publish(_ post: ScheduledPost, idempotencyKey: String) async throws -> Publication {
        // `scheduledAt` in the API's one time format: ISO 8601 UTC with ms.
        let body = try MonitoringJSON.makeEncoder().encode(
            Body(
                id: post.id, userId: post.userID, platform: post.platform, content: post.content,
                scheduledAt: post.scheduledAt, predictedEngagement: post.predictedEngagement))
        var headers = HTTPHeaders()
        headers.add(name: "Idempotency-Key", value: idempotencyKey)
        let response: HTTPClient.Response
        do {
            response = try await clients.withClient { client in
                try await client.post(configuration.url, body: Array(body), headers: headers)
            }
        } catch {
            // The client's invalidURL message repeats the whole URL, credentials and query included.
            let reason =
                (error as? HTTPServeError).map { $0.code == .invalidURL ? "\($0.code)" : "\($0)" } ?? "\(error)"
            throw ScheduledPostsError(
                .publisherUnavailable,
                "webhook \(configuration.redactedURL) did not answer: \(reason); check that it is up")
        }
        guard (200..<300).contains(response.status) else {
            // No answer worth the name (5xx), a timeout (408) or back-pressure (429) is the endpoint's state,
            // not the post's: it spends no attempt. Any other status refuses this post.
            let unavailable = response.status >= 500 || response.status == 408 || response.status == 429
            throw ScheduledPostsError(
                unavailable ? .publisherUnavailable : .publishFailed,
                "webhook \(configuration.redactedURL) answered \(response.status); the job retries")
        }
        return Publication(publisher: "webhook", externalID: Self.externalID(response.body) ?? idempotencyKey)
    }

    /// Ends the clients' threads once queued requests finish.
    func shutdown() { clients.shutdown() }

    /// The `id` of a JSON object answer (string or integer), or nil.
    static func externalID(_ body: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        switch object["id"] {
        case let text as String where !text.isEmpty: return text
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }
}
