import Monitoring
import PostgresClient

/// The audit log of the process: a PostgreSQL store when `DATABASE_URL` is set, else memory, behind the background
/// writer (the same rule as the alert history's).
struct AuditRuntime: Sendable {
    /// The log the admin routes record into and `/api/audit` reads.
    let log: AuditLog
    /// The log's own PostgreSQL client (closed on stop), nil with the memory store.
    let database: PostgresClient?
    let logger: StructuredLogger

    /// Builds the store and the writer (nothing connects yet: the table is created on first use).
    static func make(configuration: MonitoringConfiguration, logger: StructuredLogger) throws -> AuditRuntime {
        let settings = configuration.audit
        guard let url = settings.databaseURL else {
            return AuditRuntime(
                log: AuditLog(store: MemoryAuditStore(retention: settings.retention), logger: logger), database: nil,
                logger: logger)
        }
        let client = try PostgresClient(configuration: .init(url: url, poolSize: 1))
        return AuditRuntime(
            log: AuditLog(store: PostgresAuditStore(database: client, retention: settings.retention), logger: logger),
            database: client, logger: logger)
    }

    /// Logs which store keeps the audit log (`audit.store`: `store`, `retentionDays`, `database`) and starts the
    /// writer. Called after `server.listening`, which stays the first line.
    func start() {
        var fields: [(String, StructuredLogger.Value)] = [
            ("store", .string(log.store.kind)), ("retentionDays", .integer(Int64(log.status.retentionDays))),
        ]
        if let database { fields.append(("database", .string(database.address))) }
        logger.log(.info, "audit.store", fields)
        log.start()
    }

    /// Writes what it can of the buffer, stops the writer and closes the database.
    func stop() async {
        await log.stop()
        database?.close()
    }
}
