import RedisClient

extension Worker {
    /// Readies a new blocking connection (opened with the Node BullMQ name, which every reconnect sets again):
    /// checks the name took and reads the server's version for the shortest marker wait. A server that refuses
    /// either (an ACL without `client` or `info`) costs only visibility or the 1 ms wait: reported as an error
    /// event, never fatal to the fetch loop.
    func prepareBlockingConnection(_ connection: RedisConnection) async throws -> Int64 {
        do {
            let name = try await connection.send(["CLIENT", "GETNAME"]).string
            if name != clientNames.node {
                report(.error("naming the blocking connection of \(queueName) failed (BullMQ's tools miss it)"))
            }
        } catch let error as RedisError where error.code == .server {
            report(.error("naming the blocking connection of \(queueName) failed (BullMQ's tools miss it): \(error)"))
        }
        var version: RedisServerVersion?
        do {
            version = try await RedisServerVersion.of(connection)
        } catch let error as RedisError where error.code == .server {
            report(.error("reading the Redis version for \(queueName) failed (marker waits stay >= 2 ms): \(error)"))
        }
        return Self.minimumBlockMilliseconds(serverVersion: version)
    }

    /// Keeps an idle connection under the name Python bullmq looks for, for as long as the worker runs: the
    /// connection sets its name on every (re)connect, and a `PING` every renewal period reconnects it after a
    /// drop or a Redis restart. Failures are left to the fetch loop to report.
    func pythonVisibilityLoop() async {
        guard let name = clientNames.python else { return }
        let connection = client.makeDedicatedConnection(name: name)
        while !Task.isCancelled {
            _ = try? await connection.send(["PING"])
            try? await Task.sleep(for: configuration.renewPeriod)
        }
        await connection.close()
    }

    /// The shortest marker wait this server handles: Redis before 7.0.8 blocks forever on a `BZPOPMIN`
    /// timeout below 2 ms (redis#11901), so there the minimum is 2 ms; 1 ms elsewhere.
    static func minimumBlockMilliseconds(serverVersion: RedisServerVersion?) -> Int64 {
        guard let version = serverVersion else { return 2 }
        return version >= RedisServerVersion(7, 0, 8) ? 1 : 2
    }
}
