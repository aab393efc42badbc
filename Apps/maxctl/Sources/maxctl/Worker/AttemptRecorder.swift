import Chaos
import Foundation
import QueueCore

#if canImport(Glibc)
import Glibc
#endif

/// `maxctl worker --record-to <DATABASE_URL>`: appends every attempt to the chaos suite's attempt log
/// (`chaos_attempts`: queue, job id, attempt, pid, time) — `started` on entry, `completed` just before the
/// processor returns — so the chaos checker can count lost and duplicated work.
struct AttemptRecorder: Sendable {
    let log: AttemptLog
    let queue: String
    let pid = getpid()

    /// Connects and creates the table if missing.
    init(url: String, queue: String) async throws {
        log = try AttemptLog(url: url)
        try await log.prepare()
        self.queue = queue
    }

    /// Runs `body` for `job`, recording its start and, when it returns, its completion.
    func around<T: Sendable>(_ job: Job, _ body: () async throws -> T) async throws -> T {
        let attempt = job.currentAttempt
        try await log.record(AttemptRecord(queue: queue, jobId: job.id, attempt: attempt, pid: pid, kind: .started))
        let result = try await body()
        try await log.record(AttemptRecord(queue: queue, jobId: job.id, attempt: attempt, pid: pid, kind: .completed))
        return result
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
