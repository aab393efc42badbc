/// Writes the Prometheus text exposition format (version 0.0.4): `# HELP`, `# TYPE`, then the samples of
/// each family together. Value type; pure.
///
/// Rules it enforces (debug assertions): valid metric and label names, `_total` on counters and only on
/// counters, each family written once. Label values and help text are escaped (`\\`, `\"`, `\n`).
public struct PrometheusWriter {
    /// A family's type.
    public enum MetricType: String, Sendable {
        /// Monotonic since the process started; name ends in `_total`.
        case counter
        /// Goes up and down.
        case gauge
    }

    /// One sample of a family: its labels (name, value) in order and its value.
    public struct Sample {
        /// Label pairs, in the order written.
        public var labels: [(String, String)]
        /// The value (NaN and ±Inf are written as `NaN`, `+Inf`, `-Inf`).
        public var value: Double

        /// Creates a sample.
        public init(_ labels: [(String, String)] = [], _ value: Double) {
            self.labels = labels
            self.value = value
        }
    }

    /// The text written so far.
    public private(set) var text = ""
    private var written: Set<String> = []

    /// Creates an empty writer.
    public init() {}

    /// Writes one family: HELP, TYPE and its samples. A family with no samples is skipped.
    public mutating func family(_ name: String, _ type: MetricType, help: String, _ samples: [Sample]) {
        assert(Self.isValidName(name), "invalid metric name \(name)")
        assert((type == .counter) == name.hasSuffix("_total"), "\(name): _total only and always on counters")
        assert(!written.contains(name), "family \(name) written twice")
        guard !samples.isEmpty else { return }
        written.insert(name)
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type.rawValue)\n"
        for sample in samples {
            text += name
            if !sample.labels.isEmpty {
                text += "{"
                text += sample.labels.map { key, value in
                    assert(Self.isValidName(key) && !key.contains(":"), "invalid label name \(key)")
                    return "\(key)=\"\(Self.escapeLabelValue(value))\""
                }.joined(separator: ",")
                text += "}"
            }
            text += " \(Self.format(sample.value))\n"
        }
    }

    /// Writes a family of one unlabelled sample.
    public mutating func family(_ name: String, _ type: MetricType, help: String, value: Double) {
        family(name, type, help: help, [Sample([], value)])
    }

    /// The number as the exposition format writes it: integers without a fraction, `NaN`, `+Inf`, `-Inf`.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// `\` → `\\`, `"` → `\"`, newline → `\n`.
    static func escapeLabelValue(_ value: String) -> String { escape(value, quotes: true) }

    /// `\` → `\\`, newline → `\n` (quotes stay as they are in help text).
    static func escapeHelp(_ help: String) -> String { escape(help, quotes: false) }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\"" where quotes: result += "\\\""
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar == ":"
        }
        return isLetter(first) && name.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) }
    }
}
