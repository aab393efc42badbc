#if canImport(Glibc)
import Glibc
#endif

/// The processor of worker processes under test (crash tests, chaos scenarios): the job's data says what
/// to do. `{"sleepMs": 400}` sleeps that long (else the default sleep), `{"fail": true}` fails every
/// attempt; any other data (or none) just completes. The result is `{"pid": <pid>}`, so a test can tell
/// which process completed a job.
public struct ScriptedJob: Sendable {
    /// What a job's data may ask for.
    public struct Instructions: Decodable, Sendable {
        /// Processing time, ms.
        public var sleepMs: Int?
        /// Fail every attempt.
        public var fail: Bool?
    }

    /// The result of a completed job.
    public struct Result: Codable, Sendable, Hashable {
        /// The process that completed it.
        public var pid: Int32
    }

    /// The failure a job asks for; its message (the job's `failedReason`) contains `asked to fail`.
    public struct AskedToFail: Error, CustomStringConvertible {
        /// The attempt that failed (1-based).
        public var attempt: Int
        public var description: String { "asked to fail (attempt \(attempt))" }
    }

    /// Sleep for jobs whose data names none (default 0).
    public var defaultSleep: Duration

    /// Creates the processor.
    public init(defaultSleep: Duration = .zero) {
        self.defaultSleep = defaultSleep
    }

    /// Runs `job` as its data asks. Cancellation ends a sleep early.
    public func process(_ job: Job) async throws -> Result {
        let instructions = (try? job.decodeData(Instructions.self)) ?? Instructions()
        let sleep = instructions.sleepMs.map { Duration.milliseconds($0) } ?? defaultSleep
        if sleep > .zero { try await Task.sleep(for: sleep) }
        if instructions.fail == true { throw AskedToFail(attempt: job.currentAttempt) }
        return Result(pid: getpid())
    }
}
