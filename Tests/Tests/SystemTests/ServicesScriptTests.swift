import Foundation
import PrivateServices
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// `scripts/services.sh` (behind `make services-up`, `make run` and `make test`) run as a person would.
final class ServicesScriptTests: XCTestCase {
    func testStartingFromAFolderThePostgresUserCannotEnterPrintsNoErrors() throws {
        // Only root runs PostgreSQL's tools as the `postgres` user, the case where the caller's folder matters.
        guard getuid() == 0 else { throw XCTSkip("the script runs PostgreSQL as another user only as root") }
        // A checkout of its own holding just the script and the helpers it sources: its ports, data and .run/ are its own, so the
        // shared services of `make test` are never touched.
        let checkout = try Directories.make("services-script")
        defer { try? FileManager.default.removeItem(atPath: checkout) }
        let script = "\(checkout)/scripts/services.sh"
        try FileManager.default.createDirectory(atPath: "\(checkout)/scripts", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: SystemProcess.repositoryRoot.appendingPathComponent("scripts/services.sh").path, toPath: script)
        try FileManager.default.copyItem(  // what the script sources
            atPath: SystemProcess.repositoryRoot.appendingPathComponent("scripts/lib").path,
            toPath: "\(checkout)/scripts/lib")
        let locked = "\(checkout)/private"
        try FileManager.default.createDirectory(
            atPath: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])

        func services(_ verb: String) throws -> CommandResult {
            try CommandRunner.run(
                "/bin/bash", ["-c", "cd \"$0\" && exec \"$1\" \"$2\"", locked, script, verb], timeout: .seconds(120))
        }
        let up = try services("up")
        defer { _ = try? services("down") }
        XCTAssertEqual(up.status, 0, up.stderr)
        XCTAssertTrue(up.stdout.contains("postgres: postgres://postgres@127.0.0.1:"), up.stdout)
        XCTAssertEqual(up.stderr, "", "services.sh up printed errors")
        let down = try services("down")
        XCTAssertEqual(down.status, 0, down.stderr)
        XCTAssertEqual(down.stderr, "", "services.sh down printed errors")
    }
}
