import XCTest

@testable import AIModelCache

final class SingleFlightTests: XCTestCase {
    private func makeCache(
        maxEntries: Int = 200, loadTimeout: Duration? = nil
    ) throws -> ModelCache<String, TestModel> {
        try ModelCache(
            configuration: .init(name: "social", maxEntries: maxEntries, loadTimeout: loadTimeout),
            clock: ManualCacheClock())
    }

    func testAThousandConcurrentRequestsForOneMissingKeyCauseExactlyOneLoad() async throws {
        let cache = try makeCache()
        let loads = LoadCounter()
        let models = try await withTimeout {
            try await withThrowingTaskGroup(of: TestModel.self) { group in
                for _ in 0..<1_000 {
                    group.addTask {
                        try await cache.model(for: "user-1") { key in
                            loads.increment(key)
                            // Hold the load open until every request has missed and joined it.
                            _ = await eventually { misses(cache) == 1_000 }
                            return TestModel(key)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        XCTAssertEqual(loads.total, 1)
        XCTAssertEqual(models.count, 1_000)
        XCTAssertTrue(models.allSatisfy { $0 === models[0] }, "every waiter got the one loaded model")
        XCTAssertEqual(misses(cache), 1_000)
        XCTAssertTrue(cache.cachedModel(for: "user-1") === models[0])
    }

    func testAHundredKeysTimesTenConcurrentRequestsCauseExactlyAHundredLoads() async throws {
        let cache = try makeCache()
        let loads = LoadCounter()
        try await withTimeout {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for request in 0..<1_000 {
                    group.addTask {
                        let key = "user-\(request % 100)"
                        let model = try await cache.model(for: key) { key in
                            loads.increment(key)
                            _ = await eventually { misses(cache) == 1_000 }
                            return TestModel(key)
                        }
                        XCTAssertEqual(model.name, key)
                    }
                }
                try await group.waitForAll()
            }
        }
        XCTAssertEqual(loads.total, 100)
        XCTAssertEqual(loads.keys, 100)
        XCTAssertEqual(cache.count, 100)
    }

    func testAFailingLoadFailsAllItsWaitersAndTheNextRequestLoadsAgain() async throws {
        let cache = try makeCache()
        let attempts = SharedCounter()
        let results = try await withTimeout {
            await withTaskGroup(of: Result<TestModel, TestFailure>.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        do {
                            return .success(
                                try await cache.model(for: "user-1") { _ in
                                    let attempt = attempts.increment()
                                    // Fail only once the other 49 have joined this load (not merely missed).
                                    _ = await eventually { joinedWaiters(cache) == 49 }
                                    throw TestFailure(attempt: attempt)
                                })
                        } catch let failure as TestFailure {
                            return .failure(failure)
                        } catch {
                            XCTFail("unexpected error \(error)")
                            return .failure(TestFailure(attempt: -1))
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }
        XCTAssertEqual(attempts.current, 1)
        XCTAssertEqual(results.count, 50)
        for result in results {
            XCTAssertThrowsError(try result.get()) { XCTAssertEqual($0 as? TestFailure, TestFailure(attempt: 1)) }
        }
        XCTAssertNil(cache.cachedModel(for: "user-1"), "a failure is not cached")
        let model = try await cache.model(for: "user-1") { key in
            attempts.increment()
            return TestModel(key)
        }
        XCTAssertEqual(model.name, "user-1")
        XCTAssertEqual(attempts.current, 2, "the next request loaded again")
        let telemetry = cache.telemetry(memory: ProcessMemory(heapUsedMB: 0, residentMB: 0))
        XCTAssertEqual(telemetry.loadsFailed, 1)
        XCTAssertEqual(telemetry.loadsSucceeded, 1)
    }

    func testALoadPastTheLoadTimeoutFailsWithLoadTimedOutAndIsCancelled() async throws {
        let cache = try makeCache(loadTimeout: .milliseconds(50))
        let cancelled = SharedFlag()
        do {
            _ = try await withTimeout {
                try await cache.model(for: "user-1") { key in
                    // Never finishes unless cancelled (bounded at 20 s so a broken timeout fails the test).
                    do { try await Task.sleep(for: .seconds(20)) } catch { cancelled.set() }
                    return TestModel(key)
                }
            }
            XCTFail("expected loadTimedOut")
        } catch let error as ModelCacheError {
            XCTAssertEqual(error.code, .loadTimedOut)
            XCTAssertTrue(error.description.contains("social"), error.description)
        }
        let sawCancel = await eventually { cancelled.isSet }
        XCTAssertTrue(sawCancel, "the timed-out loader was cancelled")
        XCTAssertNil(cache.cachedModel(for: "user-1"))
        let model = try await cache.model(for: "user-1") { TestModel($0) }
        XCTAssertEqual(model.name, "user-1", "a load within the timeout succeeds")
    }

    func testALoadRacingWithEvictIsNotCached() async throws {
        let cache = try makeCache()
        let (stale, release) = await startHeldLoad(in: cache, returning: "stale")
        let joiner = Task { try await cache.model(for: "user-1") { _ in TestModel("joiner loaded") } }
        let joined = await eventually { misses(cache) == 2 }
        XCTAssertTrue(joined)
        cache.evict("user-1")
        let fresh = try await cache.model(for: "user-1") { _ in TestModel("fresh") }
        release.set()
        let staleModel = try await withTimeout { try await stale.value }
        let joinerModel = try await withTimeout { try await joiner.value }
        XCTAssertEqual(staleModel.name, "stale", "the leader gets its load's result")
        XCTAssertEqual(joinerModel.name, "stale", "a request that joined the detached load gets its result")
        XCTAssertEqual(fresh.name, "fresh")
        XCTAssertEqual(cache.cachedModel(for: "user-1")?.name, "fresh", "the stale load did not overwrite")
    }

    func testALoadRacingWithEvictAllDoesNotResurrectTheEntry() async throws {
        let cache = try makeCache()
        let (stale, release) = await startHeldLoad(in: cache, returning: "user-1")
        cache.evictAll()
        release.set()
        _ = try await withTimeout { try await stale.value }
        XCTAssertNil(cache.cachedModel(for: "user-1"))
        XCTAssertEqual(cache.count, 0)
        XCTAssertEqual(cache.telemetry(memory: ProcessMemory(heapUsedMB: 0, residentMB: 0)).loadsInFlight, 0)
    }

    func testCancellingTheLoadingRequestFailsItsWaitersAndTheNextRequestLoadsAgain() async throws {
        let cache = try makeCache()
        let started = SharedFlag()
        let leader = Task {
            try await cache.model(for: "user-1") { key in
                started.set()
                try await Task.sleep(for: .seconds(20))  // ends early only through cancellation
                return TestModel(key)
            }
        }
        let loadStarted = await eventually { started.isSet }
        XCTAssertTrue(loadStarted)
        let waiter = Task { try await cache.model(for: "user-1") { TestModel($0) } }
        let joined = await eventually { joinedWaiters(cache) == 1 }
        XCTAssertTrue(joined)
        leader.cancel()
        for task in [leader, waiter] {
            do {
                _ = try await withTimeout { try await task.value }
                XCTFail("expected CancellationError")
            } catch {
                XCTAssertTrue(error is CancellationError, "\(error)")
            }
        }
        let model = try await cache.model(for: "user-1") { TestModel($0) }
        XCTAssertEqual(model.name, "user-1")
        XCTAssertEqual(cache.telemetry(memory: ProcessMemory(heapUsedMB: 0, residentMB: 0)).loadsFailed, 1)
    }

    func testLoadTimesAreMeasuredOnTheInjectedClock() async throws {
        let clock = ManualCacheClock()
        let cache = try ModelCache<String, TestModel>(configuration: .init(maxEntries: 100), clock: clock)
        // Twenty loads of 1...20 ms: mean 10.5 ms, p95 (nearest rank 19 of 20) 19 ms.
        for milliseconds in 1...20 {
            _ = try await cache.model(for: "user-\(milliseconds)") { key in
                clock.advance(by: .milliseconds(milliseconds))
                return TestModel(key)
            }
        }
        let telemetry = cache.telemetry(memory: ProcessMemory(heapUsedMB: 0, residentMB: 0))
        XCTAssertEqual(telemetry.averageLoadTimeMs, 10.5, accuracy: 1e-9)
        XCTAssertEqual(telemetry.p95LoadTimeMs, 19, accuracy: 1e-9)
        XCTAssertEqual(telemetry.totalLoads, 20)
    }
}

/// Starts a load of `user-1` that returns a model named `name` once `release` is set, and returns when the
/// loader has started (the test fails if it does not within the bound).
private func startHeldLoad(
    in cache: ModelCache<String, TestModel>, returning name: String, file: StaticString = #filePath,
    line: UInt = #line
) async -> (load: Task<TestModel, any Error>, release: SharedFlag) {
    let release = SharedFlag()
    let started = SharedFlag()
    let load = Task {
        try await cache.model(for: "user-1") { _ in
            started.set()
            _ = await eventually { release.isSet }
            return TestModel(name)
        }
    }
    let loadStarted = await eventually { started.isSet }
    XCTAssertTrue(loadStarted, "the held load started", file: file, line: line)
    return (load, release)
}

private func misses(_ cache: ModelCache<String, TestModel>) -> UInt64 {
    cache.telemetry(memory: ProcessMemory(heapUsedMB: 0, residentMB: 0)).misses
}

/// Requests waiting on a running load, across all loads.
private func joinedWaiters(_ cache: ModelCache<String, TestModel>) -> Int {
    cache.state.withLock { $0.waiters.values.reduce(0) { $0 + $1.count } }
}
