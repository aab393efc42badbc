extension ModelCache {
    /// The model for `key`: the cached one (a hit: no actor hop, no allocation), or the result of `load`.
    ///
    /// Single flight: while a load for `key` runs, every further request for `key` waits for that same
    /// load instead of starting another. The load runs in its own task, so a cancelled caller does not
    /// cancel it for the others (the caller still waits for its result). A failed load (or one past
    /// ``Configuration/loadTimeout``) throws to every waiter and is not cached; the next request loads
    /// again. A load detached by ``evict(_:)`` or ``evictAll()`` still answers its waiters but is not
    /// cached, so an evicted entry is never resurrected by a load that started before the eviction.
    ///
    /// - Parameter load: called at most once per load, in a new task; should honour cancellation (it is
    ///   cancelled when the load timeout fires).
    /// - Throws: the loader's error unchanged, or ``ModelCacheError/Code/loadTimedOut``.
    public func model(for key: Key, load: @escaping @Sendable (Key) async throws -> Model) async throws -> Model {
        let hash = key.hashValue
        let now = clock.now()
        var expired: LRUTable<Key, Model>.Removed?
        let step = state.withLock { state -> LoadStep in
            switch state.table.lookup(key, hash: hash, now: now) {
            case .hit(let model):
                state.statistics.hits += 1
                return .hit(model)
            case .expired(let removed):
                expired = removed
                state.statistics.recordEviction(.timeout)
            case .miss: break
            }
            state.statistics.misses += 1
            if let running = state.inFlight[key] { return .wait(running.task) }
            let id = state.nextLoadID
            state.nextLoadID += 1
            // Created under the lock so the entry exists before any other request can look; the task's
            // completion takes the lock, so it cannot finish before the entry is registered.
            let task = Task { try await self.runLoad(key: key, hash: hash, id: id, load: load) }
            state.inFlight[key] = InFlightLoad(id: id, task: task)
            return .wait(task)
        }
        if let expired { publish(CollectionOfOne(expired)) }
        switch step {
        case .hit(let model): return model
        case .wait(let task): return try await task.value
        }
    }

    private enum LoadStep {
        case hit(Model)
        case wait(Task<Model, any Error>)
    }

    /// The body of one shared load: runs `load` (with the timeout), records the statistics and caches the
    /// model unless the load was detached by an eviction meanwhile.
    private func runLoad(
        key: Key, hash: Int, id: UInt64, load: @escaping @Sendable (Key) async throws -> Model
    ) async throws -> Model {
        let start = clock.now()
        let result: Result<Model, any Error>
        do {
            result = .success(try await loadWithTimeout(key: key, load: load))
        } catch {
            result = .failure(error)
        }
        let end = clock.now()
        let bytes = (try? result.get()).map { max($0.estimatedBytes, 0) } ?? 0
        var removed: [LRUTable<Key, Model>.Removed] = []
        state.withLock { state in
            let succeeded: Bool
            if case .success = result { succeeded = true } else { succeeded = false }
            state.statistics.recordLoad(succeeded: succeeded, nanoseconds: end >= start ? end - start : 0)
            guard state.inFlight[key]?.id == id else { return }
            state.inFlight[key] = nil
            guard case .success(let model) = result else { return }
            let stored = state.table.insert(key, hash: hash, value: model, bytes: bytes, now: end, removed: &removed)
            if !stored { state.statistics.oversizeRejected += 1 }
            for entry in removed { state.statistics.recordEviction(entry.reason) }
        }
        publish(removed)
        return try result.get()
    }

    private func loadWithTimeout(
        key: Key, load: @escaping @Sendable (Key) async throws -> Model
    ) async throws -> Model {
        guard let timeout = configuration.loadTimeout else { return try await load(key) }
        let loading = Task { try await load(key) }
        let outcome = OneShotContinuation<Model>()
        let name = configuration.name
        return try await withCheckedThrowingContinuation { continuation in
            outcome.install(continuation)
            let timer = Task {
                try? await Task.sleep(for: timeout)
                if Task.isCancelled { return }
                let error = ModelCacheError(
                    .loadTimedOut,
                    "cache '\(name)': a model load took longer than the load timeout (\(timeout)); "
                        + "check the model store or raise loadTimeout")
                if outcome.resume(with: .failure(error)) { loading.cancel() }
            }
            Task {
                let result = await loading.result
                timer.cancel()
                outcome.resume(with: result)
            }
        }
    }
}
