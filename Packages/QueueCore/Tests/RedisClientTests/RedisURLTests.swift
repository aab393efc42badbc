import XCTest

@testable import RedisClient

final class RedisURLTests: XCTestCase {
    func testParsesEveryAcceptedFormIntoItsParts() throws {
        let table: [(String, RedisConfiguration.Endpoint, String?, String?, Int)] = [
            ("redis://localhost", .tcp(host: "localhost", port: 6379), nil, nil, 0),
            ("redis://10.0.0.5:6380", .tcp(host: "10.0.0.5", port: 6380), nil, nil, 0),
            ("redis://127.0.0.1:6379/3", .tcp(host: "127.0.0.1", port: 6379), nil, nil, 3),
            ("redis://127.0.0.1:6379/", .tcp(host: "127.0.0.1", port: 6379), nil, nil, 0),
            ("redis://:s3cret@host:1234/2", .tcp(host: "host", port: 1234), nil, "s3cret", 2),
            ("redis://alice:s3cret@host", .tcp(host: "host", port: 6379), "alice", "s3cret", 0),
            ("redis://onlypassword@host", .tcp(host: "host", port: 6379), nil, "onlypassword", 0),
            ("redis://u:p%40ss%3Aw%2Fd@host", .tcp(host: "host", port: 6379), "u", "p@ss:w/d", 0),
            ("redis://u:a@b@host:7000", .tcp(host: "host", port: 7000), "u", "a@b", 0),
            ("redis://[::1]:6390/1", .tcp(host: "::1", port: 6390), nil, nil, 1),
            ("redis://[::1]", .tcp(host: "::1", port: 6379), nil, nil, 0),
            ("redis://", .tcp(host: "127.0.0.1", port: 6379), nil, nil, 0),
            ("REDIS://Host:1", .tcp(host: "Host", port: 1), nil, nil, 0),
            ("unix:///run/redis.sock", .unix(path: "/run/redis.sock"), nil, nil, 0),
            ("unix:///tmp/r.sock?db=5", .unix(path: "/tmp/r.sock"), nil, nil, 5),
        ]
        for (url, endpoint, user, password, database) in table {
            let parsed = try RedisURL.parse(url)
            XCTAssertEqual(parsed.endpoint, endpoint, url)
            XCTAssertEqual(parsed.username, user, url)
            XCTAssertEqual(parsed.password, password, url)
            XCTAssertEqual(parsed.database, database, url)
        }
    }

    func testRefusesMalformedURLsWithAMessageThatSaysWhatToFix() {
        let table: [(String, String)] = [
            ("rediss://host:6380", "TLS"),
            ("http://host", "unsupported URL scheme"),
            ("localhost:6379", "not a Redis URL"),
            ("redis://host:port", "port"),
            ("redis://host:99999", "out of range"),
            ("redis://host:6379/abc", "database"),
            ("redis://host/-1", "database"),
            ("redis://[::1:6379", "unclosed"),
            ("redis://host?db=1", "query"),
            ("unix://relative.sock", "absolute path"),
            ("unix:///tmp/r.sock?timeout=1", "?db=N"),
            ("redis://u:%zz@host", "percent-encoding"),
        ]
        for (url, fragment) in table {
            XCTAssertThrowsError(try RedisConfiguration(url: url), url) { error in
                guard let error = error as? RedisError else { return XCTFail("not a RedisError: \(error)") }
                XCTAssertEqual(error.code, .invalidConfiguration, url)
                XCTAssertTrue(error.description.contains(fragment), "\(url): \(error)")
            }
        }
    }

    func testErrorsNeverContainThePassword() {
        for url in ["redis://user:hunter2@host:notaport", "redis://:hunter2@host/x", "hunter2@host"] {
            XCTAssertThrowsError(try RedisConfiguration(url: url)) { error in
                XCTAssertFalse("\(error)".contains("hunter2"), "\(url) leaked the password: \(error)")
            }
        }
    }

    func testValidationRejectsImpossibleSettings() {
        XCTAssertThrowsError(try RedisConfiguration(url: "redis://h", poolSize: 0))
        XCTAssertThrowsError(try RedisConfiguration(url: "redis://h", connectTimeout: .zero))
        XCTAssertThrowsError(try RedisConfiguration(url: "redis://h", commandTimeout: .milliseconds(-1)))
        var configuration = try? RedisConfiguration(url: "redis://h")
        configuration?.maxReconnectDelay = .milliseconds(1)
        XCTAssertThrowsError(try configuration?.validate())
    }

    func testAddressNamesHostAndPortOrSocketPath() throws {
        XCTAssertEqual(try RedisConfiguration(url: "redis://:pw@10.1.2.3:7000/4").address, "10.1.2.3:7000")
        XCTAssertEqual(try RedisConfiguration(url: "redis://[::1]:7000").address, "[::1]:7000")
        XCTAssertEqual(try RedisConfiguration(url: "unix:///tmp/r.sock").address, "unix:/tmp/r.sock")
    }
}
