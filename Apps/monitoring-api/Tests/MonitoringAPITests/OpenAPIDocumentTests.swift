import Foundation
import HTTPServe
import Monitoring
import XCTest

@testable import monitoring_api

/// The OpenAPI document against the router: every route described, every description a route; every reference
/// resolves; the bearer scheme appears only when tokens are configured.
final class OpenAPIDocumentTests: XCTestCase {
    /// The console UI's routes, described now and registered by the console UI's own change (`/assets/*` and the
    /// overview). Remove an entry once the router registers it.
    static let pendingConsoleRoutes: Set<String> = ["GET /assets/{}", "GET /api/console/overview"]

    /// `GET /api/queues/{}/jobs`: parameters of either syntax (`:name`, `{name}`, `*`) as `{}`.
    static func shape(_ method: String, _ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") || segment.hasPrefix("{") || segment == "*" ? "{}" : String(segment)
        }
        return method + " " + segments.joined(separator: "/")
    }

    /// Checks `document` against `router` (HEAD is the router's fallback to GET, not a route of its own).
    static func compare(
        _ document: OpenAPIDocument, _ router: Router, file: StaticString = #filePath, line: UInt = #line
    ) {
        let routed = Set(router.routes.map { shape($0.method, $0.pattern) })
        let described = Set(document.operations.map { shape($0.method, $0.path) })
        XCTAssertEqual(routed.subtracting(described), [], "routes without a description", file: file, line: line)
        XCTAssertEqual(
            described.subtracting(routed).subtracting(pendingConsoleRoutes), [], "descriptions without a route",
            file: file, line: line)
    }

    private func service() throws -> MonitoringService {
        MonitoringService(
            queues: QueueSource(snapshot: { MonitorSnapshot() }, history: { _ in nil }, ping: {}),
            models: try .init(configuration: .init()),
            telemetry: AIModelTelemetry(configuration: MonitoringConfiguration(), sink: RecordingAlertSink()),
            probeTimeout: .seconds(1))
    }

    func testTheDocumentDescribesExactlyTheRoutesTheRouterHas() throws {
        for access in [AccessPolicy.open, AccessPolicy(adminToken: "a", readToken: "r")] {
            let router = APIRoutes.router(service: try service(), access: access)
            Self.compare(OpenAPIDocument(access: access, posts: false), router)
        }
    }

    func testEveryReferenceResolvesAndEveryOperationIsDescribed() throws {
        let document = OpenAPIDocument(access: AccessPolicy(adminToken: "a", readToken: "r"), posts: true)
        let text = String(decoding: document.json, as: UTF8.self)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(object["openapi"] as? String, "3.1.0")
        let components = try XCTUnwrap(object["components"] as? [String: Any])
        let references = Set(
            text.components(separatedBy: "\"$ref\":\"#/components/").dropFirst().map { $0.prefix { $0 != "\"" } })
        for reference in references {
            let parts = reference.split(separator: "/").map(String.init)
            XCTAssertNotNil(
                (components[parts[0]] as? [String: Any])?[parts[1]], "#/components/\(reference) is not defined")
        }
        let paths = try XCTUnwrap(object["paths"] as? [String: [String: [String: Any]]])
        for (path, operations) in paths {
            let parameters = path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                String($0.dropFirst().dropLast())
            }
            for (method, operation) in operations {
                XCTAssertNotNil(operation["summary"], "\(method) \(path)")
                XCTAssertFalse((operation["responses"] as? [String: Any] ?? [:]).isEmpty, "\(method) \(path)")
                let declared = (operation["parameters"] as? [[String: Any]] ?? []).filter {
                    $0["in"] as? String == "path"
                }
                XCTAssertEqual(
                    declared.compactMap { $0["name"] as? String }.sorted(), parameters.sorted(), "\(method) \(path)")
            }
        }
        XCTAssertNotNil(object["security"], "tokens configured: bearer applies")
        let open = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(OpenAPIDocument(access: .open, posts: false).json))
                as? [String: Any])
        XCTAssertNil(open["security"], "no token configured: the API is open and says so")
    }
}
