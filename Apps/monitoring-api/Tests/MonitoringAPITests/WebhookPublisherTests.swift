import AIModelCache
import Foundation
import HTTPServe
import Monitoring
import PrivateServices
import ScheduledPosts
import Synchronization
import XCTest

@testable import monitoring_api

/// The webhook publisher against a real HTTPServe receiver on port 0, alone and behind the real workers.
final class WebhookPublisherTests: XCTestCase {
    /// A webhook receiver that records every request and answers from a script (then its last status).
    private final class Receiver: Sendable {
        struct Received: Sendable {
            let idempotencyKey: String?
            let contentType: String?
            let body: [UInt8]
        }

        /// The requests so far, shared with the handler.
        final class Log: Sendable {
            let requests = Mutex<[Received]>([])
        }

        let log = Log()
        let server: HTTPServer
        let url: String

        init(statuses: [Int], answer: String = "{}") throws {
            let log = log
            var router = Router()
            router.post("/hook") { request in
                let count = log.requests.withLock { received in
                    received.append(
                        Received(
                            idempotencyKey: request.headers["Idempotency-Key"],
                            contentType: request.headers["Content-Type"], body: request.body))
                    return received.count
                }
                let status = statuses[min(count, statuses.count) - 1]
                return Response(status: status, body: Array(answer.utf8))
            }
            server = try HTTPServer(configuration: .init(port: 0, loopCount: 1), router: router)
            url = "http://127.0.0.1:\(try server.start())/hook"
        }

        var received: [Received] { log.requests.withLock { $0 } }
    }

    private var receiver: Receiver?

    override func tearDown() async throws {
        await receiver?.server.shutdown(deadline: .seconds(2))
    }

    /// A post as the store returns it, decoded from the posts API's JSON.
    private func makePost(id: Int) throws -> ScheduledPost {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let json = """
            {"id":\(id),"userId":"user-9","platform":"instagram","content":"New single #music",
             "scheduledAt":"2026-01-02T03:04:05Z","status":"queued","jobVersion":1,"attempts":0,
             "predictedEngagement":0.25,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}
            """
        return try decoder.decode(ScheduledPost.self, from: Data(json.utf8))
    }

