/// Bad command-line input: an unknown option, a missing or malformed value, a stray operand.
///
/// Every binary prints the message on stderr with a pointer to its `--help` and exits ``exitStatus`` (3).
/// The message names the option and what it accepts; it never carries a secret, only what was typed.
public struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The exit status of a usage error in every binary (docs/cli.md).
    public static let exitStatus: Int32 = 3

    /// What is wrong and what is accepted, naming the option.
    public let description: String

    /// A usage error with `description` as its message.
    public init(_ description: String) { self.description = description }
}
