internal import CHTTPServeLinux
import Foundation

/// A thread this package owns that runs blocking jobs one at a time, bridged to `async` callers.
///
/// The client's socket calls block (with timeouts); they run here so Swift's cooperative pool never
/// blocks. Jobs run in submission order.
final class BlockingWorker: @unchecked Sendable {
    // Safety: `jobs` and `stopping` are read and written only while holding `condition`'s lock.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var stopping = false

    init(name: String) {
        Thread { [self] in
            chs_set_thread_name(name)
            loop()
        }.start()
    }

    /// Runs `job` on the worker thread and returns its result to the awaiting caller.
    func run<T: Sendable>(_ job: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = enqueue { continuation.resume(with: Result { try job() }) }
            if !accepted {
                continuation.resume(throwing: HTTPServeError(.invalidState, "the HTTP client was shut down"))
            }
        }
    }

    /// Lets queued jobs finish, then ends the thread.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func enqueue(_ job: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty, !stopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
