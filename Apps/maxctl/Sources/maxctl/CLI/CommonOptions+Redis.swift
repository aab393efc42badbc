import RedisClient

extension CommonOptions {
    /// A client of `--redis` with every wait bounded by `--timeout` (no connection until the first command).
    ///
    /// - Throws: ``CommandFailure`` (exit 3) when the URL is not a usable Redis URL, naming `--redis`.
    func redisClient(poolSize: Int = 1) throws(CommandFailure) -> RedisClient {
        do {
            return RedisClient(
                configuration: try RedisConfiguration(
                    url: redisURL, connectTimeout: timeout, commandTimeout: timeout, poolSize: poolSize))
        } catch {
            throw CommandFailure("\(error) (fix --redis / REDIS_URL)", exitCode: .unknown)
        }
    }
}
