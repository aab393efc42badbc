import AIModelCache
import Foundation

/// An `EvictionRecord` as the JSON of ``AIModelsReport`` and ``AIModelsInput`` carries it: `userId`,
/// `modelType`, `reason`, `idleTimeMs` and `timestamp` in the spec's form (ISO 8601 UTC with ms) whatever the
/// encoder's date strategy, so any `JSONDecoder` reads it back. Reading also takes a number of seconds since
/// 2001, what JSONEncoder's default made of the `Date` in telemetry that processes of an earlier version
/// published.
struct EvictionJSON: Codable {
    /// The record.
    let record: EvictionRecord

    private enum CodingKeys: String, CodingKey {
        case userId, modelType, reason, idleTimeMs, timestamp
    }

    init(_ record: EvictionRecord) { self.record = record }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let timestamp: Date
        if let seconds = try? container.decode(Double.self, forKey: .timestamp) {
            timestamp = Date(timeIntervalSinceReferenceDate: seconds)
        } else {
            timestamp = Date(
                timeIntervalSince1970: Double(try container.decodeTimestamp(forKey: .timestamp)) / 1000)
        }
        record = EvictionRecord(
            userId: try container.decode(String.self, forKey: .userId),
            modelType: try container.decode(String.self, forKey: .modelType),
            reason: try container.decode(EvictionReason.self, forKey: .reason),
            idleTimeMs: try container.decode(Double.self, forKey: .idleTimeMs), timestamp: timestamp)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record.userId, forKey: .userId)
        try container.encode(record.modelType, forKey: .modelType)
        try container.encode(record.reason, forKey: .reason)
        try container.encode(record.idleTimeMs, forKey: .idleTimeMs)
        try container.encode(MonitoringJSON.timestamp(record.timestamp), forKey: .timestamp)
    }
}

/// How ``AIModelsReport`` and ``AIModelsInput`` code their `recentEvictions`: each record with `timestamp` in
/// the spec's form (ISO 8601 UTC with ms) whatever the coder's date strategy, so a plain `JSONDecoder` (maxctl)
/// reads the API; a number of seconds since 2001 (telemetry of an earlier version) is read too.
@propertyWrapper
public struct EvictionList: Codable, Sendable, Equatable {
    /// The records, oldest first.
    public var wrappedValue: [EvictionRecord]

    /// Wraps `wrappedValue`.
    public init(wrappedValue: [EvictionRecord]) { self.wrappedValue = wrappedValue }

    /// Reads a JSON array of records.
    public init(from decoder: any Decoder) throws {
        wrappedValue = try [EvictionJSON](from: decoder).map(\.record)
    }

    /// Writes the records as a JSON array, each `timestamp` ISO 8601 UTC with ms.
    public func encode(to encoder: any Encoder) throws {
        try wrappedValue.map(EvictionJSON.init).encode(to: encoder)
    }
}
