import Foundation

/// A captured baseline: named figures (latency percentiles with sample counts) and where they were measured.
///
/// The JSON form is documented in docs/OPERATIONS.md; `schemaVersion` changes whenever a reader of the old form
/// would misread the new one, and ``decode(_:origin:)`` refuses any other version. Figure names:
/// `queue/<name>/wait` (added → processing started), `queue/<name>/processing` (started → finished),
/// `queue/<name>/endToEnd` (added → finished), `api/<endpoint>` (HTTP round trip), `redis/ping`,
/// `modelLoad/<cache>`. Every value is in milliseconds.
public struct BaselineDocument: Codable, Sendable, Equatable {
    /// Where the figures were measured (no credentials).
    public struct Source: Codable, Sendable, Equatable {
        /// The monitoring-api base URL.
        public var api: String
        /// The Redis address (host:port, no password).
        public var redis: String
        /// The BullMQ key prefix.
        public var prefix: String

        /// Creates a source.
        public init(api: String, redis: String, prefix: String) {
            self.api = api
            self.redis = redis
            self.prefix = prefix
        }
    }

    /// The schema version this code writes and the only one it reads.
    public static let currentSchemaVersion = 1

    /// The document's schema version (``currentSchemaVersion`` for documents this code makes).
    public var schemaVersion: Int
    /// When the capture ended, ms since 1970 (JSON: the spec's timestamp form).
    public var capturedAt: Int64
    /// How long the capture measured, ms.
    public var durationMs: Int64
    /// Where it was measured.
    public var source: Source
    /// The figures by name (see the type's comment).
    public var figures: [String: BaselineFigure]

    /// Creates a document of the current schema version.
    public init(capturedAt: Int64, durationMs: Int64, source: Source, figures: [String: BaselineFigure]) {
        schemaVersion = Self.currentSchemaVersion
        self.capturedAt = capturedAt
        self.durationMs = durationMs
        self.source = source
        self.figures = figures
    }

    private enum CodingKeys: String, CodingKey { case schemaVersion, capturedAt, durationMs, source, figures }

    /// Reads a document (any schema version; ``decode(_:origin:)`` checks it first).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        capturedAt = try container.decodeTimestamp(forKey: .capturedAt)
        durationMs = try container.decode(Int64.self, forKey: .durationMs)
        source = try container.decode(Source.self, forKey: .source)
        figures = try container.decode([String: BaselineFigure].self, forKey: .figures)
    }

    /// Writes the document, `capturedAt` in the spec's timestamp form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encodeTimestamp(capturedAt, forKey: .capturedAt)
        try container.encode(durationMs, forKey: .durationMs)
        try container.encode(source, forKey: .source)
        try container.encode(figures, forKey: .figures)
    }

    /// The document as pretty, key-sorted JSON text.
    public func jsonData() throws -> Data {
        try MonitoringJSON.makeEncoder(pretty: true).encode(self)
    }

    /// Reads a document from `data`, checking `schemaVersion` before anything else.
    ///
    /// - Parameter origin: what the data is (a file path, "the database"), for the messages.
    /// - Throws: `MonitoringError.invalidBaseline` naming `origin` when the data is not a JSON object, has no or
    ///   another `schemaVersion`, or lacks a field.
    public static func decode(_ data: Data, origin: String) throws(MonitoringError) -> BaselineDocument {
        struct VersionProbe: Decodable { let schemaVersion: Int? }
        let probe: VersionProbe
        do {
            probe = try JSONDecoder().decode(VersionProbe.self, from: data)
        } catch {
            throw MonitoringError(.invalidBaseline, "\(origin) is not a baseline document (not a JSON object)")
        }
        guard let version = probe.schemaVersion else {
            throw MonitoringError(.invalidBaseline, "\(origin) has no schemaVersion: it is not a baseline document")
        }
        guard version == currentSchemaVersion else {
            throw MonitoringError(
                .invalidBaseline,
                "\(origin) has schemaVersion \(version); this version reads schemaVersion \(currentSchemaVersion) "
                    + "only: capture a new baseline with `maxctl baseline capture`")
        }
        do {
            return try JSONDecoder().decode(BaselineDocument.self, from: data)
        } catch {
            throw MonitoringError(
                .invalidBaseline, "\(origin) is not a complete baseline document of schemaVersion \(version): \(error)")
        }
    }
}
