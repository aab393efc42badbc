import Foundation
import XCTest

@testable import Monitoring

#if canImport(Glibc)
import Glibc
#endif

final class StructuredLoggerTests: XCTestCase {
    func testDefaultOutputWritesOneJsonLinePerCallToStandardError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stderr-\(UUID().uuidString)").path
        let file = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
        XCTAssertGreaterThanOrEqual(file, 0)
        let saved = dup(2)
        // Swap fd 2 for the file only around the logging, then put it back.
        dup2(file, 2)
        let logger = StructuredLogger(minimumLevel: .info)
        logger.log(.warning, "test.event", timeMs: 0, [("text", .string("tab\there \u{1}")), ("ok", .bool(true))])
        logger.log(.debug, "dropped")
        logger.flush()
        dup2(saved, 2)
        close(saved)
        close(file)
        defer { unlink(path) }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(
            text,
            #"{"time":"1970-01-01T00:00:00.000Z","level":"warning","event":"test.event","text":"tab\there \u0001","ok":true}"#
                + "\n")
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(text.utf8)))
    }
}
