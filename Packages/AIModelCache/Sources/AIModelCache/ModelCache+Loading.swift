import Essentials

extension ModelCache {
    /// The model for `key`: the cached one (a hit: no actor hop, no allocation), or the result of `load`.
    ///
    /// Single flight: the first request for a missing key runs `load` in its own task; every request for
    /// that key while it runs waits for the same load instead of starting another. A failed load (or one
    /// past ``Configuration/loadTimeout``) throws the same error to every waiter and is not cached; the next
    /// request loads again. A load detached by ``evict(_:)`` or ``evictAll()`` still answers its waiters
    /// but is not cached, so an eviction is never undone by a load that started before it.
    ///
    /// Cancellation: cancelling the task that runs the load cancels the load (if `load` honours it) and
    /// its waiters receive that `CancellationError`; waiting requests themselves wait until the load ends
    /// (bounded by the load timeout when one is set).
    ///
    /// - Parameter load: called at most once per load; should honour cancellation (it is cancelled when
    ///   the load timeout fires).
    /// - Throws: the loader's error unchanged, or ``ModelCacheError/Code/loadTimedOut``.
    @inlinable
    public func model(for key: Key, load: @escaping @Sendable (Key) async throws -> Model) async throws -> Model {
        let hash = key.hashValue
        let now = clock.now()
        var expired: LRUTable<Key, Model>.Removed?
        let step = state.withLock { state -> Step in
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
            if state.inFlight[key] != nil { return .join }
            return .lead(loadID: Self.registerLoad(for: key, in: &state))
        }
        if let expired { publish(CollectionOfOne(expired)) }
        switch step {
        case .hit(let model): return model
        case .lead(let loadID): return try await lead(loadID: loadID, key: key, hash: hash, load: load)
        case .join:
            switch try await join(key: key, hash: hash) {
            case .model(let model): return model
            case .lead(let loadID): return try await lead(loadID: loadID, key: key, hash: hash, load: load)
            }
        }
    }

    @usableFromInline
    enum Step {
        case hit(Model)
        case join
        case lead(loadID: UInt64)
    }

    @inlinable
    static func registerLoad(for key: Key, in state: inout State) -> UInt64 {
        let loadID = state.nextLoadID
        state.nextLoadID += 1
        state.inFlight[key] = loadID
        state.waiters[loadID] = []
        return loadID
    }

    /// Waits for the load in flight for `key`. If it ended in the moment between the first look and this
    /// one, takes the cached model, or leads a new load when nothing was cached.
    @inlinable
    func join(key: Key, hash: Int) async throws -> Joined {
        var expired: LRUTable<Key, Model>.Removed?
        let joined = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Joined, any Error>) in
            let now = clock.now()
            let immediate = state.withLock { state -> Joined? in
                if let loadID = state.inFlight[key] {
                    state.waiters[loadID, default: []].append(continuation)
                    return nil
                }
                switch state.table.lookup(key, hash: hash, now: now) {
                case .hit(let model): return .model(model)
                case .expired(let removed):
                    expired = removed
                    state.statistics.recordEviction(.timeout)
                case .miss: break
                }
                return .lead(loadID: Self.registerLoad(for: key, in: &state))
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
        if let expired { publish(CollectionOfOne(expired)) }
        return joined
    }

    /// Runs one shared load in the caller's task, records it, caches the model unless the load was
    /// detached meanwhile, and answers every waiter.
    @inlinable
    func lead(
        loadID: UInt64, key: Key, hash: Int, load: @escaping @Sendable (Key) async throws -> Model
    ) async throws -> Model {
        let start = clock.preciseNow()
        let result: Result<Model, any Error>
        do {
            if configuration.loadTimeout != nil {
                result = .success(try await loadWithTimeout(key: key, load: load))
            } else {
                result = .success(try await load(key))
            }
        } catch {
            result = .failure(error)
        }
        let end = clock.preciseNow()
        let bytes = (try? result.get()).map { max($0.estimatedBytes, 0) } ?? 0
        let now = clock.now()
        var removed: [LRUTable<Key, Model>.Removed] = []
        let waiters = state.withLock { state -> [CheckedContinuation<Joined, any Error>] in
            let succeeded: Bool
            if case .success = result { succeeded = true } else { succeeded = false }
            state.statistics.recordLoad(succeeded: succeeded, nanoseconds: end >= start ? end - start : 0)
            let waiters = state.waiters.removeValue(forKey: loadID) ?? []
            guard state.inFlight[key] == loadID else { return waiters }
            state.inFlight[key] = nil
            guard case .success(let model) = result else { return waiters }
            let stored = state.table.insert(key, hash: hash, value: model, bytes: bytes, now: now, removed: &removed)
            if !stored { state.statistics.oversizeRejected += 1 }
            for entry in removed { state.statistics.recordEviction(entry.reason) }
            return waiters
        }
        for waiter in waiters { waiter.resume(with: result.map { .model($0) }) }
        publish(removed)
        return try result.get()
    }

    /// Runs `load` and answers with its result or, after the load timeout, with `loadTimedOut` (cancelling
    /// the load). `withDeadline` does not wait for the load past the timeout, so a loader that ignores
    /// cancellation cannot hold its waiters.
    @usableFromInline
    func loadWithTimeout(
        key: Key, load: @escaping @Sendable (Key) async throws -> Model
    ) async throws -> Model {
        guard let timeout = configuration.loadTimeout else { return try await load(key) }
        let name = configuration.name
        return try await withDeadline(timeout) {
            ModelCacheError(
                .loadTimedOut,
                "cache '\(name)': a model load took longer than the load timeout (\(timeout)); "
                    + "check the model store or raise loadTimeout")
        } _: {
            try await load(key)
        }
    }
}
