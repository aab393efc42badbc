import HTTPServe
import Synchronization

/// A fixed set of `HTTPClient`s lent one per request: an idle client when there is one, else the next in turn
/// (its request then queues behind the one it is sending). Each client runs one request at a time on its own
/// thread, so the pool's size is how many requests are in flight at most.
final class ClientPool: Sendable {
    private let clients: [HTTPClient]
    private let state = Mutex(State())

    private struct State {
        var idle: [Int] = []
        var next = 0
    }

    /// Starts `count` clients (count > 0) with `configuration`.
    init(count: Int, configuration: HTTPClient.Configuration) throws {
        precondition(count > 0, "a client pool needs at least one client")
        clients = try (0..<count).map { _ in try HTTPClient(configuration: configuration) }
        state.withLock { $0.idle = Array((0..<count).reversed()) }
    }

    /// Runs `body` with a client, returned to the idle ones when `body` ends.
    func withClient<T: Sendable>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        let (index, wasIdle) = state.withLock { state -> (Int, Bool) in
            if let index = state.idle.popLast() { return (index, true) }
            state.next = (state.next + 1) % clients.count
            return (state.next, false)
        }
        defer {
            if wasIdle { state.withLock { $0.idle.append(index) } }
        }
        return try await body(clients[index])
    }

    /// Ends every client's thread once its queued requests finish.
    func shutdown() {
        for client in clients { client.shutdown() }
    }
}
