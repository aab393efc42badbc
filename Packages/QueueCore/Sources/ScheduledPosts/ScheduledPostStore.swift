import Foundation
import PostgresClient

/// `scheduled_posts` and `publications`: the system of record, with every status change a conditional update.
///
/// Transitions only happen from the statuses that allow them (`WHERE status IN …`), so two workers, or a
/// worker and a cancel, can race safely: the loser's update touches no row. Thread-safe; each call is one
/// statement or one transaction on the pooled `PostgresClient` (blocking libpq runs on the client's threads).
public final class ScheduledPostStore: Sendable {
    /// The database.
    public let database: PostgresClient

    /// A store on `database`; call `migrate()` once before use.
    public init(database: PostgresClient) { self.database = database }

    /// Applies `ScheduledPostsSchema.migrations` (idempotent, safe from several processes at once).
    public func migrate() async throws { try await database.migrate(ScheduledPostsSchema.migrations) }

    /// Validates and inserts a post with status `scheduled`, job version 1.
    public func insert(_ post: NewPost, now: Date = Date()) async throws -> ScheduledPost {
        try post.validate(now: now)
        return try await one(
            """
            INSERT INTO scheduled_posts (user_id, platform, content, scheduled_at) VALUES ($1, $2, $3, $4)
            RETURNING \(ScheduledPost.columns)
            """, [.string(post.userID), .string(post.platform), .string(post.content), .date(post.scheduledAt)])!
    }

    /// The post with `id`, or nil.
    public func post(id: Int) async throws -> ScheduledPost? {
        try await one("SELECT \(ScheduledPost.columns) FROM scheduled_posts WHERE id = $1", [.int(id)])
    }

    /// Posts in `status` (all when nil), by id, at most `limit`, with ids above `afterID` (for paging).
    public func posts(status: PostStatus? = nil, afterID: Int = 0, limit: Int = 100) async throws -> [ScheduledPost] {
        let rows =
            if let status {
                try await database.query(
                    "SELECT \(ScheduledPost.columns) FROM scheduled_posts WHERE status = $1 AND id > $2"
                        + " ORDER BY id LIMIT $3", [.string(status.rawValue), .int(afterID), .int(limit)])
            } else {
                try await database.query(
                    "SELECT \(ScheduledPost.columns) FROM scheduled_posts WHERE id > $1 ORDER BY id LIMIT $2",
                    [.int(afterID), .int(limit)])
            }
        return try rows.map(ScheduledPost.init(row:))
    }

    /// Posts still waiting for publication (`scheduled` or `queued`), by id, for the reconciler.
    public func pendingPosts(afterID: Int = 0, limit: Int = 500) async throws -> [ScheduledPost] {
        let rows = try await database.query(
            "SELECT \(ScheduledPost.columns) FROM scheduled_posts WHERE status IN ('scheduled', 'queued')"
                + " AND id > $1 ORDER BY id LIMIT $2", [.int(afterID), .int(limit)])
        return try rows.map(ScheduledPost.init(row:))
    }

    /// `scheduled` → `queued` for job version `version`; false when the row moved on meanwhile.
    @discardableResult
    public func markQueued(id: Int, version: Int) async throws -> Bool {
        try await database.execute(
            "UPDATE scheduled_posts SET status = 'queued', updated_at = now()"
                + " WHERE id = $1 AND job_version = $2 AND status = 'scheduled'", [.int(id), .int(version)]) == 1
    }

    /// Moves a pending post to `scheduledAt` and bumps its job version (status back to `scheduled`).
    /// Throws `.notFound` or `.invalidTransition` when the post is unknown or no longer pending.
    public func reschedule(id: Int, to scheduledAt: Date, now: Date = Date()) async throws -> ScheduledPost {
        try NewPost.validateTime(scheduledAt, now: now)
        return try await transition(
            id: id, to: "reschedule",
            """
            UPDATE scheduled_posts SET scheduled_at = $2, job_version = job_version + 1, status = 'scheduled',
              updated_at = now()
            WHERE id = $1 AND status IN ('scheduled', 'queued') RETURNING \(ScheduledPost.columns)
            """, [.int(id), .date(scheduledAt)])
    }

    /// Bumps a pending post's job version without moving it (its finished job cannot be added again);
    /// nil when the post is no longer pending or its version changed.
    public func bumpVersion(id: Int, from version: Int) async throws -> ScheduledPost? {
        try await one(
            """
            UPDATE scheduled_posts SET job_version = job_version + 1, status = 'scheduled', updated_at = now()
            WHERE id = $1 AND job_version = $2 AND status IN ('scheduled', 'queued') RETURNING \(ScheduledPost.columns)
            """, [.int(id), .int(version)])
    }

