/// A reply as the probes read it: RedisClient's `RedisValue` once the collectors are wired to it.
/// Only the accessors the probes use are needed: `int`, `double`, `string`, `array`, `isNull`.
indirect enum ProbeReply: Equatable, Sendable {
    case integer(Int)
    case string(String)
    case null
    case array([ProbeReply])
    case error(String)

    var int: Int? {
        switch self {
        case .integer(let value): value
        case .string(let text): Int(text)
        default: nil
        }
    }

    var double: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .string(let text): Double(text)
        default: nil
        }
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var array: [ProbeReply]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    var isNull: Bool { self == .null }
}
