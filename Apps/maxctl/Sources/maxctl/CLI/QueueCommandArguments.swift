import CommandLineArguments

/// What every `maxctl queue …` and `maxctl schedulers` command starts with: its arguments parsed with the
/// common options and its own, the queue named by the first operand, and the common options resolved.
struct QueueCommandArguments {
    /// Everything given, for the command's own options and operands.
    let parsed: ParsedArguments
    /// `--api`, `--redis`, `--prefix`, `--timeout`, `--json`, … resolved.
    let options: CommonOptions
    /// The first operand.
    let queue: String

    /// Parses `arguments` with ``CommonOptions`` plus the command's `values` and `flags`.
    ///
    /// - Parameters:
    ///   - command: the command's words, e.g. `queue clean`, for the usage errors.
    ///   - operands: how many operands the command takes, the queue name included.
    ///   - usage: the error when the operands do not fit (default: `<command> takes one queue name`).
    init(
        _ arguments: [String], environment: [String: String], command: String, values: Set<String> = [],
        flags: Set<String> = [], operands: ClosedRange<Int> = 1...1, usage: String? = nil
    ) throws(UsageError) {
        parsed = try ParsedArguments(
            arguments, valueOptions: CommonOptions.valueOptions.union(values),
            flagOptions: CommonOptions.flagOptions.union(flags))
        guard operands.contains(parsed.positionals.count) else {
            throw UsageError(usage ?? "\(command) takes one queue name")
        }
        queue = parsed.positionals[0]
        options = try CommonOptions(parsed, environment: environment)
    }

    /// Throws unless `--yes` was given (list `yes` in `flags`): `command` deletes jobs for good.
    func requireDeletionConfirmed(_ command: String) throws(UsageError) {
        guard parsed.flag("yes") else { throw UsageError("\(command) deletes jobs for good: add --yes to confirm") }
    }
}
