import CommandLineArguments
import Foundation
import Monitoring
import PrivateServices
import XCTest

@testable import maxctl

/// `maxctl baseline`'s arguments and files, in memory and in a temporary directory.
final class BaselineCommandTests: XCTestCase {
    private func command(_ arguments: [String], _ environment: [String: String] = [:]) throws -> BaselineCommand {
        try BaselineCommand(arguments: arguments, environment: environment)
    }

    func testArgumentsAreReadWithTheirDefaultsAndBadOnesNamed() throws {
        let capture = try command(["capture"])
        XCTAssertEqual(capture.action, .capture)
        XCTAssertEqual(capture.duration, .seconds(60))
        XCTAssertEqual(capture.files.directory, ".run/baselines")
        XCTAssertNil(capture.databaseURL, "no database unless one is given")
        let compare = try command(
            ["compare", "--tolerance", "35%", "--duration", "2s"],
            ["DATABASE_URL": "postgres://h/db", "MAXCTL_BASELINE_DIR": "/tmp/b"])
        XCTAssertEqual(compare.tolerance, 35)
        XCTAssertEqual(compare.against, "latest")
        XCTAssertEqual(compare.databaseURL, "postgres://h/db")
        XCTAssertEqual(compare.files.directory, "/tmp/b")
        XCTAssertEqual(try BaselineCommand.percentage("20"), 20)
        let refusals: [([String], String)] = [
            (["capture", "--duration", "-1s"], "--duration must not be negative"),
            (["capture", "--duration", "0s"], "--duration must be more than 0"),
            (["capture", "--duration", "soon"], "--duration 'soon' is not a duration"),
            (["compare", "--tolerance", "0%"], "--tolerance '0%' must be a positive percentage"),
            (["compare", "--tolerance", "lots"], "--tolerance 'lots'"),
            (["capture", "--tolerance", "20%"], "--tolerance belongs to baseline compare"),
            (["compare", "--out", "x.json"], "--out belongs to baseline capture"),
            (["measure"], "capture or compare"),
            (["capture", "extra"], "takes no operands"),
        ]
        for (arguments, message) in refusals {
            XCTAssertThrowsError(try command(arguments), "\(arguments)") { error in
                XCTAssertTrue("\(error)".contains(message), "\(arguments): \(error)")
            }
        }
    }

    func testFilesAreWrittenWholeAndLatestIsTheNewestByName() throws {
        let directory = try Directories.make("baseline-files")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = BaselineFiles(directory: "\(directory)/nested")
        XCTAssertNil(files.latestPath())
        let source = BaselineDocument.Source(api: "http://127.0.0.1:5000", redis: "127.0.0.1:6379", prefix: "bull")
        let older = BaselineDocument(capturedAt: 1_764_000_000_000, durationMs: 1, source: source, figures: [:])
        let newer = BaselineDocument(capturedAt: 1_764_000_001_000, durationMs: 2, source: source, figures: [:])
        try files.write(newer, to: files.defaultPath(capturedAt: newer.capturedAt))
        try files.write(older, to: files.defaultPath(capturedAt: older.capturedAt))
        XCTAssertEqual(
            files.defaultPath(capturedAt: older.capturedAt), "\(directory)/nested/baseline-20251124T160000.000Z.json")
        let latest = try XCTUnwrap(files.latestPath())
        XCTAssertEqual(try files.read(latest), newer)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: "\(directory)/nested")
        XCTAssertEqual(leftovers.count, 2, "no temporary files left: \(leftovers)")
        XCTAssertThrowsError(try files.read("\(directory)/absent.json")) { error in
            XCTAssertEqual((error as? CommandFailure)?.exitCode, .unknown)
        }
    }
}
