/// A reply from Redis (RESP2), copied out of hiredis into Swift values.
///
/// An error reply at the top level of a command is thrown as `RedisError` (code `.server`); `.error`
/// appears only nested, e.g. in the replies of `EXEC` or inside script results.
public enum RedisValue: Sendable, Hashable {
    /// A status reply such as `OK` or `PONG`.
    case simpleString(String)
    /// An error reply nested inside another reply.
    case error(String)
    /// An integer reply.
    case integer(Int)
    /// A binary-safe bulk string.
    case bulkString([UInt8])
    /// A nil bulk string or nil array.
    case null
    /// An array reply.
    indirect case array([RedisValue])

    /// The text of a simple or bulk string as UTF-8, or nil (other cases, or a bulk that is not UTF-8).
    public var string: String? {
        switch self {
        case .simpleString(let text): text
        case .bulkString(let bytes): String(validating: bytes, as: UTF8.self)
        default: nil
        }
    }

    /// An integer reply, or a simple/bulk string holding a decimal integer (Redis returns counters as
    /// bulk strings from `GET`, `HGET`, scripts...); nil otherwise.
    public var int: Int? {
        switch self {
        case .integer(let value): value
        case .simpleString, .bulkString: string.flatMap { Int($0) }
        default: nil
        }
    }

    /// A simple/bulk string holding a decimal number (as `ZSCORE` and `INCRBYFLOAT` return), or an integer.
    public var double: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .simpleString, .bulkString: string.flatMap { Double($0) }
        default: nil
        }
    }

    /// The raw bytes of a bulk or simple string, or nil.
    public var bytes: [UInt8]? {
        switch self {
        case .bulkString(let bytes): bytes
        case .simpleString(let text): Array(text.utf8)
        default: nil
        }
    }

    /// The elements of an array reply, or nil.
    public var array: [RedisValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// True for a nil bulk string or nil array.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
