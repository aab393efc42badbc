import PrivateServices
import XCTest

extension SystemProcess {
    /// Runs `bin/maxctl` against the shared test Redis (`--redis`; `REDIS_URL` and `QUEUE_PREFIX` of this
    /// environment removed, at most 60 s) and fails the calling test unless it exits with `status`.
    @discardableResult
    static func maxctlOnTestRedis(
        _ arguments: [String], expect status: Int32 = 0, file: StaticString = #filePath, line: UInt = #line
    ) throws -> CommandResult {
        let result = try CommandRunner.run(
            binary("maxctl"), arguments + ["--redis", try TestServices.redisURL()],
            removing: ["REDIS_URL", "QUEUE_PREFIX"], timeout: .seconds(60))
        XCTAssertEqual(
            result.status, status, "maxctl \(arguments.joined(separator: " ")): \(result.stderr)", file: file,
            line: line)
        return result
    }
}
