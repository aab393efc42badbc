extension PostgresClient {
    /// The advisory lock key every migrator takes, so that concurrent processes apply each migration once.
    static let migrationLockKey = 0x5155_4555_434F_5245  // "QUEUCORE" in ASCII

    /// Applies the migrations not yet recorded in `schema_migrations`, in version order, each in its own
    /// transaction under `pg_advisory_xact_lock`; returns the versions this call applied.
    ///
    /// Safe to run from several processes at once: they take turns, and each migration runs once. A recorded
    /// version whose name differs from the list's throws `.migrationConflict`, as do duplicate or non-positive
    /// versions. A failing migration rolls back alone; the ones before it stay applied. Each statement is bound
    /// by `statementTimeout`.
    @discardableResult
    public func migrate(_ migrations: [Migration]) async throws(PostgresError) -> [Int] {
        let ordered = migrations.sorted { $0.version < $1.version }
        for (previous, next) in zip(ordered, ordered.dropFirst()) where previous.version == next.version {
            throw PostgresError(
                .migrationConflict, "version \(next.version) appears twice in the migration list",
                operation: "migrate", server: settings.server)
        }
        if let first = ordered.first, first.version < 1 {
            throw PostgresError(
                .migrationConflict, "migration versions must be positive, got \(first.version)",
                operation: "migrate", server: settings.server)
        }
        var applied: [Int] = []
        for migration in ordered where try await apply(migration) {
            applied.append(migration.version)
        }
        return applied
    }

    private func apply(_ migration: Migration) async throws(PostgresError) -> Bool {
        let operation = "migration \(migration.version) (\(migration.name))"
        do {
            return try await withTransaction { transaction in
                try await transaction.execute("SELECT pg_advisory_xact_lock($1)", [.int(Self.migrationLockKey)])
                try await transaction.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, name text NOT NULL,"
                        + " applied_at timestamptz NOT NULL DEFAULT now())")
                let recorded = try await transaction.query(
                    "SELECT name FROM schema_migrations WHERE version = $1", [.int(migration.version)])
                if let row = recorded.first {
                    let name = try row.decode(String.self, "name")
                    guard name == migration.name else {
                        throw PostgresError(
                            .migrationConflict,
                            "version \(migration.version) is recorded as \"\(name)\", not \"\(migration.name)\"; "
                                + "never renumber or rename an applied migration, add a new one",
                            operation: operation, server: settings.server)
                    }
                    return false
                }
                try await transaction.executeScript(migration.sql, operation: operation)
                try await transaction.execute(
                    "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                    [.int(migration.version), .string(migration.name)])
                return true
            }
        } catch let error as PostgresError {
            throw error
        } catch {
            throw PostgresError(.server, "\(error)", operation: operation, server: settings.server)
        }
    }
}
