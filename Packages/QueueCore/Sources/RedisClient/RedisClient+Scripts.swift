extension RedisClient {
    /// Runs `script` with `EVALSHA`; when the server does not have it (`NOSCRIPT`, after a restart or
    /// `SCRIPT FLUSH`), loads it with `SCRIPT LOAD` and runs it again, in one extra round trip.
    /// - Throws: `RedisError`; a Lua error throws with code `.server`.
    public func eval(_ script: RedisScript, keys: [String], arguments: [String]) async throws -> RedisValue {
        let results = try await evalPipeline([(script, keys: keys, arguments: arguments)])
        return try results[0].get()
    }

    /// Runs several scripts in one round trip on one connection, replies in order. Scripts this client
    /// has not loaded yet are loaded in the same write first; calls that still meet `NOSCRIPT` (the
    /// server's cache was flushed meanwhile) are retried after reloading, so they run after the others.
    public func evalPipeline(
        _ calls: [(RedisScript, keys: [String], arguments: [String])]
    ) async throws -> [Result<RedisValue, RedisError>] {
        guard !calls.isEmpty else { return [] }
        let known = loadedScripts.withLock { $0 }
        var toLoad: [RedisScript] = []
        for (script, _, _) in calls where !known.contains(script.sha1) && !toLoad.contains(script) {
            toLoad.append(script)
        }
        var commands = toLoad.map { ["SCRIPT", "LOAD", $0.source] }
        commands += calls.map { Self.evalshaCommand($0.0, keys: $0.keys, arguments: $0.arguments) }
        let replies = try await pipeline(commands)
        if !toLoad.isEmpty {
            let loaded = zip(toLoad, replies).compactMap { script, reply in
                (try? reply.get()) != nil ? script.sha1 : nil
            }
            loadedScripts.withLock { $0.formUnion(loaded) }
        }
        var results = Array(replies.dropFirst(toLoad.count)).enumerated().map { index, result in
            result.mapError { error in Self.named(error, calls[index].0) }
        }
        let missing = results.indices.filter {
            if case .failure(let error) = results[$0] { error.serverErrorPrefix == "NOSCRIPT" } else { false }
        }
        guard !missing.isEmpty else { return results }
        var reload: [RedisScript] = []
        for index in missing where !reload.contains(calls[index].0) { reload.append(calls[index].0) }
        loadedScripts.withLock { known in reload.forEach { known.remove($0.sha1) } }
        let retry = try await pipeline(
            reload.map { ["SCRIPT", "LOAD", $0.source] }
                + missing.map { Self.evalshaCommand(calls[$0].0, keys: calls[$0].keys, arguments: calls[$0].arguments) }
        )
        for (offset, index) in missing.enumerated() {
            results[index] = retry[reload.count + offset].mapError { Self.named($0, calls[index].0) }
        }
        for (script, reply) in zip(reload, retry) {
            if case .failure(let error) = reply { throw Self.named(error, script) }
        }
        loadedScripts.withLock { known in reload.forEach { known.insert($0.sha1) } }
        return results
    }

    private static func evalshaCommand(_ script: RedisScript, keys: [String], arguments: [String]) -> [String] {
        ["EVALSHA", script.sha1, String(keys.count)] + keys + arguments
    }

    /// Names the script in the error's command (`EVALSHA moveToActive`).
    private static func named(_ error: RedisError, _ script: RedisScript) -> RedisError {
        var error = error
        error.command = "EVALSHA \(script.name)"
        return error
    }
}
