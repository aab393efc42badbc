import HTTPServe
import Monitoring
import QueueCore
import XCTest

@testable import monitoring_api

/// The access matrix over real Redis and PostgreSQL: no token, a wrong one, the read token and the admin token on a
/// read and on a write; every write, refused or not, leaves one audit row.
final class ConsoleAccessTests: XCTestCase {
    func testReadsNeedEitherTokenWritesTheAdminTokenAndEveryWriteIsAudited() async throws {
        let fixture = try await ConsoleRouteFixture()
        let queue = try fixture.queue("mail")
        _ = try await queue.add("welcome", json: "{}")
        let cases: [(String, String?, Int, Int)] = [
            ("none", nil, 401, 401), ("wrong", "not-a-token", 401, 401),
            ("read", ConsoleRouteFixture.readToken, 200, 403), ("admin", ConsoleRouteFixture.adminToken, 200, 200),
        ]
        for (name, token, read, write) in cases {
            let whoami = try await fixture.call("GET", "/api/console/whoami", token: token)
            XCTAssertEqual(whoami.status, read, name)
            if read == 401 {
                XCTAssertEqual(fixture.errorCode(whoami), "unauthorized", name)
                XCTAssertEqual(whoami.headers["WWW-Authenticate"], "Bearer", name)
            } else {
                XCTAssertEqual(try fixture.object(whoami)["role"] as? String, name, name)
            }
            let pause = try await fixture.call("POST", "/api/queues/mail/pause", token: token)
            XCTAssertEqual(pause.status, write, "\(name): \(pause.text)")
            if write == 403 { XCTAssertEqual(fixture.errorCode(pause), "forbidden", name) }
        }
        let paused = try await queue.isPaused()
        XCTAssertTrue(paused, "the admin token paused the queue")
        for open in ["/livez", "/openapi.json", "/"] {
            let response = try await fixture.call("GET", open, token: nil)
            XCTAssertEqual(response.status, 200, "\(open) needs no token")
        }
        let rows = try await fixture.auditRows(count: 4)
        XCTAssertEqual(rows.count, 4, "one row per write, reads are not audited: \(rows)")
        XCTAssertEqual(rows.map(\.status), [200, 403, 401, 401])
        XCTAssertEqual(rows.map(\.role), ["admin", "read", "none", "none"])
        XCTAssertEqual(rows.map(\.result), ["ok", "forbidden", "unauthorized", "unauthorized"])
        XCTAssertEqual(Set(rows.map(\.target)), ["mail"])
        XCTAssertEqual(Set(rows.map(\.route)), ["/api/queues/:queueName/pause"])
        let audit = try await fixture.call("GET", "/api/audit?since=1h&limit=2", token: ConsoleRouteFixture.readToken)
        XCTAssertEqual(audit.status, 200, audit.text)
        let entries = try XCTUnwrap(try fixture.object(audit)["entries"] as? [[String: Any]])
        XCTAssertEqual(entries.map { $0["status"] as? Int }, [200, 403], "newest first, limited")
        await fixture.shutdown()
    }

    func testWithNoTokenConfiguredTheAPIIsOpenAdminActionsIncluded() async throws {
        let fixture = try await ConsoleRouteFixture(access: .open)
        _ = try await fixture.queue("open").add("x", json: "{}")
        let whoami = try await fixture.call("GET", "/api/console/whoami", token: nil)
        XCTAssertEqual(try fixture.object(whoami)["role"] as? String, "open")
        let pause = try await fixture.call("POST", "/api/queues/open/pause", token: nil)
        XCTAssertEqual(pause.status, 200, pause.text)
        let rows = try await fixture.auditRows(count: 1)
        XCTAssertEqual(rows.map(\.role), ["open"])
        await fixture.shutdown()
    }

    func testBadAuditParametersAre400s() async throws {
        let fixture = try await ConsoleRouteFixture()
        for query in ["since=yesterday", "limit=0", "limit=10001", "limit=abc"] {
            let response = try await fixture.call("GET", "/api/audit?" + query)
            XCTAssertEqual(response.status, 400, query)
            XCTAssertEqual(fixture.errorCode(response), "invalid_parameter", query)
        }
        await fixture.shutdown()
    }
}
