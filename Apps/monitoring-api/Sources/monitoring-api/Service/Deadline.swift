/// Runs `operation`, giving up after `timeout`: the endpoints answer within their timeout even when
/// Redis hangs. The operation is cancelled when the time runs out.
enum Deadline {
    /// The operation's result, or ``Expired`` after `timeout`.
    static func run<T: Sendable>(
        _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw Expired(timeout: timeout)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw Expired(timeout: timeout) }
            return first
        }
    }

    /// The time ran out.
    struct Expired: Error, CustomStringConvertible {
        let timeout: Duration
        var description: String { "no answer within \(timeout)" }
    }
}
