import CommandLineArguments
import QueueCore

/// What `maxctl worker --processor` does with each job: `noop`, `echo`, `sleep:<ms>`, `fail`,
/// `fail-first:<n>`, `scripted`. Pure parsing and behaviour, for smoke tests, load and chaos runs.
enum ProcessorSpec: Equatable {
    /// Completes at once with result `null`.
    case noop
    /// Completes with the job's data as its result.
    case echo
    /// Sleeps this many milliseconds, then completes (cancellation ends the sleep early).
    case sleep(milliseconds: Int)
    /// Fails every attempt (retried while attempts remain).
    case fail
    /// Fails the first `n` attempts of each job, then completes.
    case failFirst(Int)
    /// Does what the job's data says (QueueCore's `ScriptedJob`: `sleepMs`, `fail`); returns `{"pid": <pid>}`.
    case scripted

    /// Parses `text`; a `UsageError` lists the accepted forms.
    init(_ text: String) throws(UsageError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count == 2 ? Int(parts[1]) : nil) {
        case ("noop", nil) where parts.count == 1: self = .noop
        case ("echo", nil) where parts.count == 1: self = .echo
        case ("fail", nil) where parts.count == 1: self = .fail
        case ("scripted", nil) where parts.count == 1: self = .scripted
        case ("sleep", let value?) where value >= 0: self = .sleep(milliseconds: value)
        case ("fail-first", let value?) where value >= 0: self = .failFirst(value)
        default:
            throw UsageError(
                "--processor must be noop, echo, sleep:<ms>, fail, fail-first:<n> or scripted; got '\(text)'")
        }
    }

    /// Runs the processor on `job`: its result, or a thrown ``Failure``.
    func process(_ job: Job) async throws -> JSONValue {
        switch self {
        case .noop:
            return .null
        case .echo:
            return (try? JSONValue.parse(job.data)) ?? .string(job.data)
        case .sleep(let milliseconds):
            try await Task.sleep(for: .milliseconds(milliseconds))
            return .null
        case .fail:
            throw Failure(message: "maxctl worker --processor fail: attempt \(job.attemptsMade + 1) failed on purpose")
        case .failFirst(let count):
            guard job.attemptsMade >= count else {
                throw Failure(
                    message:
                        "maxctl worker --processor fail-first:\(count): attempt \(job.attemptsMade + 1) failed on purpose"
                )
            }
            return .null
        case .scripted:
            let result = try await ScriptedJob().process(job)
            return .object(["pid": .number(Double(result.pid))])
        }
    }

    /// The deliberate failure (its message becomes the job's `failedReason`).
    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
