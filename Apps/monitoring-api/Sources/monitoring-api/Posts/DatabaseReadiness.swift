import Monitoring
import QueueCore
import Synchronization

/// Whether the auto-posting workers' PostgreSQL answers, as system health and the posts API need to know:
/// the process starts and serves monitoring whatever the database's state, and the workers start once it
/// answers.
///
/// ``connect(prepare:)`` runs the preparation (the migrations) until it succeeds, waiting a capped exponential
/// backoff between attempts (``initialBackoff`` doubling to ``maximumBackoff``); ``watch(probe:)`` then probes
/// every ``probeInterval`` so health follows a later outage. Each change is logged once:
/// `posts.database_unavailable` (with the reason), `posts.database_ready`, `posts.database_recovered`.
/// Thread-safe (a `Mutex`); nothing here blocks.
final class DatabaseReadiness: Sendable {
    /// Where the database stands.
    enum Phase: Sendable, Equatable {
        /// The first attempt has not finished.
        case connecting
        /// Not reachable (or not prepared) yet; the workers wait.
        case waiting(reason: String)
        /// Prepared; the workers run.
        case ready
        /// Prepared earlier, but the last probe failed.
        case lost(reason: String)
    }

    private struct State {
        var phase = Phase.connecting
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    /// The server address (`host:port`, never the password), for messages.
    let address: String
    /// The wait after the first failed attempt (default 250 ms).
    let initialBackoff: Duration
    /// The longest wait between attempts (default 5 s).
    let maximumBackoff: Duration
    /// Time between probes once ready.
    let probeInterval: Duration
    private let logger: StructuredLogger
    private let state = Mutex(State())

    init(
        address: String, probeInterval: Duration, logger: StructuredLogger,
        initialBackoff: Duration = .milliseconds(250), maximumBackoff: Duration = .seconds(5)
    ) {
        self.address = address
        self.probeInterval = probeInterval
        self.logger = logger
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
    }

    /// The phase now.
    var phase: Phase { state.withLock { $0.phase } }

    /// How many requests wait for the first attempt's outcome (for tests and diagnostics).
    var waitingRequests: Int { state.withLock { $0.waiters.count } }

    /// The posts component of system health.
    var health: HealthModel.PostsState {
        switch phase {
        case .ready: .ready
        case .connecting: .unavailable(reason: "connecting to PostgreSQL \(address); the workers start when it answers")
        case .waiting(let reason), .lost(let reason): .unavailable(reason: reason)
        }
    }

    /// Why the posts API cannot use the database now, or nil when it can (once prepared: a query that then fails
    /// reports itself). While the first attempt runs, waits for its outcome for at most `timeout`.
    func problem(waitingAtMost timeout: Duration) async -> String? {
        if phase == .connecting { await firstOutcome(waitingAtMost: timeout) }
        switch phase {
        case .ready, .lost: return nil
        case .connecting: return "PostgreSQL \(address) has not answered yet; retry in a few seconds"
        case .waiting(let reason): return reason
        }
    }

    /// Runs `prepare` until it succeeds (true), with capped exponential backoff between attempts; false when
    /// the task is cancelled first.
    func connect(prepare: @Sendable () async throws -> Void) async -> Bool {
        var failures = 0
        while !Task.isCancelled {
            do {
                try await prepare()
                settle(.ready)
                return true
            } catch {
                if Task.isCancelled { break }
                failures += 1
                settle(
                    .waiting(
                        reason: "PostgreSQL is unreachable: \(error); the workers and the posts API wait for it "
                            + "(retrying, at most \(maximumBackoff) apart)"))
                try? await Task.sleep(for: backoff(afterFailures: failures))
            }
        }
        settleWaiters()
        return false
    }

    /// Probes every ``probeInterval`` until cancelled, so health shows an outage after start and its end.
    func watch(probe: @Sendable () async throws -> Void) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: probeInterval)
            guard !Task.isCancelled else { return }
            do {
                try await probe()
                settle(.ready)
            } catch {
                if Task.isCancelled { return }
                settle(.lost(reason: "PostgreSQL is unreachable: \(error); posts wait until it is back"))
            }
        }
    }

    /// `initialBackoff × 2^(failures-1)`, at most `maximumBackoff` (QueueCore's job backoff, capped).
    func backoff(afterFailures failures: Int) -> Duration {
        let initialMs = Int(initialBackoff / .milliseconds(1))
        let delayMs = Backoff.exponential(max(initialMs, 1)).delay(afterAttempt: failures)
        return min(.milliseconds(delayMs), maximumBackoff)
    }

    /// Moves to `next`, logging the change once, and releases the callers waiting for the first outcome.
    private func settle(_ next: Phase) {
        let previous = state.withLock { state in
            defer { state.phase = next }
            return state.phase
        }
        settleWaiters()
        guard previous != next else { return }
        // One line per change (an outage, a new reason, the end of it), not one per attempt or probe.
        switch next {
        case .connecting: break
        case .ready:
            let event = if case .lost = previous { "posts.database_recovered" } else { "posts.database_ready" }
            logger.log(.info, event, [("database", .string(address))])
        case .waiting(let reason), .lost(let reason):
            logger.log(
                .warning, "posts.database_unavailable", [("database", .string(address)), ("reason", .string(reason))])
        }
    }

    private func settleWaiters() {
        let waiters = state.withLock { state in
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        waiters.forEach { $0.resume() }
    }

    /// Returns once the first attempt has an outcome, or after `timeout`.
    private func firstOutcome(waitingAtMost timeout: Duration) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let id: Int? = state.withLock { state in
                guard state.phase == .connecting else { return nil }
                defer { state.nextWaiter += 1 }
                state.waiters[state.nextWaiter] = continuation
                return state.nextWaiter
            }
            guard let id else { return continuation.resume() }
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                self?.state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
            }
        }
    }
}
