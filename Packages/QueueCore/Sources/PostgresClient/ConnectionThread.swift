import Foundation

/// A thread the client owns, running submitted jobs one at a time in order.
///
/// libpq blocks, so each pooled connection gets one of these: blocking calls never touch Swift's cooperative
/// pool. `stop()` lets queued jobs finish, then the thread exits.
final class ConnectionThread: @unchecked Sendable {
    // Safety: `jobs` and `isStopping` are read and written only while holding `condition`.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var isStopping = false

    /// Starts the thread; `name` shows in debuggers and `top -H`.
    init(name: String) {
        let thread = Thread { [self] in runLoop() }
        thread.name = name
        thread.start()
    }

    /// Queues `job`; returns false (and drops it) once `stop()` was called.
    func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !isStopping else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// Runs `body` on the thread and returns its result to the awaiting task.
    func run<T: Sendable>(
        _ body: @escaping @Sendable () throws(PostgresError) -> T, ifStopped: PostgresError
    ) async throws(PostgresError) -> T {
        let result: Result<T, PostgresError> = await withCheckedContinuation { continuation in
            let accepted = submit {
                do throws(PostgresError) {
                    continuation.resume(returning: .success(try body()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            if !accepted { continuation.resume(returning: .failure(ifStopped)) }
        }
        return try result.get()
    }

    /// Lets queued jobs finish, then ends the thread.
    func stop() {
        condition.lock()
        isStopping = true
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !isStopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let batch = jobs
            jobs.removeAll()
            condition.unlock()
            for job in batch { job() }
        }
    }
}
