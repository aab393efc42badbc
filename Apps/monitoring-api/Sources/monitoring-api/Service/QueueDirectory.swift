import Monitoring
import QueueCore
import RedisClient

/// Queue handles for the job and admin routes, on a Redis client of their own (so a long `clean` never holds up
/// the monitor's collections).
///
/// A queue is known when the monitor collects it or its `<prefix>:<queue>:meta` key exists (every BullMQ queue that
/// ever had a job has one): unknown names answer 404 rather than creating keys.
struct QueueDirectory: Sendable {
    /// The bound on one admin command: a `clean` of many jobs is one script run.
    static let commandTimeout: Duration = .seconds(10)

    let client: RedisClient
    let prefix: String
    /// The queues the monitor collects now.
    let monitored: @Sendable () async -> [String]

    /// A directory over a client of `redisURL` (connected lazily, in the background).
    init(
        redisURL: String, prefix: String, connectTimeout: Duration, monitored: @escaping @Sendable () async -> [String]
    )
        throws
    {
        client = RedisClient(
            configuration: try RedisConfiguration(
                url: redisURL, connectTimeout: connectTimeout, commandTimeout: Self.commandTimeout, poolSize: 2))
        self.prefix = prefix
        self.monitored = monitored
    }

    /// The queue named `name`, or nil when it is not known.
    /// - Throws: `RedisError` when Redis cannot be asked.
    func queue(_ name: String) async throws -> Queue? {
        guard !name.isEmpty else { return nil }
        let known = await monitored().contains(name)
        if !known, try await client.send("EXISTS", QueueKeys(prefix: prefix, queue: name).meta).int != 1 { return nil }
        return try Queue(name: name, client: client, configuration: .init(prefix: prefix))
    }

    /// Closes the client.
    func close() async { await client.close() }
}
