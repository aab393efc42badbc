import RedisClient

/// SCAN with MATCH over the whole keyspace, bounded: the keys matching a pattern.
enum RedisScan {
    /// Every key matching `pattern` (Redis glob), scanning at most about `maxKeysScanned` keys (COUNT 1000 per call).
    static func keys(_ client: RedisClient, matching pattern: String, maxKeysScanned: Int) async throws -> [String] {
        var cursor = "0"
        var keys: [String] = []
        var scanned = 0
        repeat {
            let reply = try await client.send(["SCAN", cursor, "MATCH", pattern, "COUNT", "1000"])
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string, let page = parts[1].array
            else {
                throw MonitoringError(
                    .collectionFailed, "SCAN on Redis \(client.configuration.address) gave an unexpected reply")
            }
            keys += page.compactMap(\.string)
            cursor = next
            scanned += 1000
        } while cursor != "0" && scanned < maxKeysScanned
        return keys
    }

    /// `text` with Redis glob metacharacters (`* ? [ ] \`) escaped, for SCAN MATCH.
    static func globEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "*?[]\\".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