    func testThePublisherPostsThePostAsJSONWithItsIdempotencyKeyAndUsesTheAnswersID() async throws {
        let receiver = try Receiver(statuses: [201], answer: #"{"id":"remote-42"}"#)
        self.receiver = receiver
        let publisher = try WebhookPublisher(configuration: .init(url: receiver.url, timeout: .seconds(5)))
        defer { publisher.shutdown() }

        let publication = try await publisher.publish(try makePost(id: 7), idempotencyKey: "post-7")

        XCTAssertEqual(publication, Publication(publisher: "webhook", externalID: "remote-42"))
        let request = try XCTUnwrap(receiver.received.first)
        XCTAssertEqual(receiver.received.count, 1)
        XCTAssertEqual(request.idempotencyKey, "post-7")
        XCTAssertEqual(request.contentType, "application/json")
        let body = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        XCTAssertEqual(body["id"] as? Int, 7)
        XCTAssertEqual(body["userId"] as? String, "user-9")
        XCTAssertEqual(body["platform"] as? String, "instagram")
        XCTAssertEqual(body["content"] as? String, "New single #music")
        XCTAssertEqual(body["scheduledAt"] as? String, "2026-01-02T03:04:05.000Z")
        XCTAssertEqual(body["predictedEngagement"] as? Double, 0.25)
    }

    func testAnAnswerWithoutAnIDUsesTheIdempotencyKeyAsTheExternalID() async throws {
        let receiver = try Receiver(statuses: [200], answer: "accepted")
        self.receiver = receiver
        let publisher = try WebhookPublisher(configuration: .init(url: receiver.url))
        defer { publisher.shutdown() }

        let publication = try await publisher.publish(try makePost(id: 8), idempotencyKey: "post-8")

        XCTAssertEqual(publication, Publication(publisher: "webhook", externalID: "post-8"))
    }

    func testAFailingStatusThrowsNamingTheURLAndStatusAndTheThirdCallSucceeds() async throws {
        let receiver = try Receiver(statuses: [500, 500, 200])
        self.receiver = receiver
        let publisher = try WebhookPublisher(configuration: .init(url: receiver.url + "?token=abc"))
        defer { publisher.shutdown() }
        let post = try makePost(id: 9)

        for _ in 0..<2 {
            do {
                _ = try await publisher.publish(post, idempotencyKey: "post-9")
                XCTFail("a 500 answer must throw")
            } catch {
                XCTAssertTrue("\(error)".contains("\(receiver.url) answered 500"), "\(error)")
                XCTAssertFalse("\(error)".contains("abc"), "\(error)")
            }
        }
        let publication = try await publisher.publish(post, idempotencyKey: "post-9")

        XCTAssertEqual(publication.publisher, "webhook")
        XCTAssertEqual(receiver.received.map(\.idempotencyKey), ["post-9", "post-9", "post-9"])
    }

    func testAnUnreachableWebhookThrowsNamingTheURLWithoutItsQuery() async throws {
        let receiver = try Receiver(statuses: [200])
        await receiver.server.shutdown(deadline: .seconds(2))
        let publisher = try WebhookPublisher(
            configuration: .init(url: receiver.url + "?token=secret", timeout: .seconds(2)))
        defer { publisher.shutdown() }

        do {
            _ = try await publisher.publish(try makePost(id: 10), idempotencyKey: "post-10")
            XCTFail("a closed port must throw")
        } catch {
            XCTAssertTrue("\(error)".contains("webhook \(receiver.url) did not answer"), "\(error)")
            XCTAssertFalse("\(error)".contains("secret"), "\(error)")
        }
    }

    func testAWebhookURLWithCredentialsIsRefusedWithoutRepeatingThem() {
        XCTAssertThrowsError(
            try WebhookPublisher.Configuration(url: "http://user:secret@127.0.0.1:9/hook").validate()
        ) { error in
            XCTAssertTrue("\(error)".contains("http://127.0.0.1:9/hook"), "\(error)")
            XCTAssertFalse("\(error)".contains("secret"), "\(error)")
        }
    }

    func testAWebhookURLThatIsNotPlainHTTPIsRefused() {
        for url in ["https://example.com/hook", "example.com/hook", "http:///hook", ""] {
            XCTAssertThrowsError(try WebhookPublisher.Configuration(url: url).validate(), url)
        }
    }

    func testThePublishWebhookFlagBeatsTheVariableTheWorkersAreGiven() throws {
        let options = try CommandLineOptions(["--publish-webhook", "http://127.0.0.1:9/hook"])
        let configuration = try MonitoringConfiguration.load(
            flags: options.settings, environment: ["PUBLISH_WEBHOOK_URL": "http://127.0.0.1:8/other"])
        XCTAssertEqual(configuration.workers.publishWebhookURL, "http://127.0.0.1:9/hook")
    }

    /// Starts the real workers (real Redis and PostgreSQL) publishing to `receiver`, schedules one post due in
    /// 0.5 s, and returns it once published or failed (or after 30 s).
    private func publishThroughWorkers(to receiver: Receiver) async throws -> ScheduledPost {
        let (databaseURL, redisURL) = try await withCheckedThrowingContinuation { continuation in
            // psql and redis-server start-up block: keep them off the cooperative pool.
            Thread {
                continuation.resume(
                    with: Result { (try TestServices.makeDatabase(prefix: "hook"), try TestServices.redisURL()) })
            }.start()
        }
        let configuration = try MonitoringConfiguration.load(
            environment: ["REDIS_URL": redisURL, "QUEUE_PREFIX": TestServices.uniqueName("bull")])
        let models = try ModelCacheManager<AutopilotModel, AutopilotModel>(configuration: .init())
        var autoPosting = try await AutoPostingRuntime.start(
            databaseURL: databaseURL, configuration: configuration, models: models,
            logger: StructuredLogger(minimumLevel: .error, output: { _ in }), webhookURL: receiver.url)
        autoPosting.run()
        do {
            // The workers connect in the background: schedule once the database answered.
            if let problem = await autoPosting.readiness.problem(waitingAtMost: .seconds(10)) {
                throw TestFailure(problem)
            }
            let scheduled = try await autoPosting.scheduler.schedule(
                NewPost(
                    userID: "user-1", platform: "instagram", content: "Out now",
                    scheduledAt: Date().addingTimeInterval(0.5)))
            let store = ScheduledPostStore(database: autoPosting.database)
            let deadline = ContinuousClock.now + .seconds(30)
            var post = scheduled
            while post.status != .published, post.status != .failed, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                post = try await store.post(id: scheduled.id) ?? post
            }
            await autoPosting.stop()
            return post
        } catch {
            await autoPosting.stop()
            throw error
        }
    }

