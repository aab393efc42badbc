import AIModelCache
import Foundation
import HTTPServe
import Monitoring
import PostgresClient
import PrivateServices
import QueueCore
import RedisClient
import XCTest

@testable import monitoring_api

/// A monitoring-api router over real Redis and PostgreSQL for the console's routes: a unique queue prefix, the audit
/// log in a fresh database, admin and read tokens, a loopback server on port 0.
final class ConsoleRouteFixture: @unchecked Sendable {
    static let adminToken = "admin-s3cret"
    static let readToken = "read-s3cret"

    let redis: RedisClient
    let prefix = TestServices.uniqueName("console")
    let database: PostgresClient
    let auditStore: PostgresAuditStore
    let audit: AuditLog
    let directory: QueueDirectory
    let server: HTTPServer
    let client: HTTPClient
    let base: String

    /// Starts a server; `access` nil uses both tokens; `history` answers the history route.
    init(access: AccessPolicy? = nil, history: [String: [QueueSample]] = [:]) async throws {
        let (redisURL, databaseURL) = try await withCheckedThrowingContinuation { continuation in
            // redis-server and psql start-up block: keep them off the cooperative pool.
            Thread {
                continuation.resume(
                    with: Result { (try TestServices.redisURL(), try TestServices.makeDatabase(prefix: "console")) })
            }.start()
        }
        redis = RedisClient(configuration: try RedisConfiguration(url: redisURL))
        database = try PostgresClient(configuration: .init(url: databaseURL, poolSize: 2))
        auditStore = PostgresAuditStore(database: database, retention: .seconds(90 * 86_400))
        audit = AuditLog(store: auditStore, retryInterval: .milliseconds(50))
        audit.start()
        directory = try QueueDirectory(
            redisURL: redisURL, prefix: prefix, connectTimeout: .seconds(2), monitored: { [] })
        let configuration = MonitoringConfiguration()
        var service = MonitoringService(
            queues: QueueSource(snapshot: { MonitorSnapshot() }, history: { history[$0] }, ping: {}),
            models: try ModelCacheManager<AutopilotModel, AutopilotModel>(configuration: .init()),
            telemetry: AIModelTelemetry(configuration: configuration, sink: RecordingAlertSink()),
            probeTimeout: .seconds(1))
        service.audit = audit
        service.queueDirectory = directory
        service.configuration = configuration
        let policy = access ?? AccessPolicy(adminToken: Self.adminToken, readToken: Self.readToken)
        server = try HTTPServer(
            configuration: .init(port: 0, loopCount: 1), router: APIRoutes.router(service: service, access: policy))
        base = "http://127.0.0.1:\(try server.start())"
        client = try HTTPClient()
    }

    func shutdown() async {
        client.shutdown()
        await server.shutdown(deadline: .seconds(2))
        await audit.stop()
        await directory.close()
        await redis.close()
        database.close()
    }

    /// A queue handle under the fixture's prefix.
    func queue(_ name: String) throws -> Queue {
        try Queue(name: name, client: redis, configuration: .init(prefix: prefix))
    }

    /// `method path` with `token` (nil: none) and `body`.
    func call(
        _ method: String, _ path: String, token: String? = ConsoleRouteFixture.adminToken, body: String = ""
    ) async throws -> HTTPClient.Response {
        var headers = HTTPHeaders()
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        if !body.isEmpty { headers.add(name: "Content-Type", value: "application/json") }
        return try await client.send(method: method, url: base + path, headers: headers, body: Array(body.utf8))
    }

    /// The JSON object of `response`.
    func object(_ response: HTTPClient.Response) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], response.text)
    }

    /// The error code of a JSON error answer.
    func errorCode(_ response: HTTPClient.Response) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return (object?["error"] as? [String: Any])?["code"] as? String
    }

    /// The audit rows once `count` are stored (bounded wait), newest first.
    func auditRows(count: Int) async throws -> [AuditEntry] {
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            let rows = try await auditStore.entries(sinceMs: 0, limit: 1000)
            if rows.count >= count { return rows }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await auditStore.entries(sinceMs: 0, limit: 1000)
    }

    /// Fails `count` jobs of `queue` with a worker whose processor throws; returns their ids.
    func failedJobs(_ queue: String, count: Int) async throws -> [String] {
        struct Boom: Error {}
        let handle = try self.queue(queue)
        var ids: [String] = []
        for index in 0..<count { ids.append(try await handle.add("doomed", json: #"{"n":\#(index)}"#)) }
        let worker = try Worker(
            queueName: queue, client: redis, configuration: .init(prefix: prefix, drainDelay: .milliseconds(100))
        ) { (_: Job) async throws -> String in throw Boom() }
        worker.start()
        let deadline = ContinuousClock.now + .seconds(15)
        while try await handle.counts()[.failed] ?? 0 < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        await worker.close()
        return ids
    }
}
