import Foundation

/// A Swift type that a result column can be read as, from the column's text form.
///
/// Conforming: `String` (any column but `bytea`, as the server prints it), `Int` and `Int64` (`int2`, `int4`,
/// `int8`), `Double` (`float4`, `float8`, `numeric`), `Bool` (`bool`), `Date` (`timestamptz`) and `[UInt8]`
/// (`bytea`). Read NULL-able columns as optionals: `row.decode(Int?.self, "n")`.
public protocol PostgresDecodable: Sendable {
    /// The value for the non-NULL `text` of a column of `type`, or nil when the type or the text does not fit.
    static func decode(text: [UInt8], type: PostgresDataType) -> Self?
}

private let integerTypes: Set<PostgresDataType> = [.int2, .int4, .int8]

extension String: PostgresDecodable {
    /// The text of any column except `bytea`, as the server prints it.
    public static func decode(text: [UInt8], type: PostgresDataType) -> String? {
        // Any type's text form is a valid string (enums, domains and citext have no fixed OID); bytea's
        // hex escape is not what a caller means by its string, so it is refused.
        type == .bytea ? nil : String(decoding: text, as: UTF8.self)
    }
}

extension Int: PostgresDecodable {
    /// An `int2`, `int4` or `int8` column.
    public static func decode(text: [UInt8], type: PostgresDataType) -> Int? {
        integerTypes.contains(type) ? Int(String(decoding: text, as: UTF8.self)) : nil
    }
}

extension Int64: PostgresDecodable {
    /// An `int2`, `int4` or `int8` column.
    public static func decode(text: [UInt8], type: PostgresDataType) -> Int64? {
        integerTypes.contains(type) ? Int64(String(decoding: text, as: UTF8.self)) : nil
    }
}

extension Double: PostgresDecodable {
    /// A `float4`, `float8` or `numeric` column (numeric rounds to the nearest Double).
    public static func decode(text: [UInt8], type: PostgresDataType) -> Double? {
        guard [.float4, .float8, .numeric].contains(type) else { return nil }
        // The server prints "NaN", "Infinity" and "-Infinity"; Double(_:) reads those spellings too.
        return Double(String(decoding: text, as: UTF8.self))
    }
}

extension Bool: PostgresDecodable {
    /// A `bool` column.
    public static func decode(text: [UInt8], type: PostgresDataType) -> Bool? {
        guard type == .bool, text.count == 1 else { return nil }
        switch text[0] {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: return nil
        }
    }
}

extension Date: PostgresDecodable {
    /// A `timestamptz` column, to the microsecond.
    public static func decode(text: [UInt8], type: PostgresDataType) -> Date? {
        type == .timestamptz ? PostgresTimestamp.parse(String(decoding: text, as: UTF8.self)) : nil
    }
}

extension Array: PostgresDecodable where Element == UInt8 {
    /// A `bytea` column.
    public static func decode(text: [UInt8], type: PostgresDataType) -> [UInt8]? {
        // Sessions use bytea_output=hex: "\x" then two hex digits per byte.
        guard type == .bytea, text.count >= 2, text.count % 2 == 0, text[0] == UInt8(ascii: "\\"),
            text[1] == UInt8(ascii: "x")
        else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.count / 2 - 1)
        var index = 2
        while index < text.count {
            guard let high = hexValue(text[index]), let low = hexValue(text[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}

private func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
}
