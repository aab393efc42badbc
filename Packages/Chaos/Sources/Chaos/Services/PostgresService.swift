import Foundation
import PrivateServices

#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL cluster that can be stopped the hard way (`pg_ctl stop -m immediate`, or SIGKILL of
/// the postmaster) and started again; reuses PrivateServices' `ThrowawayPostgres`.
///
/// Blocking: every method runs pg_ctl or waits (bounded); call from `offPool` in async code.
final class PostgresService: Sendable {
    private let cluster: ThrowawayPostgres

    /// The superuser URL of the `postgres` database.
    var url: String { cluster.url }
    /// The postmaster's pid (nil when it is not running).
    var postmasterPID: Int32? { cluster.postmasterPID }

    /// Creates the cluster (initdb, a few seconds) and starts it.
    init() throws {
        cluster = try ThrowawayPostgres()
    }

    /// `pg_ctl stop -m immediate`: no checkpoint; the next start runs crash recovery.
    func stopImmediate() throws { try cluster.stopImmediate() }

    /// SIGKILLs the postmaster and waits (bounded) until its backends have gone, so a start can succeed.
    /// Returns the pid killed.
    @discardableResult
    func killPostmaster() throws -> Int32 {
        guard let pid = cluster.postmasterPID else {
            throw ChaosError(.setup, "postgres is not running: no postmaster.pid to kill")
        }
        guard kill(pid, SIGKILL) == 0 else {
            let reason = String(cString: strerror(errno))
            throw ChaosError(.signalFailed, "kill(\(pid), SIGKILL) for the postmaster failed: \(reason)")
        }
        let deadline = ContinuousClock.now.advanced(by: .seconds(20))
        while kill(pid, 0) == 0 && ContinuousClock.now < deadline { usleep(20_000) }
        guard kill(pid, 0) != 0 else {
            throw ChaosError(.signalFailed, "the postmaster (pid \(pid)) still runs 20 s after SIGKILL")
        }
        return pid
    }

    /// Starts the cluster again and waits until it accepts connections; retries while orphaned backends of a
    /// killed postmaster still hold its shared memory (they exit once they notice, within a few seconds).
    func start() throws {
        var lastError: Error?
        for _ in 0..<10 {
            do {
                try cluster.start()
                return
            } catch {
                lastError = error
                usleep(500_000)
            }
        }
        throw ChaosError(.notReady, "postgres did not start again: \(lastError.map { "\($0)" } ?? "")")
    }

    /// Creates a database and returns its URL.
    func makeDatabase(_ name: String) throws -> String {
        try cluster.psql("CREATE DATABASE \"\(name)\"")
        return url.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
    }

    /// Stops the cluster and removes its directory.
    func stop() { cluster.stop() }
}
