import Essentials
import Foundation
import PostgresClient

/// A post the API acknowledged (201): its id and the content it was given (unique: the checker finds by it a
/// post whose request got no answer).
public struct AcknowledgedPost: Sendable, Equatable, Codable {
    /// The post's id.
    public var id: Int
    /// Its content.
    public var content: String

    /// Creates the record of an acknowledged post.
    public init(id: Int, content: String) {
        self.id = id
        self.content = content
    }
}

/// The checker's verdict on a soak's scheduled posts, from the posts database: every acknowledged post must be
/// published exactly once; none may be lost, failed or published twice.
///
/// Where each figure comes from: `acknowledged` and the in-doubt contents from ``PostsProducer``; statuses from
/// `scheduled_posts`; publications from `publications` (one row per publication; its unique `post_id` is what
/// makes a second publication impossible, and the checker counts rather than trusting that).
public struct PostAccounting: Sendable, Codable, Equatable {
    /// Posts the API acknowledged (201).
    public var acknowledged = 0
    /// Acknowledged posts published exactly once.
    public var publishedOnce = 0
    /// Acknowledged posts not published when the checker gave up waiting: the bug this hunts.
    public var lost: [Int] = []
    /// Posts with more than one publication, with the count.
    public var publishedTwice: [Int: Int] = [:]
    /// Acknowledged posts whose status is `failed` (an infrastructure error must never fail a post).
    public var failed: [Int] = []
    /// Posts marked `published` with no publication row, or with a publication but another status.
    public var inconsistent: [Int] = []
    /// Posts of this soak in the database that were neither acknowledged nor in doubt.
    public var unexpected: [Int] = []
    /// Requests that got no answer whose post exists all the same (the insert committed, the reply was lost).
    public var inDoubtFound = 0

    /// An accounting of `acknowledged` posts, `publishedOnce` of them published once, nothing else found yet.
    public init(acknowledged: Int = 0, publishedOnce: Int = 0) {
        self.acknowledged = acknowledged
        self.publishedOnce = publishedOnce
    }

    /// One line per broken rule (empty when the accounting passes).
    public var failures: [String] {
        var lines: [String] = []
        if !lost.isEmpty { lines.append("lost \(lost.count) acknowledged post(s): \(Self.list(lost))") }
        if !publishedTwice.isEmpty {
            lines.append(
                "\(publishedTwice.count) post(s) published more than once: \(Self.list(publishedTwice.keys.sorted()))")
        }
        if !failed.isEmpty { lines.append("\(failed.count) acknowledged post(s) failed: \(Self.list(failed))") }
        if !inconsistent.isEmpty {
            lines.append(
                "\(inconsistent.count) post(s) whose status and publications disagree: \(Self.list(inconsistent))")
        }
        if !unexpected.isEmpty {
            lines.append("\(unexpected.count) unexpected post(s), never acknowledged: \(Self.list(unexpected))")
        }
        return lines
    }

    /// One line for progress output.
    public var summary: String {
        "posts acknowledged \(acknowledged), published once \(publishedOnce), lost \(lost.count), "
            + "published twice \(publishedTwice.count), failed \(failed.count), inconsistent \(inconsistent.count), "
            + "unexpected \(unexpected.count), in-doubt found \(inDoubtFound)"
    }

    /// A post as the database holds it.
    public struct Row: Sendable, Equatable {
        var id: Int
        var content: String
        var status: String
        var publications: Int
    }

    /// Tallies `rows` (every post whose content carries the soak's tag) against what the producer saw.
    public static func account(rows: [Row], acknowledged: [AcknowledgedPost], inDoubt: Set<String>)
        -> PostAccounting
    {
        var accounting = PostAccounting(acknowledged: acknowledged.count)
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let acknowledgedIDs = Set(acknowledged.map(\.id))
        for post in acknowledged {
            guard let row = byID[post.id], row.status == "published", row.publications > 0 else {
                if byID[post.id]?.status == "failed" {
                    accounting.failed.append(post.id)
                } else {
                    accounting.lost.append(post.id)
                }
                continue
            }
            if row.publications == 1 { accounting.publishedOnce += 1 }
        }
        for row in rows {
            if row.publications > 1 { accounting.publishedTwice[row.id] = row.publications }
            if (row.status == "published") != (row.publications > 0) { accounting.inconsistent.append(row.id) }
            guard !acknowledgedIDs.contains(row.id) else { continue }
            if inDoubt.contains(row.content) {
                accounting.inDoubtFound += 1
            } else {
                accounting.unexpected.append(row.id)
            }
        }
        return accounting
    }

    /// Reads every post tagged `tag` with its publication count.
    public static func rows(tag: String, database: PostgresClient) async throws -> [Row] {
        let rows = try await database.query(
            """
            SELECT p.id, p.content, p.status, (SELECT count(*) FROM publications u WHERE u.post_id = p.id) AS n
            FROM scheduled_posts p WHERE p.content LIKE $1 ORDER BY p.id
            """, [.string(tag + "-%")])
        return try rows.map { row in
            Row(
                id: try row.decode(Int.self, "id"), content: try row.decode(String.self, "content"),
                status: try row.decode(String.self, "status"), publications: try row.decode(Int.self, "n"))
        }
    }

    /// Polls until every acknowledged post has left `scheduled`/`queued` or `timeout` passes; returns whether
    /// they all did (the accounting then names the ones that did not as lost). Database errors while it is
    /// still recovering count as not settled yet.
    public static func settle(
        tag: String, acknowledged: [AcknowledgedPost], database: PostgresClient, timeout: Duration
    ) async -> Bool {
        let ids = Set(acknowledged.map(\.id))
        return await Deadline.poll(timeout: timeout, interval: .milliseconds(500)) {
            guard let rows = try? await rows(tag: tag, database: database) else { return false }
            return rows.filter { ids.contains($0.id) }.allSatisfy { $0.status != "scheduled" && $0.status != "queued" }
        }
    }

    /// The first ids of `ids`, as ``Accounting`` lists job ids.
    private static func list(_ ids: [Int]) -> String { Accounting.list(ids.map(String.init)) }
}
