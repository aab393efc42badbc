import Foundation
import Synchronization

/// Where tests find real servers: `REDIS_URL` / `DATABASE_URL` when set (as `make test` and CI set
/// them), else throwaway servers this test process starts once and stops when it exits.
///
/// There is no skip: a service that cannot be reached or started makes the calling test fail with a
/// message that says what to install or start. Blocking (it may start a server): call it from
/// `setUp` or test bodies, not from hot paths.
public enum TestServices {
    private static let sharedRedis = Mutex<ThrowawayRedis?>(nil)
    private static let sharedPostgres = Mutex<ThrowawayPostgres?>(nil)

    /// The Redis URL for tests: `REDIS_URL`, or a throwaway redis-server shared by this process.
    public static func redisURL() throws -> String {
        if let url = environment("REDIS_URL") { return url }
        return try sharedRedis.withLock { server in
            if let server { return server.url }
            let started = try ThrowawayRedis()
            server = started
            return started.url
        }
    }

    /// The PostgreSQL URL for tests: `DATABASE_URL`, or a throwaway cluster shared by this process.
    public static func postgresURL() throws -> String {
        if let url = environment("DATABASE_URL") { return url }
        return try sharedPostgres.withLock { server in
            if let server { return server.url }
            let started = try ThrowawayPostgres()
            server = started
            return started.url
        }
    }

    /// Creates a new, empty database on the test server and returns its URL, so each test case starts clean.
    public static func makeDatabase(prefix: String = "test") throws -> String {
        let serverURL = try postgresURL()
        let name = uniqueName(prefix).replacingOccurrences(of: "-", with: "_")
        guard let psql = Executables.find("psql") else {
            throw PrivateServicesError("psql is not installed: run `make deps` (apt-get install postgresql-client)")
        }
        try ChildProcess.run([
            psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", serverURL, "-c", "CREATE DATABASE \(name)",
        ])
        guard var components = URLComponents(string: serverURL) else {
            throw PrivateServicesError("DATABASE_URL is not a URL: use postgres://user@host:port/database")
        }
        components.path = "/\(name)"
        return components.string ?? serverURL
    }

    /// A name unique to this run, for keys, queues and databases: `<prefix>-<8 hex digits>`.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// True under CI (`CI=true`), where nothing may be skipped.
    public static var isCI: Bool { environment("CI") == "true" }

    private static func environment(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}
