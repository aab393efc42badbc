import RedisClient
import XCTest

final class RedisInfoTests: XCTestCase {
    func testInfoFieldsAreReadFromCrlfLinesAndSectionHeadersSkipped() {
        let fields = RedisInfo.fields("# Memory\r\nused_memory:939848\r\n\r\nmaxmemory_policy:noeviction\r\n")
        XCTAssertEqual(fields, ["used_memory": "939848", "maxmemory_policy": "noeviction"])
    }

    func testServerVersionsParseAndOrderByNumberNotText() throws {
        XCTAssertEqual(RedisServerVersion("7.0.8"), RedisServerVersion(7, 0, 8))
        XCTAssertEqual(RedisServerVersion("7.2"), RedisServerVersion(7, 2, 0))
        XCTAssertEqual(RedisServerVersion("6.2.0-rc1"), RedisServerVersion(6, 2, 0))
        XCTAssertLessThan(try XCTUnwrap(RedisServerVersion("7.0.7")), try XCTUnwrap(RedisServerVersion("7.0.10")))
        XCTAssertLessThan(try XCTUnwrap(RedisServerVersion("6.2.14")), RedisServerVersion(7, 0, 0))
        for bad in ["", "7", "7.x.1", "7.0.8.1", "-1.0.0", "7..1", "7-rc1.0", "unknown"] {
            XCTAssertNil(RedisServerVersion(bad), "'\(bad)' should not parse")
        }
    }

    func testTheVersionOfTheRealServerIsRead() async throws {
        let client = try await makeSharedClient(poolSize: 1)
        let version = try await client.withDedicatedConnection { try await RedisServerVersion.of($0) }
        await client.close()
        let read = try XCTUnwrap(version, "INFO server gave no redis_version")
        XCTAssertGreaterThanOrEqual(read, RedisServerVersion(6, 0, 0))
    }
}
