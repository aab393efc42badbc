import AIModelCache
import Foundation
import HTTPServe
import Monitoring
import PrivateServices
import XCTest

@testable import monitoring_api

/// The posts API with the real auto-posting workers: real Redis and PostgreSQL, a loopback server on port 0.
final class PostsAPITests: XCTestCase {
    private var autoPosting: AutoPostingRuntime?
    private var server: HTTPServer?
    private var models: ModelCacheManager<AutopilotModel, AutopilotModel>!
    private var base = ""
    private let client = try! HTTPClient()
    private let token = "s3cret-token"

    override func setUp() async throws {
        let (databaseURL, redisURL) = try await withCheckedThrowingContinuation { continuation in
            // psql and redis-server start-up block: keep them off the cooperative pool.
            Thread {
                continuation.resume(
                    with: Result { (try TestServices.makeDatabase(prefix: "api"), try TestServices.redisURL()) })
            }.start()
        }
        let configuration = try MonitoringConfiguration.load(
            environment: ["REDIS_URL": redisURL, "QUEUE_PREFIX": TestServices.uniqueName("bull")])
        models = try ModelCacheManager<AutopilotModel, AutopilotModel>(configuration: .init())
        let logger = StructuredLogger(minimumLevel: .error, output: { _ in })
        var autoPosting = try await AutoPostingRuntime.start(
            databaseURL: databaseURL, configuration: configuration, models: models, logger: logger)
        autoPosting.run()
        self.autoPosting = autoPosting
        let service = MonitoringService(
            queues: QueueSource(snapshot: { MonitorSnapshot() }, history: { _ in nil }, ping: {}), models: models,
            telemetry: AIModelTelemetry(configuration: configuration, sink: RecordingAlertSink()),
            probeTimeout: .seconds(1))
        let server = try HTTPServer(
            configuration: .init(port: 0, loopCount: 1),
            router: APIRoutes.router(
                service: service, access: AccessPolicy(adminToken: token),
                posts: (autoPosting.scheduler, autoPosting.readiness)))
        self.server = server
        base = "http://127.0.0.1:\(try server.start())"
    }

    override func tearDown() async throws {
        await server?.shutdown(deadline: .seconds(2))
        await autoPosting?.stop()
    }

    private var auth: HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Bearer \(token)")
        return headers
    }

    func testTheOpenAPIDocumentDescribesThePostsRoutesToo() throws {
        let access = AccessPolicy(adminToken: token)
        let service = MonitoringService(
            queues: QueueSource(snapshot: { MonitorSnapshot() }, history: { _ in nil }, ping: {}), models: models,
            telemetry: AIModelTelemetry(configuration: MonitoringConfiguration(), sink: RecordingAlertSink()),
            probeTimeout: .seconds(1))
        let posts = try XCTUnwrap(autoPosting)
        let router = APIRoutes.router(service: service, access: access, posts: (posts.scheduler, posts.readiness))
        OpenAPIDocumentTests.compare(OpenAPIDocument(access: access, posts: true), router)
    }

    private func post(_ body: String) async throws -> HTTPClient.Response {
        try await client.post(base + "/api/posts", body: Array(body.utf8), headers: auth)
    }

    private func object(_ response: HTTPClient.Response) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]) ?? [:]
    }

    private func errorCode(_ response: HTTPClient.Response) -> String? {
        (object(response)["error"] as? [String: Any])?["code"] as? String
    }

    private func iso(_ offset: TimeInterval) -> String {
        ISO8601DateFormatter().string(from: Date().addingTimeInterval(offset))
    }

    func testAScheduledPostIsPublishedAndReadableThroughTheAPI() async throws {
        let created = try await post(
            #"{"userId":"user-1","platform":"instagram","content":"New single #music","scheduledAt":"\#(iso(1))"}"#)
        XCTAssertEqual(created.status, 201, String(decoding: created.body, as: UTF8.self))
        let id = try XCTUnwrap(object(created)["id"] as? Int)
        XCTAssertEqual(object(created)["status"] as? String, "queued")
        let deadline = ContinuousClock.now + .seconds(20)
        var status = ""
        while ContinuousClock.now < deadline {
            status = object(try await client.get(base + "/api/posts/\(id)", headers: auth))["status"] as? String ?? ""
            if status == "published" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTAssertEqual(status, "published")
        let listed = object(try await client.get(base + "/api/posts?status=published", headers: auth))
        XCTAssertEqual((listed["posts"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }, [id])
        // The worker loaded the user's model through the social cache (a default model: none was seeded).
        XCTAssertNotNil(models.social.cachedModel(for: "user-1")?.social)
        let again = try await client.send(method: "DELETE", url: base + "/api/posts/\(id)", headers: auth)
        XCTAssertEqual(again.status, 409)
        XCTAssertEqual(errorCode(again), "invalid_transition")
    }

    func testCancellingAFuturePostAnswersTheCancelledPost() async throws {
        let created = try await post(
            #"{"userId":"user-2","platform":"x","content":"later","scheduledAt":"\#(iso(3600))"}"#)
        let id = try XCTUnwrap(object(created)["id"] as? Int)
        let cancelled = try await client.send(method: "DELETE", url: base + "/api/posts/\(id)", headers: auth)
        XCTAssertEqual(cancelled.status, 200)
        XCTAssertEqual(object(cancelled)["status"] as? String, "cancelled")
    }

    func testValidationErrorsAre400JSONNamingTheField() async throws {
        let cases: [(String, String)] = [
            ("{not json", "invalid_body"),
            (#"{"platform":"x","content":"c","scheduledAt":"\#(iso(60))"}"#, "invalid_userId"),
            (#"{"userId":"u","platform":"x","scheduledAt":"\#(iso(60))"}"#, "invalid_content"),
            (#"{"userId":"u","platform":"x","content":"c","scheduledAt":"\#(iso(-3600))"}"#, "invalid_scheduledAt"),
            (#"{"userId":"u","platform":"x","content":"c","scheduledAt":"2030-01-01 09:00"}"#, "invalid_scheduledAt"),
        ]
        for (body, code) in cases {
            let response = try await post(body)
            XCTAssertEqual(response.status, 400, body)
            XCTAssertEqual(errorCode(response), code, body)
        }
        let unknown = try await client.get(base + "/api/posts/999999", headers: auth)
        XCTAssertEqual(unknown.status, 404)
        let badStatus = try await client.get(base + "/api/posts?status=done", headers: auth)
        XCTAssertEqual(errorCode(badStatus), "invalid_status")
        let badID = try await client.get(base + "/api/posts/abc", headers: auth)
        XCTAssertEqual(errorCode(badID), "invalid_id")
    }

    func testThePostsAPIRequiresTheBearerToken() async throws {
        let missing = try await client.post(base + "/api/posts", body: Array("{}".utf8))
        XCTAssertEqual(missing.status, 401)
        var wrong = HTTPHeaders()
        wrong.add(name: "Authorization", value: "Bearer nope")
        let listed = try await client.get(base + "/api/posts", headers: wrong)
        XCTAssertEqual(listed.status, 401)
        let deleted = try await client.send(method: "DELETE", url: base + "/api/posts/1")
        XCTAssertEqual(deleted.status, 401)
    }
}
