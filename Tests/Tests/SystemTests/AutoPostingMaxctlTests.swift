import Foundation
import PrivateServices
import XCTest

/// `bin/maxctl posts schedule|show|list|cancel` against a running monitoring-api with workers and a token:
/// a post due now is published, a later one cancelled, errors name the field, a missing token is refused.
final class AutoPostingMaxctlTests: XCTestCase {
    private func maxctl(_ arguments: [String], api: String, token: String? = "fleet-token") throws -> CommandResult {
        try CommandRunner.run(
            SystemProcess.binary("maxctl"),
            arguments + ["--api", api, "--json"] + (token.map { ["--token", $0] } ?? []),
            removing: ["MAXCTL_API", "MAXCTL_TOKEN", "DATABASE_URL"], timeout: .seconds(30))
    }

    private func object(_ result: CommandResult) throws -> [String: Any] {
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
    }

    func testPostsScheduledShownListedAndCancelledThroughTheAPIWithTheToken() async throws {
        var environment = try AutoPostingEnvironment.make("mctl")
        environment["API_TOKEN"] = "fleet-token"
        let server = try await MonitoringServerProcess(environment: environment, arguments: ["--workers"])
        let api = server.baseURL

        let due = try object(
            maxctl(["posts", "schedule", "--user", "user-1", "--platform", "instagram", "--content", "now"], api: api))
        let dueID = try XCTUnwrap(due["id"] as? Int)
        let later = try object(
            maxctl(
                [
                    "posts", "schedule", "--user", "user-1", "--platform", "x", "--content", "later", "--at",
                    "2030-01-01T09:00:00+02:00",
                ], api: api))
        let laterID = try XCTUnwrap(later["id"] as? Int)

        _ = try await MonitoringPoll.until("the due post published") {
            let shown = try object(maxctl(["posts", "show", String(dueID)], api: api))
            return (shown["status"] as? String == "published", shown)
        }
        let cancelled = try object(maxctl(["posts", "cancel", String(laterID)], api: api))
        XCTAssertEqual(cancelled["status"] as? String, "cancelled")
        let published = try object(maxctl(["posts", "list", "--status", "published"], api: api))
        XCTAssertEqual((published["posts"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }, [dueID])

        let past = try maxctl(
            ["posts", "schedule", "--user", "u", "--platform", "x", "--content", "c", "--at", "2001-01-01T00:00:00Z"],
            api: api)
        XCTAssertEqual(past.status, 3)
        XCTAssertTrue(past.stderr.contains("scheduledAt"), past.stderr)
        let unknown = try maxctl(["posts", "show", "999999"], api: api)
        XCTAssertEqual(unknown.status, 3)
        XCTAssertTrue(unknown.stderr.contains("404"), unknown.stderr)
        let noToken = try maxctl(["posts", "list"], api: api, token: nil)
        XCTAssertEqual(noToken.status, 3)
        XCTAssertTrue(noToken.stderr.contains("--token"), noToken.stderr)
        XCTAssertEqual(try server.terminate(), 0)
    }
}
