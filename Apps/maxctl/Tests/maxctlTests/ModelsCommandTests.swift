import Foundation
import PrivateServices
import XCTest

/// `maxctl models seed` and `maxctl posts suggest-time` as processes against a real PostgreSQL database.
final class ModelsCommandTests: XCTestCase {
    private func json(_ result: CommandResult) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stderr)
    }

    func testSeededUsersBestHourIsWhatSuggestTimeAnswers() throws {
        let database = try TestServices.makeDatabase()
        let seeded = try MaxctlProcess.run(
            ["models", "seed", "--users", "3", "--size-kb", "4", "--json"],
            environment: ["DATABASE_URL": database])
        XCTAssertEqual(seeded.status, 0, seeded.stderr)
        let report = try json(seeded)
        XCTAssertEqual(report["users"] as? Int, 3)
        let bestHours = try XCTUnwrap(report["bestHours"] as? [String: String])
        XCTAssertEqual(Set(bestHours.keys), ["user-1", "user-2", "user-3"])

        let suggested = try MaxctlProcess.run([
            "posts", "suggest-time", "--user", "user-2", "--database", database, "--json",
        ])
        XCTAssertEqual(suggested.status, 0, suggested.stderr)
        let suggestion = try json(suggested)
        XCTAssertEqual(suggestion["label"] as? String, bestHours["user-2"])
        XCTAssertEqual(suggestion["trained"] as? Bool, true)

        let unknown = try MaxctlProcess.run(["posts", "suggest-time", "--user", "nobody", "--database", database])
        XCTAssertEqual(unknown.status, 0, unknown.stderr)
        XCTAssertTrue(unknown.stdout.contains("no model stored"), unknown.stdout)
    }

    func testBadArgumentsAndAnUnreachableDatabaseExitThreeNamingTheProblem() throws {
        let cases: [([String], String)] = [
            (["models", "seed"], "--users"), (["models", "seed", "--users", "0"], "--users"),
            (["models", "seed", "--users", "2", "--size-kb", "x"], "--size-kb"), (["models"], "seed"),
            (["posts", "suggest-time"], "--user"), (["posts"], "subcommand"), (["posts", "show"], "post id"),
            (["posts", "schedule", "--user", "u"], "--platform"),
            (["models", "seed", "--users", "1", "--database", "postgres://127.0.0.1:1/none"], "DATABASE_URL"),
        ]
        for (arguments, expected) in cases {
            let result = try MaxctlProcess.run(arguments)
            XCTAssertEqual(result.status, 3, "\(arguments)")
            XCTAssertTrue(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
        }
        for command in ["posts", "models"] {
            let help = try MaxctlProcess.run([command, "--help"])
            XCTAssertEqual(help.status, 0)
            XCTAssertTrue(help.stdout.contains("USAGE: maxctl \(command)"), help.stdout)
        }
    }
}