    func testTheWorkersPublishThroughTheWebhookRetryingUntilItAnswers2xx() async throws {
        let receiver = try Receiver(statuses: [500, 500, 200], answer: #"{"id":"remote-1"}"#)
        self.receiver = receiver

        let post = try await publishThroughWorkers(to: receiver)

        XCTAssertEqual(post.status, .published, post.lastError ?? "")
        XCTAssertEqual(post.externalID, "remote-1")
        XCTAssertEqual(receiver.received.map(\.idempotencyKey), Array(repeating: "post-\(post.id)", count: 3))
        // The body the receiver got on the attempt that published: every field the README documents.
        let request = try XCTUnwrap(receiver.received.last)
        XCTAssertEqual(request.contentType, "application/json")
        let body = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        XCTAssertEqual(
            Set(body.keys), ["id", "userId", "platform", "content", "scheduledAt", "predictedEngagement"], "\(body)")
        XCTAssertEqual(body["id"] as? Int, post.id)
        XCTAssertEqual(body["userId"] as? String, "user-1")
        XCTAssertEqual(body["platform"] as? String, "instagram")
        XCTAssertEqual(body["content"] as? String, "Out now")
        let scheduledAt = try XCTUnwrap(body["scheduledAt"] as? String)
        let sent = try XCTUnwrap(try? Date(scheduledAt, strategy: .iso8601), scheduledAt)
        XCTAssertEqual(sent.timeIntervalSince1970, post.scheduledAt.timeIntervalSince1970, accuracy: 0.001)
        let engagement = try XCTUnwrap(body["predictedEngagement"] as? Double, "\(body)")
        XCTAssertEqual(engagement, try XCTUnwrap(post.predictedEngagement), accuracy: 1e-9)
    }

    func testTheWorkersFailThePostWithTheWebhooksRefusalAfterThreeAttempts() async throws {
        // 422 refuses this post (a 5xx, 408 or 429 is the endpoint's state and spends no attempt).
        let receiver = try Receiver(statuses: [422])
        self.receiver = receiver

        let post = try await publishThroughWorkers(to: receiver)

        XCTAssertEqual(post.status, .failed)
        let reason = try XCTUnwrap(post.lastError)
        XCTAssertTrue(reason.contains("after 3 attempts") && reason.contains("\(receiver.url) answered 422"), reason)
        XCTAssertEqual(receiver.received.count, 3)
    }

    func testA503SpendsNoAttempt() async throws {
        let receiver = try Receiver(statuses: [503, 503, 503, 200])
        self.receiver = receiver

        let post = try await publishThroughWorkers(to: receiver)

        XCTAssertEqual(post.status, .published, post.lastError ?? "")
        XCTAssertEqual(receiver.received.count, 4, "three 503s and the answer that published, with only 3 attempts")
    }
}

/// A test precondition that did not hold.
private struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
