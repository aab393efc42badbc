import Chaos
import Essentials
import Foundation
import HTTPServe
import Synchronization

/// The publishing endpoint of a load run: answers each `POST /publish` after ``delay`` with `{"id": key}`, as a
/// social network's API would, and counts deliveries per `Idempotency-Key` (`post-<id>`), so the run sees the
/// drain's progress without asking the database and counts posts delivered more than once (at-least-once
/// delivery; the database's `publications` are what must hold each post once).
final class WebhookReceiver: Sendable {
    private let server: HTTPServer
    /// The bound port.
    let port: Int
    private let deliveries: Deliveries

    /// Deliveries per idempotency key, shared with the route's handler.
    private final class Deliveries: Sendable {
        let counts = Mutex<[String: Int]>([:])
    }

    /// `http://127.0.0.1:<port>/publish`.
    var url: String { "http://127.0.0.1:\(port)/publish" }

    /// Starts listening on a free loopback port.
    init(delay: Duration) throws {
        let deliveries = Deliveries()
        var router = Router()
        router.post("/publish") { request in
            guard let key = request.headers["Idempotency-Key"], !key.isEmpty else {
                return .error(status: 400, code: "no_idempotency_key", message: "Idempotency-Key is required")
            }
            try await Task.sleep(for: delay)
            deliveries.counts.withLock { $0[key, default: 0] += 1 }
            let body = #"{"id":"# + JSONString.quoted(key) + "}"
            return Response(
                status: 200, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
        }
        server = try HTTPServer(configuration: .init(host: "127.0.0.1", port: 0, loopCount: 1), router: router)
        port = try server.start()
        self.deliveries = deliveries
    }

    /// How many of `posts` have been delivered at least once.
    @Sendable func delivered(_ posts: [AcknowledgedPost]) -> Int {
        deliveries.counts.withLock { counts in posts.count { counts["post-\($0.id)"] != nil } }
    }

    /// Posts among `postIDs` delivered more than once.
    func deliveredMoreThanOnce(_ postIDs: [Int]) -> Int {
        deliveries.counts.withLock { counts in postIDs.count { (counts["post-\($0)"] ?? 0) > 1 } }
    }

    /// Stops listening.
    func stop() async {
        await server.shutdown(deadline: .seconds(2))
    }
}
