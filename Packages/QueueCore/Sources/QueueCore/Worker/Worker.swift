import Essentials
import Foundation
import RedisClient
import Synchronization

/// A BullMQ-compatible worker: fetches jobs from a queue, runs a processor on each, and records the outcome.
///
/// Up to `concurrency` jobs run at once. An idle worker blocks on the queue's marker key (BZPOPMIN on a
/// dedicated connection), so it wakes when a job is added or a delayed job falls due, without polling. Each
/// active job holds a lock (a token with `lockDuration`) renewed in the background; a worker that loses a
/// lock cannot complete that job. Delivery is at-least-once: a job whose worker died returns to wait through
/// the stalled check. Call `start()` once, then `close()`.
public final class Worker: Sendable {
    /// The processor: runs a job and returns its result as JSON text.
    typealias Processor = @Sendable (Job) async throws -> String

    /// The queue name.
    public let queueName: String
    /// This worker's id, the first part of every lock token.
    public let id: String
    /// The settings.
    public let configuration: Configuration
    let queue: Queue
    let client: RedisClient
    let processor: Processor
    let clientNames: WorkerClientNames
    let state = WorkerState()
    private let tasks = Mutex<[Task<Void, Never>]>([])
    private let mainTask = Mutex<Task<Void, Never>?>(nil)
    private let markerWait = Mutex<Task<Void, any Error>?>(nil)

    /// Creates a worker on queue `name`; `processor` runs each job and its result is stored as JSON
    /// (`returnvalue`). A thrown error retries the job while attempts remain; `UnrecoverableError` never retries.
    public init<Result: Encodable & SendableMetatype>(
        queueName: String, client: RedisClient, configuration: Configuration = Configuration(),
        processor: @escaping @Sendable (Job) async throws -> Result
    ) throws {
        try configuration.validate()
        self.queueName = queueName
        self.client = client
        self.configuration = configuration
        self.queue = try Queue(
            name: queueName, client: client, configuration: Queue.Configuration(prefix: configuration.prefix))
        self.id = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        self.clientNames = WorkerClientNames(
            prefix: configuration.prefix, queueName: queueName, workerName: configuration.name)
        self.processor = { job in try Queue.encodeJSON(try await processor(job)) }
    }

    /// Starts fetching and processing in background tasks; calling it twice has no effect.
    public func start() {
        mainTask.withLock { main in
            guard main == nil else { return }
            main = Task { await self.fetchLoop() }
            var background = [Task { await self.renewLocksLoop() }, Task { await self.pythonVisibilityLoop() }]
            if configuration.runsStalledCheck { background.append(Task { await self.stalledCheckLoop() }) }
            tasks.withLock { $0 = background }
        }
    }

    /// Stops fetching, synchronously: from its return on the worker fetches no new job, and a job that
    /// finishes does not fetch the next one; a blocked marker wait ends at once. Running jobs go on; call
    /// ``close(force:)`` to wait for them (it stops fetching first itself). Use it to release work the
    /// processors wait on only once no further job can be fetched.
    public func stopFetching() {
        state.values.withLock { $0.closing = true }
        markerWait.withLock { $0 }?.cancel()
    }

    /// Stops the worker. Graceful (default): stops fetching, lets running jobs finish and record their
    /// results, then returns. Forced: cancels running processors and returns without recording them; their
    /// locks expire and the stalled check re-queues them. Either way a blocked marker wait ends at once.
    public func close(force: Bool = false) async {
        stopFetching()
        let main = mainTask.withLock { $0 }
        if force { main?.cancel() }
        await main?.value
        let background = tasks.withLock { $0 }
        for task in background { task.cancel() }
        for task in background { await task.value }
    }

    /// The fetch loop: fill free slots with jobs, block on the marker when nothing is ready.
    ///
    /// The processors run in a discarding group: a plain `TaskGroup` keeps every finished child (its task and
    /// its stack slab, about 4 KiB) until its result is read, which a loop that never reads grew without
    /// bound — one record per processing chain, for as long as the worker ran.
    private func fetchLoop() async {
        await withDiscardingTaskGroup { group in
            // The outer loop replaces the dedicated connection when Redis drops it.
            while !state.isClosing && !Task.isCancelled {
                do {
                    try await client.withDedicatedConnection(name: clientNames.node) { connection in
                        try await fetchUntilClosed(group: &group, connection: connection)
                    }
                } catch {
                    guard !state.isClosing && !Task.isCancelled else { break }
                    report(.error("the fetch loop of \(queueName) failed, retrying in 1 s: \(error)"))
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
    }

    private func fetchUntilClosed(group: inout DiscardingTaskGroup, connection: RedisConnection) async throws {
        let minimumBlock = try await prepareBlockingConnection(connection)
        while !state.isClosing && !Task.isCancelled {
            await state.waitForSlot(limit: configuration.concurrency)
            if state.isClosing || Task.isCancelled { return }
            let token = state.nextToken(workerId: id)
            switch try await fetch(token: token) {
            case .job(let job):
                state.chainStarted()
                group.addTask { await self.processChain(first: job, token: token) }
            case .rateLimited(let milliseconds):
                try? await Task.sleep(for: .milliseconds(milliseconds))
            case .empty(let nextDue):
                try await waitForMarker(on: connection, nextDelayedDue: nextDue, minimum: minimumBlock)
            }
        }
    }

    /// Blocks on the marker until a job is ready, the next delayed job is due, or `drainDelay` passes; never
    /// for less than `minimum` ms (see ``minimumBlockMilliseconds(serverVersion:)``).
    /// The wait runs in its own task so that `close()` can cancel it (the client then drops the blocked
    /// connection) without cancelling running processors.
    private func waitForMarker(on connection: RedisConnection, nextDelayedDue: Int64?, minimum: Int64) async throws {
        var timeout = configuration.drainDelay.wholeMilliseconds
        if let due = nextDelayedDue { timeout = min(timeout, max(due - Queue.nowMs(), minimum)) }
        guard timeout > 0 else { return }
        let command = ["BZPOPMIN", queue.keys.marker, String(format: "%.3f", Double(timeout) / 1000)]
        let wait = Task { _ = try await connection.send(command) }
        markerWait.withLock { $0 = wait }
        defer { markerWait.withLock { $0 = nil } }
        if state.isClosing { wait.cancel() }
        do {
            try await wait.value
        } catch {
            // A wait cancelled by close() is the normal way out; anything else replaces the connection.
            if !state.isClosing { throw error }
        }
    }

    func fetch(token: String) async throws -> ScriptReply.Fetch {
        let reply = try await queue.run(QueueScript.moveToActive, [String(Queue.nowMs()), token] + fetchArguments)
        return try ScriptReply.fetch(reply, context: "moveToActive on \(queueName)")
    }

    /// lockDuration, limiter max and limiter duration, as the fetch scripts take them.
    var fetchArguments: [String] {
        [
            String(configuration.lockDuration.wholeMilliseconds), String(configuration.limiter?.max ?? 0),
            String(configuration.limiter?.duration.wholeMilliseconds ?? 0),
        ]
    }

    func report(_ event: WorkerEvent) { configuration.onEvent?(event) }
}
