import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL cluster on a free loopback port, in its own temporary directory, with trust
/// authentication for the `postgres` superuser. As root it runs as the `postgres` system user
/// (PostgreSQL refuses root), with its data and socket in a directory that user owns.
///
/// Blocking: `init` (initdb takes a few seconds), `start()`, `stopImmediate()` and `stop()` wait (bounded).
public final class ThrowawayPostgres: Sendable {
    /// The URL of the `postgres` database, e.g. `postgres://postgres@127.0.0.1:41235/postgres?sslmode=disable`.
    public let url: String
    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// The cluster's directory (data in `data/`, socket and log beside it; removed by `stop()`).
    public let directory: String
    private let tools: PostgresTools
    private let running = Mutex(false)

    /// Creates the cluster with initdb and starts it.
    public init() throws {
        tools = try PostgresTools()
        port = try Network.freePort()
        directory = try Directories.make("postgres")
        url = "postgres://postgres@127.0.0.1:\(port)/postgres?sslmode=disable"
        try tools.giveToServiceUser(directory)
        try tools.run([
            tools.path("initdb"), "-D", "\(directory)/data", "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--no-sync", "--locale=C",
        ])
        try start()
        ChildProcess.cleanUpAfterExit(
            tools.asServiceUser([tools.path("pg_ctl"), "stop", "-m", "immediate", "-D", "\(directory)/data"])
                .map { "'\($0)'" }.joined(separator: " ") + " >/dev/null 2>&1; rm -rf '\(directory)'")
    }

    deinit { stop() }

    /// Starts (or starts again) the server and waits until it accepts connections.
    public func start() throws {
        try tools.run([
            tools.path("pg_ctl"), "start", "-w", "-t", "60", "-D", "\(directory)/data", "-l",
            "\(directory)/postgres.log",
            "-o", "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
        ])
        running.withLock { $0 = true }
    }

    /// Stops the server the hard way (`pg_ctl stop -m immediate`): no checkpoint, crash recovery on start.
    public func stopImmediate() throws {
        try tools.run([tools.path("pg_ctl"), "stop", "-w", "-m", "immediate", "-D", "\(directory)/data"])
        running.withLock { $0 = false }
    }

    /// The postmaster's process id, read from `postmaster.pid` (nil when not running).
    public var postmasterPID: Int32? {
        guard let text = try? String(contentsOfFile: "\(directory)/data/postmaster.pid", encoding: .utf8) else {
            return nil
        }
        return text.split(separator: "\n").first.flatMap { Int32($0) }
    }

    /// Runs SQL as the superuser with `psql` (for test setup, e.g. CREATE DATABASE).
    public func psql(_ sql: String, database: String = "postgres") throws {
        guard let psql = Executables.find("psql") else {
            throw PrivateServicesError("psql is not installed: run `make deps` (apt-get install postgresql-client)")
        }
        try ChildProcess.run([
            psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres",
            "-d", database, "-c", sql,
        ])
    }

    /// Stops the server and removes its directory. Idempotent.
    public func stop() {
        let wasRunning = running.withLock { running in
            defer { running = false }
            return running
        }
        if wasRunning {
            _ = try? tools.run([tools.path("pg_ctl"), "stop", "-w", "-m", "immediate", "-D", "\(directory)/data"])
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Locates PostgreSQL's server programs and runs them as the right user.
struct PostgresTools: Sendable {
    private let binDirectory: String
    private let serviceUser: (uid: uid_t, gid: gid_t)?

    init() throws {
        guard let initdb = Executables.find("initdb") else {
            throw PrivateServicesError(
                "PostgreSQL server programs (initdb) are not installed: run `make deps` (apt-get install postgresql)")
        }
        binDirectory = (initdb as NSString).deletingLastPathComponent
        if getuid() == 0 {
            guard let entry = getpwnam("postgres") else {
                throw PrivateServicesError(
                    "running as root needs the `postgres` system user: apt-get install postgresql")
            }
            serviceUser = (entry.pointee.pw_uid, entry.pointee.pw_gid)
        } else {
            serviceUser = nil
        }
    }

    func path(_ program: String) -> String { "\(binDirectory)/\(program)" }

    /// The command line, wrapped in `runuser -u postgres --` when we are root.
    func asServiceUser(_ arguments: [String]) -> [String] {
        serviceUser == nil ? arguments : ["runuser", "-u", "postgres", "--"] + arguments
    }

    func run(_ arguments: [String]) throws {
        try ChildProcess.run(asServiceUser(arguments), timeout: .seconds(90))
    }

    /// Hands `directory` to the service user (a no-op unless root).
    func giveToServiceUser(_ directory: String) throws {
        guard let user = serviceUser else { return }
        guard chown(directory, user.uid, user.gid) == 0, chmod(directory, 0o700) == 0 else {
            throw PrivateServicesError(
                "cannot hand \(directory) to the postgres user: \(String(cString: strerror(errno)))")
        }
    }
}
