import QueueCore
import RedisClient

/// Opens a queue on Redis for one admin command and closes the client afterwards.
///
/// Failures become ``CommandFailure``s: a refused operation (job not found, wrong state, bad option) exits
/// 1 with the engine's message, an unreachable Redis exits 2, a bad URL exits 3.
enum QueueSession {
    static func run<T: Sendable>(
        _ options: CommonOptions, queue name: String, _ body: (Queue) async throws -> T
    ) async throws(CommandFailure) -> T {
        let client: RedisClient
        let queue: Queue
        do {
            client = RedisClient(
                configuration: try RedisConfiguration(
                    url: options.redisURL, connectTimeout: options.timeout, commandTimeout: options.timeout, poolSize: 1
                ))
            queue = try Queue(name: name, client: client, configuration: .init(prefix: options.prefix))
        } catch {
            throw CommandFailure("\(error) (fix --redis / REDIS_URL or the queue name)", exitCode: .unknown)
        }
        do {
            let result = try await body(queue)
            await client.close()
            return result
        } catch let error as QueueError {
            await client.close()
            throw CommandFailure("queue \(name): \(error)", exitCode: .warning)
        } catch let failure as CommandFailure {
            await client.close()
            throw failure
        } catch {
            await client.close()
            throw CommandFailure(
                "queue \(name) on Redis \(client.configuration.address): \(error) "
                    + "(start Redis with `make services-up`, or point --redis / REDIS_URL at it)",
                exitCode: .critical)
        }
    }
}
