/// Throw from a processor to fail the job at once, skipping any remaining attempts (BullMQ's UnrecoverableError).
public struct UnrecoverableError: Error, Sendable, CustomStringConvertible {
    /// The failure reason stored on the job.
    public let message: String

    /// Creates the error with the reason to store.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
