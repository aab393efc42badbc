import Foundation
import HTTPServe
import PrivateServices
import QueueCore
import RedisClient
import Synchronization
import XCTest

/// monitoring-api with its workers (the default) and `--workers-only` start and serve while their PostgreSQL
/// is down: system health 503 with the reason, `/livez` 200, the posts API 503; when the database comes back
/// the workers start and the posts that fell due meanwhile are published exactly once. The PostgreSQL is the
/// test's own throwaway cluster, stopped and started here.
final class MonitoringPostgresOutageTests: XCTestCase {
    /// A webhook receiver that counts the deliveries per idempotency key (answers 200).
    private final class Receiver: Sendable {
        /// The idempotency keys received, shared with the handler.
        final class Log: Sendable {
            let keys = Mutex<[String]>([])
        }

        let log = Log()
        let server: HTTPServer
        let url: String

        init() throws {
            var router = Router()
            let log = log
            router.post("/hook") { request in
                log.keys.withLock { $0.append(request.headers["Idempotency-Key"] ?? "none") }
                return Response(status: 200, body: Array("{}".utf8))
            }
            server = try HTTPServer(configuration: .init(port: 0, loopCount: 1), router: router)
            url = "http://127.0.0.1:\(try server.start())/hook"
        }

        var received: [String] { log.keys.withLock { $0 } }
    }

    func testTheServiceStartsWithoutItsDatabaseAndPublishesWhatFellDueOnceItIsBack() async throws {
        let postgres = try ThrowawayPostgres()
        defer { postgres.stop() }
        let receiver = try Receiver()
        let prefix = TestServices.uniqueName("pgdown")
        let environment = [
            "REDIS_URL": try TestServices.redisURL(), "DATABASE_URL": postgres.url, "QUEUE_PREFIX": prefix,
            "DEMO": "0", "PUBLISH_WEBHOOK_URL": receiver.url,
        ]

        // Three posts scheduled while the database is up, due in 3 s; the process that took them stops.
        let first = try await MonitoringServerProcess(environment: environment, arguments: ["--workers"])
        let client = try HTTPClient(configuration: .init(connectTimeout: .seconds(5), requestTimeout: .seconds(10)))
        defer { client.shutdown() }
        let dueAt = Date().addingTimeInterval(3)
        var ids: [Int] = []
        for index in 1...3 {
            let body =
                #"{"userId":"user-\#(index)","platform":"instagram","content":"post \#(index)","#
                + #""scheduledAt":"\#(ISO8601DateFormatter().string(from: dueAt))"}"#
            let response = try await client.post(first.baseURL + "/api/posts", body: Array(body.utf8))
            XCTAssertEqual(response.status, 201, response.text)
            let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            ids.append(try XCTUnwrap(object?["id"] as? Int, response.text))
        }
        XCTAssertEqual(try first.terminate(), 0)
        // One post's job is lost too (Redis lost it): only the reconciler can bring it back.
        let redis = RedisClient(configuration: try RedisConfiguration(url: try TestServices.redisURL()))
        let removed = try await Queue(name: "social-posts", client: redis, configuration: .init(prefix: prefix))
            .remove("post-\(ids[0])-v1")
        await redis.close()
        XCTAssertTrue(removed)
        try postgres.stopImmediate()

        // Both kinds of process start and serve with the database down.
        let api = try await MonitoringServerProcess(environment: environment, arguments: ["--workers"])
        let worker = try await MonitoringServerProcess(
            environment: environment, arguments: ["--workers-only", "--metrics-port", "0"])
        let down = try await MonitoringPoll.until("system-health 503 naming the database") {
            let (status, body) = try await api.json("/api/monitoring/system-health")
            let posts = (body["components"] as? [String: Any])?["posts"] as? [String: Any]
            return (status == 503 && posts?["status"] as? String == "unhealthy", body)
        }
        let posts = try XCTUnwrap((down["components"] as? [String: Any])?["posts"] as? [String: Any])
        let reason = try XCTUnwrap(posts["reason"] as? String)
        XCTAssertTrue(reason.contains("127.0.0.1:\(postgres.port)"), reason)
        for process in [api, worker] {
            let livez = try await process.get("/livez")
            XCTAssertEqual(livez.status, 200)
        }
        let listed = try await api.json("/api/posts")
        XCTAssertEqual(listed.status, 503)
        XCTAssertEqual((listed.body["error"] as? [String: Any])?["code"] as? String, "database_unavailable")

        // The posts fall due with the database still down: nothing is published yet.
        _ = try await MonitoringPoll.until("the posts' due time passed") { (Date() > dueAt, Date()) }
        XCTAssertEqual(receiver.received, [])

        try postgres.start()
        let published = try await MonitoringPoll.until("the three posts published", timeout: .seconds(30)) {
            let (status, body) = try await api.json("/api/posts?status=published")
            let found = (body["posts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            return (status == 200 && found.sorted() == ids.sorted(), body)
        }
        XCTAssertEqual((published["posts"] as? [[String: Any]])?.count, 3)
        // Exactly once: one delivery per post, across both processes.
        XCTAssertEqual(receiver.received.sorted(), ids.map { "post-\($0)" }.sorted())
        _ = try await MonitoringPoll.until("the posts component healthy again") {
            let (_, body) = try await api.json("/api/monitoring/system-health")
            let posts = (body["components"] as? [String: Any])?["posts"] as? [String: Any]
            return (posts?["status"] as? String == "healthy", body)
        }
        // Each process reconnects on its own backoff (at most 5 s apart): the other may have published all.
        for process in [api, worker] {
            let events = try await MonitoringPoll.until("the process logging posts.database_ready") {
                let events = process.logLines.compactMap { $0["event"] as? String }
                return (events.contains("posts.database_ready"), events)
            }
            XCTAssertTrue(events.contains("posts.database_unavailable"), "\(events)")
            XCTAssertFalse(events.contains("startup.failed"), "\(events)")
        }
        XCTAssertEqual(try worker.terminate(), 0)
        XCTAssertEqual(try api.terminate(), 0)
        XCTAssertEqual(receiver.received.count, 3, "no delivery after the posts were published")
        await receiver.server.shutdown(deadline: .seconds(2))
    }
}
