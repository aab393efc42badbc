import CommandLineArguments

/// The command line of the measuring commands (`queues`, `queue stats`): the common options plus
/// `--window D`, parsed once for both.
struct MeasurementArguments {
    /// Everything given, for the command's own operand checks.
    let parsed: ParsedArguments

    /// Splits `arguments`; the operands are left to the command.
    init(_ arguments: [String]) throws(UsageError) {
        parsed = try ParsedArguments(
            arguments, valueOptions: CommonOptions.valueOptions.union(["window"]),
            flagOptions: CommonOptions.flagOptions)
    }

    /// The common options, then the live window (nil: the last full minute).
    func options(environment: [String: String]) throws(UsageError) -> (CommonOptions, Duration?) {
        let options = try CommonOptions(parsed, environment: environment)
        let window = try parsed.value("window").map { text throws(UsageError) in
            try DurationText.parse(text, option: "--window")
        }
        return (options, window)
    }
}
