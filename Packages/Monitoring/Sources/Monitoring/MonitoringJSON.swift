import Essentials
import Foundation

/// JSON helpers shared by the API shapes: one encoder configuration and the spec's timestamp format.
///
/// Every instant in the JSON API is the spec's `timestamp` form, ISO 8601 UTC with milliseconds
/// (`2025-11-20T01:56:57.776Z`), under a name without a unit (`timestamp`, `since`, `start`); numbers in
/// fields ending `Ms` are durations. This package's types write their instants in that form whatever the
/// encoder (so a plain `JSONDecoder` reads them back); any other `Date` in a body (a post's times) gets the
/// same form from ``makeEncoder(pretty:)``.
public enum MonitoringJSON {
    /// An encoder with sorted keys (stable output for tests and diffs), no escaped slashes, and dates in
    /// the spec's timestamp form.
    public static func makeEncoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONCoding.encoder(pretty: pretty)
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(timestamp(date))
        }
        return encoder
    }

    /// The spec's timestamp form, UTC with milliseconds: `2025-11-20T01:56:57.776Z`.
    public static func timestamp(milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let millis = Int(milliseconds % 1000)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }

    /// `date` in the spec's timestamp form, to the nearest millisecond.
    public static func timestamp(_ date: Date) -> String {
        timestamp(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }

    /// The ms since 1970 of an ISO 8601 instant (the spec's form; also without fraction or with an offset),
    /// to the nearest millisecond; nil when `text` is not one.
    public static func milliseconds(fromTimestamp text: String) -> Int64? {
        guard let date = try? Date(text, strategy: .iso8601) else { return nil }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// Now, in ms since 1970 (wall clock).
    public static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// What a decoding error says about a time field that is not an ISO 8601 instant.
    static let invalidTimestamp = "expected an ISO 8601 UTC timestamp such as 2025-11-20T01:56:57.776Z"
}

extension KeyedEncodingContainer {
    /// Encodes an instant kept as ms since 1970 in the spec's timestamp form.
    mutating func encodeTimestamp(_ milliseconds: Int64, forKey key: Key) throws {
        try encode(MonitoringJSON.timestamp(milliseconds: milliseconds), forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// Reads an instant written by ``KeyedEncodingContainer/encodeTimestamp(_:forKey:)`` as ms since 1970.
    func decodeTimestamp(forKey key: Key) throws -> Int64 {
        let text = try decode(String.self, forKey: key)
        guard let milliseconds = MonitoringJSON.milliseconds(fromTimestamp: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "\(MonitoringJSON.invalidTimestamp): \(text.prefix(40))")
        }
        return milliseconds
    }

    /// ``decodeTimestamp(forKey:)`` for a field that may be null or absent.
    func decodeTimestampIfPresent(forKey key: Key) throws -> Int64? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeTimestamp(forKey: key)
    }
}
