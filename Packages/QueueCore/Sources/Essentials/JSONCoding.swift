import Foundation

/// The one JSON encoder set-up: sorted keys (stable output for tests and diffs) and unescaped slashes.
public enum JSONCoding {
    /// A new encoder with sorted keys and unescaped slashes; `pretty` adds indentation, `iso8601Dates`
    /// writes dates as ISO 8601 (seconds) instead of Foundation's default number.
    public static func encoder(pretty: Bool = false, iso8601Dates: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        if iso8601Dates { encoder.dateEncodingStrategy = .iso8601 }
        return encoder
    }

    /// `value` encoded as UTF-8 JSON text with ``encoder(pretty:iso8601Dates:)``'s defaults.
    public static func string(_ value: some Encodable) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }
}
