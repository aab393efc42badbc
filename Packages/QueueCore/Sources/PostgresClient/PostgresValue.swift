import Essentials
import Foundation

/// A query parameter; `nil` in a parameter list is SQL NULL.
///
/// Values travel as text in a separate protocol message, never spliced into the SQL. Strings are sent with an
/// unspecified type so the server infers it from context (`WHERE id = $1` works for any column type); the
/// other cases are sent typed (`int8`, `float8`, `bool`, `timestamptz`, `bytea`), so `SELECT $1` reads back as
/// the same Swift type. Literals work: `["name", 42, 1.5, true, nil]`.
public enum PostgresValue: Sendable, Hashable {
    /// Text; must not contain a NUL byte (PostgreSQL text cannot).
    case string(String)
    /// A 64-bit integer, sent as `int8`.
    case int(Int)
    /// A double, sent as `float8` (NaN and ±infinity included).
    case double(Double)
    /// A boolean, sent as `bool`.
    case bool(Bool)
    /// A point in time, sent as `timestamptz` with microsecond precision.
    case date(Date)
    /// Raw bytes, sent as `bytea`.
    case bytes([UInt8])

    /// The type OID to send (0 lets the server infer it) and the text form.
    var encoded: (type: UInt32, text: String) {
        switch self {
        case .string(let value): (0, value)
        case .int(let value): (PostgresDataType.int8.oid, String(value))
        case .double(let value): (PostgresDataType.float8.oid, Self.text(of: value))
        case .bool(let value): (PostgresDataType.bool.oid, value ? "t" : "f")
        case .date(let value): (PostgresDataType.timestamptz.oid, PostgresTimestamp.format(value))
        case .bytes(let value): (PostgresDataType.bytea.oid, "\\x" + value.lowercaseHex)
        }
    }

    private static func text(of value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        // Swift prints the shortest text that reads back to the same Double.
        return "\(value)"
    }
}

extension PostgresValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral
{
    /// A `.string` literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An `.int` literal.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A `.double` literal.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A `.bool` literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
