import Essentials
import Foundation
import HTTPServe
import Synchronization

/// Schedules posts through monitoring-api's `POST /api/posts` continuously (one every `interval`, each due
/// `lead` later) until stopped, as a customer would. Each post's content is unique (`<tag>-<n>`), so the
/// checker can find in the database a post whose request got no answer.
///
/// A 201 acknowledges the post (its id is kept); a 4xx is a refusal: the API said no, nothing may exist. A 5xx
/// (503 while PostgreSQL is down) or no answer at all (connection reset, timeout) is in doubt: a connection lost
/// during the COMMIT may still have committed, so its content is kept for the checker.
final class PostsProducer: Sendable {
    /// An acknowledged post: its id and the content it was given.
    typealias Acknowledged = AcknowledgedPost

    private struct State: Sendable {
        var acknowledged: [Acknowledged] = []
        var inDoubt: [String] = []
        var refused = 0
        var stopped = false
    }

    /// The content prefix of this producer's posts.
    let tag: String
    private let state = Mutex(State())
    private let client: HTTPClient

    /// Creates a producer tagging its posts' content with `tag`; call ``shutdown()`` when done.
    init(tag: String) throws {
        self.tag = tag
        client = try HTTPClient(
            configuration: HTTPClient.Configuration(connectTimeout: .seconds(2), requestTimeout: .seconds(10)))
    }

    /// The posts acknowledged so far.
    var acknowledged: [Acknowledged] { state.withLock { $0.acknowledged } }
    /// The contents of requests that got no answer: each post may or may not exist.
    var inDoubt: [String] { state.withLock { $0.inDoubt } }
    /// Requests the API refused (4xx).
    var refused: Int { state.withLock { $0.refused } }

    /// POSTs a post to `baseURL` every `interval`, due `lead` after it is sent, until ``stop()``.
    func run(baseURL: String, interval: Duration, lead: Duration) async {
        var index = 0
        while !state.withLock({ $0.stopped }) {
            let content = "\(tag)-\(index)"
            let body = NewPostBody(
                userId: "soak-user-\(index % 10)", platform: "instagram", content: content,
                scheduledAt: Date().addingTimeInterval(Double(lead.nanoseconds) / 1e9))
            do {
                // ISO 8601 in whole seconds: the API takes it; `lead` covers the truncation.
                let encoded = try JSONCoding.encoder(iso8601Dates: true).encode(body)
                let response = try await client.post("\(baseURL)/api/posts", body: Array(encoded))
                let id = (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])?["id"]
                if response.status == 201, let id = id as? Int {
                    state.withLock { $0.acknowledged.append(Acknowledged(id: id, content: content)) }
                } else if response.status >= 500 {
                    // The server could not confirm: a connection lost during COMMIT may still have committed.
                    state.withLock { $0.inDoubt.append(content) }
                } else {
                    state.withLock { $0.refused += 1 }
                }
            } catch {
                state.withLock { $0.inDoubt.append(content) }
            }
            index += 1
            try? await Task.sleep(for: interval)
        }
    }

    /// Makes ``run(baseURL:interval:lead:)`` return after its current request.
    func stop() { state.withLock { $0.stopped = true } }

    /// Ends the client's thread.
    func shutdown() { client.shutdown() }

    /// The body of `POST /api/posts`.
    private struct NewPostBody: Encodable {
        var userId: String
        var platform: String
        var content: String
        var scheduledAt: Date
    }
}
