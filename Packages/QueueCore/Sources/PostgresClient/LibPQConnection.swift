internal import CLibPQ
import Essentials
import Glibc

/// One libpq connection (`PGconn`), the only owner of its handle, which it frees in `deinit`.
///
/// Not thread-safe and blocking: it is used only on its pool slot's `ConnectionThread`. Statements go out with
/// `PQsendQueryParams` in non-blocking mode and every wait is a `poll` with a deadline, so a dead network can
/// not hang the thread past the statement timeout plus the grace period.
final class LibPQConnection {
    private let handle: OpaquePointer
    private let server: ServerName
    /// Set once the connection is known to be dead or out of sync; the slot then drops it.
    private(set) var isBroken = false

    private init(handle: OpaquePointer, server: ServerName) {
        self.handle = handle
        self.server = server
    }

    deinit { PQfinish(handle) }

    /// Connects within `timeout` and prepares the session (UTC, ISO dates, hex bytea, `statement_timeout`).
    static func connect(
        conninfo: String, server: ServerName, timeout: Duration, statementTimeout: Duration
    ) throws(PostgresError) -> LibPQConnection {
        let deadline = ContinuousClock.now + timeout
        // expand_dbname=1: libpq parses the first "dbname" value as the whole URL or key=value string; the
        // later keywords override it, so the client always talks UTF-8.
        let keywords = ["dbname", "client_encoding", "fallback_application_name"]
        let values = [conninfo, "UTF8", "QueueCore"]
        let started = withCStringArray(keywords) { keys in
            withCStringArray(values) { vals in PQconnectStartParams(keys, vals, 1) }
        }
        guard let started else {
            throw PostgresError(
                .connectionFailed, "libpq could not allocate a connection", operation: "connect",
                server: server)
        }
        let connection = LibPQConnection(handle: started, server: server)
        // libpq prints notices (CREATE TABLE IF NOT EXISTS, shutdown warnings) to stderr by default; a library
        // must not write to the host's stderr, and the statement outcome already says what matters.
        PQsetNoticeProcessor(started, { _, _ in }, nil)
        try connection.finishConnecting(deadline: deadline, timeout: timeout)
        guard PQsetnonblocking(started, 1) == 0 else { throw connection.failure(.connectionFailed, "connect") }
        let settings =
            "SELECT set_config('statement_timeout', $1, false), set_config('TimeZone', 'UTC', false),"
            + " set_config('DateStyle', 'ISO, MDY', false), set_config('bytea_output', 'hex', false),"
            + " set_config('extra_float_digits', '3', false)"
        let milliseconds = PostgresValue.string(String(statementTimeout.wholeMillisecondsRoundedUp))
        _ = try connection.execute(
            settings, [milliseconds], operation: "connect (session settings)",
            deadline: ContinuousClock.now + statementTimeout + PostgresClient.Configuration.clientGrace)
        return connection
    }

    private func finishConnecting(deadline: ContinuousClock.Instant, timeout: Duration) throws(PostgresError) {
        // libpq ignores connect_timeout under PQconnectPoll; the deadline here is the bound instead.
        var status = PGRES_POLLING_WRITING
        while true {
            switch status {
            case PGRES_POLLING_OK:
                return
            case PGRES_POLLING_READING, PGRES_POLLING_WRITING:
                let events = Int16(status == PGRES_POLLING_READING ? POLLIN : POLLOUT)
                guard waitForSocket(events: events, deadline: deadline) else {
                    throw PostgresError(
                        .timeout,
                        "no connection within \(timeout); check that the server is up and reachable from here",
                        operation: "connect", server: server)
                }
            default:
                throw failure(.connectionFailed, "connect")
            }
            status = PQconnectPoll(handle)
        }
    }

