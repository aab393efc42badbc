import RedisClient

extension Worker {
    /// Readies a new blocking connection: names it the way Node BullMQ does and reads the server's version for
    /// the shortest marker wait. A server that refuses either (an ACL without `client` or `info`) costs only
    /// visibility or the 1 ms wait: reported as an error event, never fatal to the fetch loop.
    func prepareBlockingConnection(_ connection: RedisConnection) async throws -> Int64 {
        try await setClientName(connection, clientNames.node, "the blocking connection")
        var version: RedisServerVersion?
        do {
            version = try await RedisServerVersion.of(connection)
        } catch let error as RedisError where error.code == .server {
            report(.error("reading the Redis version for \(queueName) failed (marker waits stay >= 2 ms): \(error)"))
        }
        return Self.minimumBlockMilliseconds(serverVersion: version)
    }

    /// Keeps an idle connection named the way Python bullmq looks for workers, for as long as the worker runs.
    /// The name is set again every renewal period, so it comes back by itself after Redis restarts (the
    /// connection reconnects on the next command); connection failures are left to the fetch loop to report.
    func pythonVisibilityLoop() async {
        guard let name = clientNames.python else { return }
        let connection = client.makeDedicatedConnection()
        while !Task.isCancelled {
            try? await setClientName(connection, name, "the visibility connection")
            try? await Task.sleep(for: configuration.renewPeriod)
        }
        await connection.close()
    }

    /// `CLIENT SETNAME`; a refusal by the server is reported as an error event (BullMQ's tools then miss this
    /// connection), other failures are thrown.
    private func setClientName(_ connection: RedisConnection, _ name: String, _ what: String) async throws {
        do {
            try await connection.send(["CLIENT", "SETNAME", name])
        } catch let error as RedisError where error.code == .server {
            report(.error("naming \(what) of \(queueName) failed (BullMQ's tools miss it): \(error)"))
        }
    }

    /// The shortest marker wait this server handles: Redis before 7.0.8 blocks forever on a `BZPOPMIN`
    /// timeout below 2 ms (redis#11901), so there the minimum is 2 ms; 1 ms elsewhere.
    static func minimumBlockMilliseconds(serverVersion: RedisServerVersion?) -> Int64 {
        guard let version = serverVersion else { return 2 }
        return version >= RedisServerVersion(7, 0, 8) ? 1 : 2
    }
}
