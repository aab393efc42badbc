import Foundation
import Synchronization
import XCTest

@testable import HTTPServe

/// Handler-facing behaviour through the real server and the package's own client.
final class ServerHandlerTests: XCTestCase {
    struct Greeting: Codable, Equatable {
        var name: String
        var count: Int
    }

    struct Boom: Error {}

    func testJSONBodiesRoundTripThroughCodable() async throws {
        let (server, port) = try startServer { router in
            router.post("/greet") { request in
                var greeting = try request.decodeJSON(Greeting.self)
                greeting.count += 1
                return try .json(greeting, status: 201)
            }
        }
        let client = try HTTPClient()
        defer { client.shutdown() }
        let body = try JSONEncoder().encode(Greeting(name: "ada", count: 1))
        let response = try await client.post("http://127.0.0.1:\(port)/greet", body: Array(body))
        XCTAssertEqual(response.status, 201)
        XCTAssertEqual(response.headers["content-type"], "application/json; charset=utf-8")
        XCTAssertEqual(try response.decodeJSON(Greeting.self), Greeting(name: "ada", count: 2))
        let invalid = try await client.post("http://127.0.0.1:\(port)/greet", body: Array("{".utf8))
        XCTAssertEqual(invalid.status, 400)
        XCTAssertTrue(invalid.text.contains(#""code":"invalid_json""#))
        await server.shutdown(deadline: .seconds(2))
    }

    func testThrownErrorsBecomeJSONErrorsWithoutInternals() async throws {
        let logged = Mutex<[String]>([])
        let (server, port) = try startServer({ configuration in
            configuration.handlerErrorLog = { error, id in logged.withLock { $0.append("\(error) \(id)") } }
        }) { router in
            router.get("/boom") { _ in throw Boom() }
            router.get("/missing") { _ in
                throw HTTPServeError.response(status: 404, code: "queue_not_found", message: "no queue named x")
            }
        }
        let client = try HTTPClient()
        defer { client.shutdown() }
        let boom = try await client.get("http://127.0.0.1:\(port)/boom")
        XCTAssertEqual(boom.status, 500)
        XCTAssertTrue(boom.text.contains(#""code":"internal_error""#))
        XCTAssertFalse(boom.text.contains("Boom"))
        XCTAssertEqual(logged.withLock { $0.count }, 1)
        let missing = try await client.get("http://127.0.0.1:\(port)/missing")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.text, #"{"error":{"code":"queue_not_found","message":"no queue named x"}}"#)
        await server.shutdown(deadline: .seconds(2))
    }

    func testRequestIDIsEchoedAndAccessLogged() async throws {
        let entries = Mutex<[AccessLogEntry]>([])
        let (server, port) = try startServer({ configuration in
            configuration.accessLog = { entry in entries.withLock { $0.append(entry) } }
        }) { router in
            router.get("/q/:id") { request in .text("\(request.parameter("id")!) \(request.query["x"] ?? "")") }
        }
        let client = try HTTPClient()
        defer { client.shutdown() }
        let given = try await client.get("http://127.0.0.1:\(port)/q/7?x=a+b", headers: ["X-Request-Id": "req-123"])
        XCTAssertEqual(given.text, "7 a b")
        XCTAssertEqual(given.headers["x-request-id"], "req-123")
        let generated = try await client.get("http://127.0.0.1:\(port)/nothing")
        XCTAssertEqual(generated.status, 404)
        let generatedID = try XCTUnwrap(generated.headers["x-request-id"])
        XCTAssertNotEqual(generatedID, "req-123")
        await eventuallyAsync("two access log entries") { entries.withLock { $0.count } == 2 }
        let logged = entries.withLock { $0 }
        XCTAssertEqual(logged.map(\.status), [200, 404])
        XCTAssertEqual(logged.map(\.path), ["/q/7", "/nothing"])
        XCTAssertEqual(logged.map(\.requestID), ["req-123", generatedID])
        XCTAssertEqual(logged.first?.bytes, 5)
        await server.shutdown(deadline: .seconds(2))
    }

    func testConcurrentClientsAreAllServed() async throws {
        let (server, port) = try startServer { router in
            router.get("/n/:n") { request in
                try await Task.sleep(for: .milliseconds(1))
                return .text(request.parameter("n")!)
            }
        }
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for clientIndex in 0..<16 {
                group.addTask {
                    let client = try HTTPClient()
                    defer { client.shutdown() }
                    var served = 0
                    for requestIndex in 0..<20 {
                        let n = clientIndex * 100 + requestIndex
                        let response = try await client.get("http://127.0.0.1:\(port)/n/\(n)")
                        if response.status == 200, response.text == "\(n)" { served += 1 }
                    }
                    return served
                }
            }
            return try await group.reduce(0, +)
        }
        XCTAssertEqual(results, 16 * 20)
        await server.shutdown(deadline: .seconds(2))
    }

    func testShutdownFinishesInFlightRequestsAndClosesIdleConnections() async throws {
        let inFlight = Atomic<Int>(0)
        let release = Atomic<Bool>(false)
        let (server, port) = try startServer { router in
            router.get("/slow") { _ in
                inFlight.add(1, ordering: .relaxed)
                while !release.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) }
                return .text("done")
            }
            router.get("/fast") { _ in .text("fast") }
        }
        let idleClient = try HTTPClient()
        defer { idleClient.shutdown() }
        _ = try await idleClient.get("http://127.0.0.1:\(port)/fast")  // leaves an idle keep-alive connection
        let requests = Task {
            try await withThrowingTaskGroup(of: HTTPClient.Response.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        let client = try HTTPClient()
                        defer { client.shutdown() }
                        return try await client.get("http://127.0.0.1:\(port)/slow")
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        await eventuallyAsync("three requests in flight") { inFlight.load(ordering: .relaxed) == 3 }
        let shutdown = Task { await server.shutdown(deadline: .seconds(5)) }
        await eventuallyAsync("the idle connection to close") { server.openConnections == 3 }
        release.store(true, ordering: .relaxed)
        let responses = try await requests.value
        await shutdown.value
        XCTAssertEqual(responses.map(\.text), ["done", "done", "done"])
        XCTAssertEqual(responses.map { $0.headers["connection"] }, ["close", "close", "close"])
        XCTAssertEqual(server.openConnections, 0)
        do {
            _ = try await idleClient.get("http://127.0.0.1:\(port)/fast")
            XCTFail("the server should no longer accept connections")
        } catch let error as HTTPServeError {
            XCTAssertEqual(error.code, .connectFailed)
        }
    }

    func testShutdownDeadlineClosesRequestsThatDoNotFinish() async throws {
        let release = Atomic<Bool>(false)
        let started = Atomic<Bool>(false)
        let (server, port) = try startServer { router in
            router.get("/stuck") { _ in
                started.store(true, ordering: .relaxed)
                while !release.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) }
                return .text("late")
            }
        }
        defer { release.store(true, ordering: .relaxed) }
        let client = try HTTPClient(configuration: .init(requestTimeout: .seconds(10)))
        defer { client.shutdown() }
        let request = Task { try await client.get("http://127.0.0.1:\(port)/stuck") }
        await eventuallyAsync("the request to start") { started.load(ordering: .relaxed) }
        let clock = ContinuousClock()
        let elapsed = await clock.measure { await server.shutdown(deadline: .milliseconds(300)) }
        XCTAssertLessThan(elapsed, .seconds(5))
        do {
            _ = try await request.value
            XCTFail("the stuck request should have been cut off")
        } catch let error as HTTPServeError {
            XCTAssertEqual(error.code, .connectionClosed)
        }
    }
}
