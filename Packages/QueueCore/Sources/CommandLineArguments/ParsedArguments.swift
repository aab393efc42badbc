/// A command line split into positional words and `--options`, checked against what a command accepts.
///
/// The one argument syntax of every binary (`maxctl`, `monitoring-api`, `queuecore-worker`; docs/cli.md):
/// `--name value` and `--name=value` for options that take a value, a bare `--flag` for booleans, `--`
/// ends the options, `--help` is always known. An unknown option, a missing value or a value given to a
/// flag is a ``UsageError`` naming the option, so a typo never passes silently. Pure logic, no I/O.
public struct ParsedArguments: Sendable, Hashable {
    /// Positional words in order (a command path and its operands).
    public private(set) var positionals: [String] = []
    /// True when `--help` was given (every command accepts it).
    public private(set) var help = false
    private var valuesByName: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// Parses `arguments` (without the program name) given the options that take a value and the boolean
    /// flags a command accepts, both without their leading `--`. A value option given twice keeps the last.
    /// - Throws: ``UsageError`` naming the unknown option, the option without its value, or the flag given one.
    public init(_ arguments: [String], valueOptions: Set<String>, flagOptions: Set<String>) throws(UsageError) {
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("--") {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            let body = argument.dropFirst(2)
            let name: String
            var inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }
            if name == "help" || flagOptions.contains(name) {
                guard inlineValue == nil else { throw UsageError("--\(name) takes no value") }
                if name == "help" { help = true } else { flags.insert(name) }
            } else if valueOptions.contains(name) {
                if let inlineValue {
                    valuesByName[name, default: []].append(inlineValue)
                } else {
                    guard index < arguments.count else { throw UsageError("--\(name) needs a value") }
                    valuesByName[name, default: []].append(arguments[index])
                    index += 1
                }
            } else {
                throw UsageError("unknown option --\(name)")
            }
        }
    }

    /// The value of `--name`, if given (the last one when given more than once).
    public func value(_ name: String) -> String? { valuesByName[name]?.last }

    /// Every value given for `--name`, in order (`--scenario a --scenario b`).
    public func values(_ name: String) -> [String] { valuesByName[name] ?? [] }

    /// True when the boolean `--name` was given (`flag("help")` is ``help``).
    public func flag(_ name: String) -> Bool { name == "help" ? help : flags.contains(name) }

    /// The duration given as `--name` (``DurationText``'s forms), nil when absent.
    /// - Throws: ``UsageError`` naming `--name` and the accepted forms when the text is not a duration.
    public func duration(_ name: String) throws(UsageError) -> Duration? {
        guard let text = value(name) else { return nil }
        return try DurationText.parse(text, option: "--\(name)")
    }

    /// The duration given as `--name` (or `defaultText`), which must be more than zero; nil when neither.
    /// - Throws: ``UsageError`` naming `--name` for a negative, zero or malformed duration.
    public func positiveDuration(_ name: String, default defaultText: String? = nil) throws(UsageError) -> Duration? {
        guard let text = value(name) ?? defaultText else { return nil }
        guard !text.hasPrefix("-") else { throw UsageError("--\(name) must not be negative (got '\(text)')") }
        let duration = try DurationText.parse(text, option: "--\(name)")
        guard duration > .zero else { throw UsageError("--\(name) must be more than 0 (got '\(text)')") }
        return duration
    }

    /// The whole number given as `--name` (or `defaultText`), at least 1; nil when neither.
    /// - Throws: ``UsageError`` naming `--name` for anything else.
    public func positiveInteger(_ name: String, default defaultText: String? = nil) throws(UsageError) -> Int? {
        guard let text = value(name) ?? defaultText else { return nil }
        guard let number = Int(text), number > 0 else {
            throw UsageError("--\(name) must be a whole number of at least 1 (got '\(text)')")
        }
        return number
    }
}
