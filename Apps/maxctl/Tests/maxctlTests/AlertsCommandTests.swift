import CommandLineArguments
import Monitoring
import XCTest

@testable import maxctl

/// `maxctl alerts` arguments: the filters become the API's query, bad values are usage errors naming the flag.
final class AlertsCommandTests: XCTestCase {
    func testTheFiltersBecomeTheQueryWithTheInstantEscaped() throws {
        let plain = try AlertsCommand(arguments: [], environment: [:])
        XCTAssertEqual(plain.path, "/api/monitoring/alerts")
        XCTAssertFalse(plain.history)
        let filtered = try AlertsCommand(
            arguments: ["--history", "--since", "2025-11-20T01:56:57+01:00", "--state", "Resolved", "--queue", "mail"],
            environment: [:])
        XCTAssertTrue(filtered.history)
        XCTAssertEqual(
            filtered.path, "/api/monitoring/alerts?since=2025-11-20T01%3A56%3A57%2B01%3A00&state=resolved&queue=mail")
    }

    func testBadFlagsAreUsageErrorsNamingTheFlag() {
        let cases: [([String], String)] = [
            (["--since", "yesterday"], "--since must be a duration"),
            (["--state", "burning"], "--state must be one of inactive, pending, firing"),
            (["--queue", ""], "--queue needs a queue name"),
            (["mail"], "alerts takes no operands"),
        ]
        for (arguments, expected) in cases {
            XCTAssertThrowsError(try AlertsCommand(arguments: arguments, environment: [:]), "\(arguments)") { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
        }
    }
}
