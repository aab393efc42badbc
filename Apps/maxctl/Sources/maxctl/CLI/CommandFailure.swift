/// A command that could not do its work: the message (what happened, what to do) and the exit code.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    let exitCode: ExitCode

    init(_ description: String, exitCode: ExitCode) {
        self.description = description
        self.exitCode = exitCode
    }

    /// Runs a command's work; a failure is printed to standard error and becomes its exit code. (The queue
    /// commands' work throws only `CommandFailure`s; anything else would be a failure of the command's own
    /// work, exit 1.)
    static func reported(_ work: () async throws -> ExitCode) async -> ExitCode {
        do {
            return try await work()
        } catch {
            Output.printError("\(error)")
            return (error as? CommandFailure)?.exitCode ?? .warning
        }
    }
}
