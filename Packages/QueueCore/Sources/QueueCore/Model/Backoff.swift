/// How long a failed attempt waits before the next one (BullMQ's `backoff` option).
public struct Backoff: Sendable, Hashable {
    /// The strategy name.
    public enum Kind: Sendable, Hashable {
        /// Every retry waits `delay`.
        case fixed
        /// Retry n (1-based attempt that failed) waits `2^(n-1) * delay`.
        case exponential
        /// A strategy this engine does not know (a BullMQ custom one): retried without delay.
        case custom(String)
    }

    /// The strategy.
    public var kind: Kind
    /// The base delay in milliseconds.
    public var delay: Int
    /// Randomisation in [0, 1]: the wait is drawn from `[x·(1-jitter), x]`. 0 (default) is exact.
    public var jitter: Double

    /// Creates a backoff; `delay` in milliseconds, `jitter` in [0, 1].
    public init(_ kind: Kind, delay: Int, jitter: Double = 0) {
        self.kind = kind
        self.delay = delay
        self.jitter = jitter
    }

    /// A fixed backoff of `milliseconds`.
    public static func fixed(_ milliseconds: Int, jitter: Double = 0) -> Backoff {
        Backoff(.fixed, delay: milliseconds, jitter: jitter)
    }

    /// An exponential backoff starting at `milliseconds`.
    public static func exponential(_ milliseconds: Int, jitter: Double = 0) -> Backoff {
        Backoff(.exponential, delay: milliseconds, jitter: jitter)
    }

    /// The wait in ms after attempt `attempt` (1-based) failed; `random` is a draw in [0, 1) used for jitter.
    public func delay(afterAttempt attempt: Int, random: Double = 0) -> Int {
        let base: Double
        switch kind {
        case .fixed: base = Double(delay)
        case .exponential: base = (Double(1 << min(max(attempt - 1, 0), 40)) * Double(delay)).rounded()
        case .custom: return 0
        }
        guard jitter > 0 else { return Int(base) }
        let low = base * (1 - min(jitter, 1))
        return Int((low + (base - low) * random).rounded())
    }

    /// Reads BullMQ's stored form: a bare number (fixed) or `{type, delay, jitter?}`; nil when absent or unusable.
    public init?(json: JSONValue?) {
        switch json {
        case .number(let milliseconds):
            self.init(.fixed, delay: Int(milliseconds))
        case .object(let members):
            let kind: Kind
            switch members["type"]?.stringValue ?? "fixed" {
            case "fixed": kind = .fixed
            case "exponential": kind = .exponential
            case let other: kind = .custom(other)
            }
            self.init(kind, delay: members["delay"]?.intValue ?? 0, jitter: members["jitter"]?.doubleValue ?? 0)
        default:
            return nil
        }
    }

    /// BullMQ's stored form `{type, delay, jitter?}`.
    public var json: JSONValue {
        let name: String
        switch kind {
        case .fixed: name = "fixed"
        case .exponential: name = "exponential"
        case .custom(let custom): name = custom
        }
        var members: [String: JSONValue] = ["type": .string(name), "delay": .number(Double(delay))]
        if jitter > 0 { members["jitter"] = .number(jitter) }
        return .object(members)
    }
}
