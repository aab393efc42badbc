/// The checker's verdict on one queue, Jepsen-style: every acknowledged job must end completed or failed.
public struct Accounting: Sendable, Codable, Equatable {
    /// Jobs whose add was acknowledged.
    public var acknowledged = 0
    /// Acknowledged jobs that ended in `completed`.
    public var completed = 0
    /// Acknowledged jobs that ended in `failed` (stall-limit failures included).
    public var failed = 0
    /// Failed reasons and how many jobs had each (stall-limit failures counted apart).
    public var failedReasons: [String: Int] = [:]
    /// Jobs failed because they stalled more than allowed.
    public var stallFailures = 0
    /// Acknowledged jobs that are neither completed nor failed: the bug this suite hunts.
    public var lost: [String] = []
    /// Jobs whose processor ran to its end more than once, with the count (the side effect happened twice).
    public var duplicated: [String: Int] = [:]
    /// Jobs found in the queue or the attempt log that were never acknowledged to the producer.
    public var unexpected: [String] = []

    /// A scenario fails on any lost job; duplicates are reported, not failed (at-least-once delivery).
    public var passed: Bool { lost.isEmpty }

    /// One line for progress output.
    public var summary: String {
        "acknowledged \(acknowledged), completed \(completed), failed \(failed) (stall limit \(stallFailures)), "
            + "lost \(lost.count), duplicated \(duplicated.count), unexpected \(unexpected.count)"
    }
}
