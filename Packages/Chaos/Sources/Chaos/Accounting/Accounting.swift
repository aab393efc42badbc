/// The checker's verdict on one queue, Jepsen-style: every acknowledged job must end completed or failed, and
/// every completion Redis reports must have happened (a completed attempt in the attempt log).
///
/// Where each figure comes from: `acknowledged` from the producer; job states (`completed`, `failed`, `lost`,
/// the failed reasons) from Redis; `duplicated` from the attempt log in Postgres alone (completed attempts per
/// job); `phantom` and `completedThenFailed` compare the two (Redis state against completed attempts);
/// `unexpected` and `inDoubtFound` are ids found in either that the producer never saw acknowledged.
struct Accounting: Sendable, Codable, Equatable {
    /// Jobs whose add was acknowledged.
    var acknowledged = 0
    /// Acknowledged jobs that ended in `completed` (Redis).
    var completed = 0
    /// Acknowledged jobs that ended in `failed` (Redis; stall-limit failures included).
    var failed = 0
    /// Failed reasons and how many jobs had each (stall-limit failures counted apart).
    var failedReasons: [String: Int] = [:]
    /// Jobs failed because they stalled more than allowed.
    var stallFailures = 0
    /// Acknowledged jobs that are neither completed nor failed in Redis: the bug this suite hunts.
    var lost: [String] = []
    /// Acknowledged jobs Redis reports `completed` with no completed attempt in the attempt log: marked done
    /// without their processor running to its end.
    var phantom: [String] = []
    /// Acknowledged jobs with a completed attempt in the log that Redis shows `failed`: the processor ran to
    /// its end, its worker died before Redis recorded the completion, and a later attempt failed (typically on
    /// the stall limit). At-least-once delivery allows it: reported, not a failure.
    var completedThenFailed: [String] = []
    /// Jobs whose processor ran to its end more than once, with the count (the side effect happened twice).
    var duplicated: [String: Int] = [:]
    /// Jobs found in the queue or the attempt log that were never acknowledged to the producer (and whose add
    /// was not left in doubt by an error).
    var unexpected: [String] = []
    /// Adds that threw (in doubt) whose job exists all the same: the write happened, the reply was lost.
    var inDoubtFound: [String] = []

    /// A scenario fails on a lost job, a phantom completion or an unexpected job; duplicates and completions
    /// followed by a failure are reported, not failed (at-least-once delivery).
    var passed: Bool { failures.isEmpty }

    /// One line per broken rule (empty when the accounting passes), for a verdict's failures.
    var failures: [String] {
        var lines: [String] = []
        if !lost.isEmpty { lines.append("lost \(lost.count) acknowledged job(s): \(Self.list(lost))") }
        if !phantom.isEmpty {
            lines.append(
                "\(phantom.count) phantom completion(s), completed in Redis but never run: \(Self.list(phantom))")
        }
        if !unexpected.isEmpty {
            lines.append("\(unexpected.count) unexpected job(s), never acknowledged: \(Self.list(unexpected))")
        }
        return lines
    }

    /// One line for progress output.
    var summary: String {
        "acknowledged \(acknowledged), completed \(completed), failed \(failed) (stall limit \(stallFailures)), "
            + "lost \(lost.count), phantom \(phantom.count), duplicated \(duplicated.count), "
            + "completed then failed \(completedThenFailed.count), unexpected \(unexpected.count)"
            + (inDoubtFound.isEmpty ? "" : ", in-doubt adds found \(inDoubtFound.count)")
    }

    /// The first ids of `ids`, comma-separated (a soak can lose thousands; the JSON report has them all).
    static func list(_ ids: [String]) -> String {
        ids.prefix(10).joined(separator: ",") + (ids.count > 10 ? ",… (\(ids.count - 10) more)" : "")
    }
}