    /// Whether this idle connection can take a statement: open, outside a transaction, and with nothing
    /// unsolicited waiting on its socket (after a server restart that is the goodbye message and EOF).
    var isUsableWhileIdle: Bool {
        guard !isBroken, PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) == PQTRANS_IDLE else {
            return false
        }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        // An idle connection we never LISTEN on has nothing to say; anything readable means it is going away,
        // and a fresh connection is cheaper than a statement that fails.
        return poll(&descriptor, 1, 0) == 0
    }

    /// Whether a statement failed inside the open transaction, so that only a rollback is possible.
    var hasFailedTransaction: Bool { PQtransactionStatus(handle) == PQTRANS_INERROR }

    /// Runs one parameterised statement and copies its result into Swift values.
    func execute(
        _ sql: String, _ parameters: [PostgresValue?], operation: String, deadline: ContinuousClock.Instant
    ) throws(PostgresError) -> PostgresRows {
        guard parameters.count <= 65535 else {
            throw PostgresError(
                .invalidParameter, "\(parameters.count) parameters given; the protocol allows at most 65535",
                operation: operation, server: server)
        }
        let encoded = parameters.map { $0?.encoded }
        for (index, parameter) in encoded.enumerated() where parameter?.text.utf8.contains(0) == true {
            throw PostgresError(
                .invalidParameter,
                "parameter $\(index + 1) contains a NUL byte, which PostgreSQL text cannot hold; send it as bytes",
                operation: operation, server: server)
        }
        let types = encoded.map { $0?.type ?? 0 }
        let sent = withCStringArray(encoded.map { $0?.text }) { values in
            PQsendQueryParams(handle, sql, Int32(encoded.count), types, values, nil, nil, 0)
        }
        guard sent == 1 else { throw failure(.connectionLost, operation) }
        return try collectResult(operation: operation, deadline: deadline)
    }

    /// Runs a script of one or more statements without parameters (simple query protocol); for migrations,
    /// whose SQL is fixed text in the program, never built from values.
    func executeScript(_ sql: String, operation: String, deadline: ContinuousClock.Instant) throws(PostgresError) {
        guard PQsendQuery(handle, sql) == 1 else { throw failure(.connectionLost, operation) }
        _ = try collectResult(operation: operation, deadline: deadline)
    }

    private func collectResult(operation: String, deadline: ContinuousClock.Instant) throws(PostgresError)
        -> PostgresRows
    {
        try flush(operation: operation, deadline: deadline)
        var outcome = PostgresRows(columns: [], values: [], affectedRows: 0)
        var firstError: PostgresError?
        while true {
            while PQisBusy(handle) == 1 {
                guard waitForSocket(events: Int16(POLLIN), deadline: deadline) else { throw timedOut(operation) }
                guard PQconsumeInput(handle) == 1 else { throw failure(.connectionLost, operation) }
            }
            guard let result = PQgetResult(handle) else { break }
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
                outcome = Self.copy(result)
            case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
                isBroken = true
                firstError =
                    firstError
                    ?? PostgresError(
                        .invalidParameter,
                        "COPY is not supported by this client", operation: operation, server: server)
            default:
                firstError = firstError ?? serverError(result, operation: operation)
            }
        }
        if let firstError { throw firstError }
        return outcome
    }

    private func flush(operation: String, deadline: ContinuousClock.Instant) throws(PostgresError) {
        while true {
            switch PQflush(handle) {
            case 0: return
            case 1:
                guard waitForSocket(events: Int16(POLLIN | POLLOUT), deadline: deadline) else {
                    throw timedOut(operation)
                }
                // The server may be answering while we still send; reading keeps it from stalling.
                guard PQconsumeInput(handle) == 1 else { throw failure(.connectionLost, operation) }
            default: throw failure(.connectionLost, operation)
            }
        }
    }

    private static func copy(_ result: OpaquePointer) -> PostgresRows {
        let columnCount = PQnfields(result)
        let columns = (0..<columnCount).map { index in
            PostgresColumn(
                name: String(cString: PQfname(result, index)),
                type: PostgresDataType(oid: PQftype(result, index)))
        }
        let rows = (0..<PQntuples(result)).map { row in
            (0..<columnCount).map { column -> [UInt8]? in
                guard PQgetisnull(result, row, column) == 0 else { return nil }
                let length = Int(PQgetlength(result, row, column))
                return PQgetvalue(result, row, column).withMemoryRebound(to: UInt8.self, capacity: length) {
                    Array(UnsafeBufferPointer(start: $0, count: length))
                }
            }
        }
        return PostgresRows(
            columns: columns, values: rows, affectedRows: Int(String(cString: PQcmdTuples(result))) ?? 0)
    }

    private func serverError(_ result: OpaquePointer, operation: String) -> PostgresError {
        func field(_ code: UInt8) -> String? {
            PQresultErrorField(result, Int32(code)).map { String(cString: $0) }
        }
        let lost = PQstatus(handle) == CONNECTION_BAD
        if lost { isBroken = true }
        let message = field(UInt8(ascii: "M")) ?? connectionMessage()
        return PostgresError(
            lost ? .connectionLost : .server,
            lost ? "the connection was lost (\(message)); a new one is made on next use, retry if safe" : message,
            operation: operation, server: server, sqlState: field(UInt8(ascii: "C")),
            detail: field(UInt8(ascii: "D")), hint: field(UInt8(ascii: "H")))
    }

    /// The error for a failed libpq call, from `PQerrorMessage`; marks the connection broken.
    private func failure(_ code: PostgresError.Code, _ operation: String) -> PostgresError {
        isBroken = true
        let message = connectionMessage()
        if code == .connectionLost {
            return PostgresError(
                .connectionLost,
                "the connection was lost (\(message)); a new one is made on next use, retry if safe",
                operation: operation, server: server)
        }
        return PostgresError(
            code, message + "; check the address, credentials and that the server is up",
            operation: operation, server: server)
    }

    private func timedOut(_ operation: String) -> PostgresError {
        // The server cancels at statement_timeout; silence past the grace period means the connection is dead.
        isBroken = true
        return PostgresError(
            .timeout,
            "no answer within the statement timeout plus grace; the connection is dropped, retry if safe",
            operation: operation, server: server)
    }

    private func connectionMessage() -> String {
        // libpq messages span lines with tabs; one line reads better in logs. They never contain the password.
        let raw = String(cString: PQerrorMessage(handle))
        let words = raw.split(whereSeparator: { $0 == "\n" || $0 == "\t" || $0 == " " })
        return words.isEmpty ? "unknown libpq error" : words.joined(separator: " ")
    }

    /// Polls the socket for `events` until `deadline`; false on timeout. EINTR restarts the wait; other poll
    /// errors return true so that libpq's next call reports the real problem.
    private func waitForSocket(events: Int16, deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return false }
            var descriptor = pollfd(fd: PQsocket(handle), events: events, revents: 0)
            let timeout = Int32(clamping: remaining.wholeMillisecondsRoundedUp)
            let ready = poll(&descriptor, 1, timeout)
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }
        }
    }
}

/// Calls `body` with a C array of C strings (NULL entries for nil) that lives for the duration of the call.
private func withCStringArray<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { $0.map { strdup($0) } ?? nil }
    defer { copies.forEach { free($0) } }
    return body(copies.map { $0.map { UnsafePointer($0) } } + [nil])
}
