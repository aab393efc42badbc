import Foundation
import HTTPServe
import Monitoring
import XCTest

@testable import monitoring_api

/// The console's routes: the shell and its files without a token and with their security headers, the
/// embedded files equal to the ones in `Console/`, and `/api/console/overview` (token, points, outage).
extension APIRoutesTests {
    func testTheShellAndItsFilesNeedNoTokenAndCarryAStrictPolicy() async throws {
        let (server, client, base) = try await serve(Self.collectedForAlerts, token: "abc")
        let shell = try await client.get(base + "/")
        XCTAssertEqual(shell.status, 200)
        XCTAssertEqual(shell.headers["Content-Type"], "text/html; charset=utf-8")
        XCTAssertEqual(shell.headers["Content-Security-Policy"], ConsoleAssets.contentSecurityPolicy)
        XCTAssertTrue(ConsoleAssets.contentSecurityPolicy.hasPrefix("default-src 'self'"))
        XCTAssertEqual(shell.headers["X-Content-Type-Options"], "nosniff")
        XCTAssertTrue(shell.text.contains(#"<script type="module" src="/assets/app.js"></script>"#), shell.text)
        let script = try await client.get(base + "/assets/app.js")
        XCTAssertEqual(script.status, 200)
        XCTAssertEqual(script.headers["Content-Type"], "text/javascript; charset=utf-8")
        XCTAssertEqual(script.headers["Cache-Control"], "no-cache")
        let etag = try XCTUnwrap(script.headers["ETag"])
        let again = try await client.get(base + "/assets/app.js", headers: ["If-None-Match": etag])
        XCTAssertEqual(again.status, 304)
        XCTAssertTrue(again.body.isEmpty)
        let style = try await client.get(base + "/assets/console.css")
        XCTAssertEqual(style.headers["Content-Type"], "text/css; charset=utf-8")
        for path in ["/assets/nothing.js", "/assets/index.html", "/assets/%3Cimg%3E.js"] {
            let missing = try await client.get(base + path)
            XCTAssertEqual(missing.status, 404, path)
            XCTAssertEqual(errorCode(missing), "unknown_asset", path)
        }
        for path in ["/assets/..%2fAPIRoutes.swift", "/assets/.."] {
            let traversal = try await client.get(base + path)
            XCTAssertEqual(traversal.status, 400, "HTTPServe refuses a dot segment or an encoded slash: \(path)")
        }
        let data = try await client.get(base + "/api/console/overview")
        XCTAssertEqual(data.status, 401, "the data route needs the token")
        client.shutdown()
        await server.shutdown(deadline: .seconds(1))
    }

    func testEveryFileThePageLoadsIsEmbeddedOnceAndTheWholeFitsTheWeightBudget() throws {
        let names = ConsoleAssetFiles.files.map(\.name)
        XCTAssertEqual(Set(names).count, names.count, "a file name twice")
        // Every `/assets/<file>` of the shell and every `./<file>` a module imports must be served.
        let pattern = try Regex(#"(?:/assets/|from '\./)([A-Za-z0-9_.-]+)"#)
        var referenced: Set<String> = []
        for file in ConsoleAssetFiles.files {
            for match in file.text.matches(of: pattern) {
                referenced.insert(String(match.output[1].substring ?? ""))
            }
        }
        XCTAssertTrue(referenced.isSuperset(of: ["app.js", "console.css", "favicon.svg", "dom.js", "charts.js"]))
        XCTAssertEqual(referenced.subtracting(names), [], "referenced but not embedded")
        XCTAssertEqual(Set(names).subtracting(referenced), ["index.html"], "embedded but never loaded")
        XCTAssertLessThan(
            ConsoleAssets.files.values.map(\.body.count).reduce(0, +), 150 * 1024, "the page weight budget")
    }

    func testTheOverviewHasEveryQueueWithSparklinesAndRefusesBadPoints() async throws {
        let (server, client, base) = try await serve(Self.collectedForAlerts, token: "abc")
        let auth: HTTPHeaders = ["Authorization": "Bearer abc"]
        let response = try await client.get(base + "/api/console/overview?points=2", headers: auth)
        XCTAssertEqual(response.status, 200, response.text)
        let body = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        XCTAssertEqual(body["stale"] as? Bool, false)
        XCTAssertEqual(body["intervalMs"] as? Int, 30_000)
        XCTAssertTrue(body["posts"] is NSNull, "no database given to this router")
        let redis = try XCTUnwrap(body["redis"] as? [String: Any])
        XCTAssertEqual(redis["ok"] as? Bool, true)
        XCTAssertEqual(redis["maxmemoryPolicy"] as? String, "noeviction")
        let queues = try XCTUnwrap(body["queues"] as? [[String: Any]])
        XCTAssertEqual(queues.map { $0["name"] as? String }, ["mail"])
        XCTAssertEqual(queues.first?["status"] as? String, "healthy")
        XCTAssertEqual((queues.first?["counts"] as? [String: Any])?["waiting"] as? Int, 2)
        let sparklines = try XCTUnwrap(queues.first?["sparklines"] as? [String: Any])
        XCTAssertEqual(sparklines["waiting"] as? [Int], [2])
        XCTAssertNotNil(body["caches"] as? [String: Any])
        XCTAssertNotNil((body["alerts"] as? [String: Any])?["active"] as? [Any])
        for points in ["1", "0", "-3", "x", "10001", ""] {
            let bad = try await client.get(base + "/api/console/overview?points=\(points)", headers: auth)
            XCTAssertEqual(bad.status, 400, points)
            XCTAssertEqual(errorCode(bad), "invalid_parameter", points)
            XCTAssertTrue(bad.text.contains("points must be a whole number in 2...10000"), bad.text)
        }
        client.shutdown()
        await server.shutdown(deadline: .seconds(1))
    }

    func testDuringAnOutageTheOverviewAnswersWithTheReasonAndSaysItsFiguresAreStale() async throws {
        var failed = Self.collectedForAlerts
        failed.lastError = "queue collection failed: Redis 127.0.0.1:1 [PING]: cannot connect"
        let (server, client, base) = try await serve(failed, redisUp: false)
        let response = try await client.get(base + "/api/console/overview")
        XCTAssertEqual(response.status, 200, "the page needs the figures it has and the reason")
        let body = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        XCTAssertEqual(body["stale"] as? Bool, true)
        let redis = try XCTUnwrap(body["redis"] as? [String: Any])
        XCTAssertEqual(redis["ok"] as? Bool, false)
        XCTAssertEqual(redis["error"] as? String, failed.lastError)
        XCTAssertEqual(redis["lastSuccessAt"] as? Int, 1)
        let queues = try XCTUnwrap(body["queues"] as? [[String: Any]])
        XCTAssertEqual(queues.first?["status"] as? String, "unknown", "no current sample")
        client.shutdown()
        await server.shutdown(deadline: .seconds(1))
    }
}
