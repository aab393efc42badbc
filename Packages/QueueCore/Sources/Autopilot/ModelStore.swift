import Foundation
import PostgresClient

/// The `ai_models` table: per-user model weights as `bytea`, one row per user and kind.
///
/// Thread-safe (`PostgresClient` pools its connections); every call is one statement, run off the cooperative
/// pool by the client.
public final class ModelStore: Sendable {
    /// The migration that creates `ai_models` (version 703; ScheduledPosts uses 701–702).
    public static let migrations = [
        Migration(
            version: 703, name: "create_ai_models",
            sql: """
                CREATE TABLE ai_models (
                    user_id text NOT NULL CHECK (user_id <> ''),
                    model_type text NOT NULL CHECK (model_type IN ('social', 'advertising')),
                    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
                    weights bytea NOT NULL,
                    trained_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (user_id, model_type)
                );
                """)
    ]

    /// The database.
    public let database: PostgresClient

    /// A store on `database` (run `migrate()` once before use).
    public init(database: PostgresClient) { self.database = database }

    /// Applies `migrations` (idempotent, safe from several processes at once).
    public func migrate() async throws { try await database.migrate(Self.migrations) }

    /// Saves a user's model, replacing the previous one; returns the stored version (previous + 1).
    @discardableResult
    public func save(userID: String, kind: ModelKind, weights: [UInt8], trainedAt: Date = Date()) async throws -> Int {
        let rows = try await database.query(
            """
            INSERT INTO ai_models (user_id, model_type, weights, trained_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (user_id, model_type) DO UPDATE
              SET weights = EXCLUDED.weights, trained_at = EXCLUDED.trained_at, version = ai_models.version + 1
            RETURNING version
            """, [.string(userID), .string(kind.rawValue), .bytes(weights), .date(trainedAt)])
        return try rows.first?.decode(Int.self, "version") ?? 1
    }

    /// The stored model of `userID` and `kind`, or nil when there is none.
    public func load(userID: String, kind: ModelKind) async throws -> StoredModel? {
        let rows = try await database.query(
            "SELECT version, weights, trained_at FROM ai_models WHERE user_id = $1 AND model_type = $2",
            [.string(userID), .string(kind.rawValue)])
        guard let row = rows.first else { return nil }
        return StoredModel(
            userID: userID, kind: kind, version: try row.decode(Int.self, "version"),
            weights: try row.decode([UInt8].self, "weights"), trainedAt: try row.decode(Date.self, "trained_at"))
    }

    /// The user's decoded social model, or nil when none is stored (use `SocialEngagementModel.untrained`).
    public func socialModel(for userID: String) async throws -> SocialEngagementModel? {
        guard let stored = try await load(userID: userID, kind: .social) else { return nil }
        return try SocialEngagementModel(userID: userID, encoded: stored.weights)
    }

    /// The user's decoded advertising model, or nil when none is stored.
    public func advertisingModel(for userID: String) async throws -> AdvertisingBudgetModel? {
        guard let stored = try await load(userID: userID, kind: .advertising) else { return nil }
        return try AdvertisingBudgetModel(userID: userID, encoded: stored.weights)
    }

    /// How many models of `kind` are stored.
    public func count(kind: ModelKind) async throws -> Int {
        let rows = try await database.query(
            "SELECT count(*) AS n FROM ai_models WHERE model_type = $1", [.string(kind.rawValue)])
        return try rows.first?.decode(Int.self, "n") ?? 0
    }
}
