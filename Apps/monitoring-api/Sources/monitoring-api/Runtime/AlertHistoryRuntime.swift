import Monitoring
import PostgresClient

/// The alert history of the process: a PostgreSQL store when `DATABASE_URL` is set, else memory, behind the
/// background writer that joins the alert fan-out.
struct AlertHistoryRuntime: Sendable {
    /// The sink the alert fan-out feeds; its store answers `/api/monitoring/alerts`.
    let sink: AlertHistorySink
    /// The history's own PostgreSQL client (closed on stop), nil with the memory store.
    let database: PostgresClient?
    let logger: StructuredLogger

    /// Builds the store and the writer (nothing connects yet: the table is created on first use).
    static func make(configuration: MonitoringConfiguration, logger: StructuredLogger) throws -> AlertHistoryRuntime {
        let settings = configuration.alertHistory
        let store: any AlertHistoryStore
        let database: PostgresClient?
        if let url = settings.databaseURL {
            let client = try PostgresClient(configuration: .init(url: url, poolSize: 2))
            store = PostgresAlertHistoryStore(database: client, retention: settings.retention)
            database = client
        } else {
            store = MemoryAlertHistoryStore(retention: settings.retention)
            database = nil
        }
        return AlertHistoryRuntime(
            sink: AlertHistorySink(store: store, logger: logger), database: database, logger: logger)
    }

    /// Logs which store serves the history (`alert_history.store`: `store`, `retentionDays`, `database`) and starts
    /// the writer. Called after `server.listening`, which stays the first line.
    func start() {
        var fields: [(String, StructuredLogger.Value)] = [
            ("store", .string(sink.store.kind)), ("retentionDays", .integer(Int64(sink.status.retentionDays))),
        ]
        if let database { fields.append(("database", .string(database.address))) }
        logger.log(.info, "alert_history.store", fields)
        sink.start()
    }

    /// Writes what it can of the buffer, stops the writer and closes the database.
    func stop() async {
        await sink.stop()
        database?.close()
    }
}
