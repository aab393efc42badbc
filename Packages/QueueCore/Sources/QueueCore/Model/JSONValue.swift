import Essentials
import Foundation

/// A JSON value, parsed leniently and written compactly with sorted keys.
///
/// Used for job options, whose stored form BullMQ re-encodes with Lua `cjson` (escaped `/`, exponent
/// numbers, arbitrary key order); unknown keys survive a read-modify-write round trip.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses JSON text (any top-level value); throws `QueueError` with code `.invalidJSON` if it is not JSON.
    public static func parse(_ text: String) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw QueueError(.invalidJSON, "the text is not valid JSON (\(text.utf8.count) bytes)")
        }
    }

    /// Checks that `text` is JSON (any top-level value) without building a value; throws `.invalidJSON`.
    public static func validate(_ text: String) throws {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw QueueError(.invalidJSON, "the text is not valid JSON (\(text.utf8.count) bytes)")
        }
    }

    /// Compact JSON text with sorted keys; integral numbers are written without a fraction.
    public var jsonText: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value):
            if value.rounded() == value, abs(value) < 9.0e15 {
                out += String(Int64(value))
            } else if value.isFinite {
                out += "\(value)"
            } else {
                out += "null"
            }
        case .string(let value): JSONString.append(value, to: &out)
        case .array(let values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                value.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                JSONString.append(key, to: &out)
                out += ":"
                members[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    /// The members of an object, else nil.
    public var objectValue: [String: JSONValue]? { if case .object(let value) = self { value } else { nil } }
    /// The value of a number, else nil.
    public var doubleValue: Double? { if case .number(let value) = self { value } else { nil } }
    /// A number as an integer (rounded toward zero), or a string holding an integer, else nil.
    public var intValue: Int? {
        switch self {
        case .number(let value) where value.isFinite && abs(value) < 9.0e18: Int(value)
        case .string(let text): Int(text)
        default: nil
        }
    }
    /// The value of a boolean, else nil.
    public var boolValue: Bool? { if case .bool(let value) = self { value } else { nil } }
    /// The value of a string, else nil.
    public var stringValue: String? { if case .string(let value) = self { value } else { nil } }
}

extension JSONValue: Codable {
    /// Decodes any JSON value; booleans are tried before numbers because JSONDecoder never turns one into the other.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Encodes the value as the JSON it represents.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