    /// Marks a pending post `cancelled`; throws `.notFound` or `.invalidTransition` otherwise.
    public func cancel(id: Int) async throws -> ScheduledPost {
        try await transition(
            id: id, to: "cancel",
            """
            UPDATE scheduled_posts SET status = 'cancelled', updated_at = now()
            WHERE id = $1 AND status IN ('scheduled', 'queued') RETURNING \(ScheduledPost.columns)
            """, [.int(id)])
    }

    /// Counts one failed publication attempt of a pending post and keeps its reason (first 1,000 characters).
    public func recordFailedAttempt(id: Int, reason: String) async throws {
        try await database.execute(
            "UPDATE scheduled_posts SET attempts = attempts + 1, last_error = $2, updated_at = now()"
                + " WHERE id = $1 AND status IN ('scheduled', 'queued')",
            [.int(id), .string(String(reason.prefix(1000)))])
    }

    /// In one transaction: marks the post `published` — only from `scheduled|queued` and only for job version
    /// `version` — and inserts its `publications` row. False (and nothing written) when the post was already
    /// published, cancelled, failed or rescheduled: a redelivered job changes nothing.
    public func markPublished(
        id: Int, version: Int, publication: Publication, predictedEngagement: Double?, at date: Date = Date()
    ) async throws -> Bool {
        try await database.withTransaction { transaction in
            let updated = try await transaction.execute(
                """
                UPDATE scheduled_posts SET status = 'published', published_at = $3, external_id = $4,
                  predicted_engagement = $5, attempts = attempts + 1, updated_at = now()
                WHERE id = $1 AND job_version = $2 AND status IN ('scheduled', 'queued')
                """,
                [
                    .int(id), .int(version), .date(date), .string(publication.externalID),
                    predictedEngagement.map { .double($0) },
                ])
            guard updated == 1 else { return false }
            // The unique post_id makes a second publication row impossible even if the update above raced.
            try await transaction.execute(
                "INSERT INTO publications (post_id, publisher, external_id, job_id, published_at)"
                    + " VALUES ($1, $2, $3, $4, $5)",
                [
                    .int(id), .string(publication.publisher), .string(publication.externalID),
                    .string(PostJobID.make(postID: id, version: version)), .date(date),
                ])
            return true
        }
    }

    /// Marks a pending post `failed` with `reason`; false when it is no longer pending.
    @discardableResult
    public func markFailed(id: Int, reason: String) async throws -> Bool {
        try await database.execute(
            "UPDATE scheduled_posts SET status = 'failed', last_error = $2, updated_at = now()"
                + " WHERE id = $1 AND status IN ('scheduled', 'queued')",
            [.int(id), .string(String(reason.prefix(1000)))]) == 1
    }

    /// The publication of a post, or nil.
    public func publication(postID: Int) async throws -> Publication? {
        let rows = try await database.query(
            "SELECT publisher, external_id FROM publications WHERE post_id = $1", [.int(postID)])
        guard let row = rows.first else { return nil }
        return Publication(
            publisher: try row.decode(String.self, "publisher"),
            externalID: try row.decode(String.self, "external_id"))
    }

    /// How many publications exist for `postID` (0 or 1; the unique key forbids more).
    public func publicationCount(postID: Int) async throws -> Int {
        let rows = try await database.query("SELECT count(*) AS n FROM publications WHERE post_id = $1", [.int(postID)])
        return try rows.first?.decode(Int.self, "n") ?? 0
    }

    /// Post counts per status (statuses without posts are absent).
    public func countsByStatus() async throws -> [PostStatus: Int] {
        let rows = try await database.query("SELECT status, count(*) AS n FROM scheduled_posts GROUP BY status")
        var counts: [PostStatus: Int] = [:]
        for row in rows {
            if let status = PostStatus(rawValue: try row.decode(String.self, "status")) {
                counts[status] = try row.decode(Int.self, "n")
            }
        }
        return counts
    }

    private func one(_ sql: String, _ parameters: [PostgresValue?]) async throws -> ScheduledPost? {
        try await database.query(sql, parameters).first.map(ScheduledPost.init(row:))
    }

    /// Runs a conditional update; when it touches nothing, tells an unknown id from a refused transition.
    private func transition(id: Int, to action: String, _ sql: String, _ parameters: [PostgresValue?]) async throws
        -> ScheduledPost
    {
        if let post = try await one(sql, parameters) { return post }
        guard let current = try await post(id: id) else {
            throw ScheduledPostsError(.notFound, "no scheduled post has id \(id)")
        }
        throw ScheduledPostsError(
            .invalidTransition, "cannot \(action) post \(id): it is \(current.status.rawValue), not scheduled or queued"
        )
    }
}
