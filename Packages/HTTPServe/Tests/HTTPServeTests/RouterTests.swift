import XCTest

@testable import HTTPServe

final class RouterTests: XCTestCase {
    private func router() -> Router {
        var router = Router()
        router.get("/api/queues") { _ in .text("list") }
        router.get("/api/queues/:name") { _ in .text("one") }
        router.post("/api/queues/:name/pause") { _ in .text("paused") }
        router.get("/static/*") { _ in .text("file") }
        router.onLoop("GET", "/livez") { _ in .text("ok") }
        return router
    }

    private func parameters(_ method: String, _ path: String) -> [String: String]? {
        if case .found(_, let parameters) = router().match(method: method, path: path) { return parameters }
        return nil
    }

    private func failure(_ method: String, _ path: String) -> Response? {
        if case .failed(let response) = router().match(method: method, path: path) { return response }
        return nil
    }

    func testStaticAndParameterRoutesMatch() {
        XCTAssertEqual(parameters("GET", "/api/queues"), [:])
        XCTAssertEqual(parameters("GET", "/api/queues/social"), ["name": "social"])
        XCTAssertEqual(parameters("POST", "/api/queues/social/pause"), ["name": "social"])
        XCTAssertEqual(parameters("GET", "/livez"), [:])
    }

    func testRoutesListsEveryRegisteredPairOnceInOrder() {
        var router = router()
        router.get("/api/queues/:name") { _ in .text("replaced") }
        XCTAssertEqual(
            router.routes.map(\.description),
            [
                "GET /api/queues", "GET /api/queues/:name", "POST /api/queues/:name/pause", "GET /static/*",
                "GET /livez",
            ])
    }

    func testParametersArePercentDecoded() {
        XCTAssertEqual(parameters("GET", "/api/queues/a%20b%C3%A9"), ["name": "a bé"])
    }

    func testTrailingStarCapturesTheRest() {
        XCTAssertEqual(parameters("GET", "/static/css/site.css"), ["*": "css/site.css"])
        XCTAssertEqual(parameters("GET", "/static/"), ["*": ""])
    }

    func testUnknownPathIs404JSON() throws {
        let response = try XCTUnwrap(failure("GET", "/nope"))
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(
            String(decoding: response.body, as: UTF8.self),
            #"{"error":{"code":"not_found","message":"no route for GET /nope"}}"#)
    }

    func testWrongMethodIs405WithAllow() throws {
        let response = try XCTUnwrap(failure("DELETE", "/api/queues/x"))
        XCTAssertEqual(response.status, 405)
        XCTAssertEqual(response.headers["Allow"], "GET, HEAD")
        let onStatic = try XCTUnwrap(failure("PUT", "/api/queues"))
        XCTAssertEqual(onStatic.headers["Allow"], "GET, HEAD")
    }

    func testHeadFallsBackToGet() {
        XCTAssertEqual(parameters("HEAD", "/api/queues/x"), ["name": "x"])
        XCTAssertEqual(parameters("HEAD", "/livez"), [:])
    }

    func testEncodedTraversalIsRefusedNotRouted() throws {
        for path in [
            "/static/..%2f..%2fetc/passwd", "/static/%2e%2e/secret", "/static/../x", "/static/a%00b",
            "/static/a%5c..%5cb", "/static/%2E", "/api/queues/%zz", "/api/queues/%C3",
        ] {
            let response = try XCTUnwrap(failure("GET", path), path)
            XCTAssertEqual(response.status, 400, path)
        }
    }

    func testEmptyParameterDoesNotMatch() {
        XCTAssertNotNil(failure("GET", "/api/queues/"))
    }

    func testQueryParametersAreDecodedInOrder() throws {
        let query = try QueryParameters(parsing: "a=1&b=x+y&a=%2F&flag&c=")
        XCTAssertEqual(query["a"], "1")
        XCTAssertEqual(query.values(for: "a"), ["1", "/"])
        XCTAssertEqual(query["b"], "x y")
        XCTAssertEqual(query["flag"], "")
        XCTAssertEqual(query["c"], "")
        XCTAssertThrowsError(try QueryParameters(parsing: "a=%4"))
    }

    func testRequestSplitsAbsoluteFormTargets() {
        XCTAssertEqual(Request.split("http://h:1/a/b?c=d").path, "/a/b")
        XCTAssertEqual(String(Request.split("http://h:1/a/b?c=d").query), "c=d")
        XCTAssertEqual(Request.split("http://h").path, "/")
        XCTAssertEqual(Request.split("http://h?x=1").path, "/")
    }
}
