import Foundation
import PostgresClient

/// A row of `scheduled_posts`: the system of record for one post.
public struct ScheduledPost: Sendable, Hashable, Codable {
    /// The post id (bigserial).
    public var id: Int
    /// The owning user.
    public var userID: String
    /// The platform.
    public var platform: String
    /// The text.
    public var content: String
    /// When it is due.
    public var scheduledAt: Date
    /// Its status.
    public var status: PostStatus
    /// `n` of its current job id `post-<id>-v<n>`; bumped by every reschedule or re-enqueue of a finished job.
    public var jobVersion: Int
    /// Publication attempts made.
    public var attempts: Int
    /// The last attempt's failure reason, if any.
    public var lastError: String?
    /// The engagement its user's social model predicted at publication.
    public var predictedEngagement: Double?
    /// When it was published.
    public var publishedAt: Date?
    /// The publisher's id for the publication.
    public var externalID: String?
    /// Row creation time.
    public var createdAt: Date
    /// Last change of the row.
    public var updatedAt: Date

    /// JSON names (the posts API): camelCase with `Id`, e.g. `userId`, `externalId`.
    enum CodingKeys: String, CodingKey {
        case id
        case userID = "userId"
        case platform, content, scheduledAt, status, jobVersion, attempts, lastError
        case predictedEngagement, publishedAt
        case externalID = "externalId"
        case createdAt, updatedAt
    }

    /// The id of its current queue job.
    public var jobID: String { PostJobID.make(postID: id, version: jobVersion) }

    /// The columns every query selects, in this type's order.
    static let columns = """
        id, user_id, platform, content, scheduled_at, status, job_version, attempts, last_error,
        predicted_engagement, published_at, external_id, created_at, updated_at
        """

    init(row: PostgresRow) throws {
        id = try row.decode(Int.self, "id")
        userID = try row.decode(String.self, "user_id")
        platform = try row.decode(String.self, "platform")
        content = try row.decode(String.self, "content")
        scheduledAt = try row.decode(Date.self, "scheduled_at")
        let statusText = try row.decode(String.self, "status")
        guard let status = PostStatus(rawValue: statusText) else {
            throw ScheduledPostsError(.invalidTransition, "post \(id) has an unknown status \(statusText)")
        }
        self.status = status
        jobVersion = try row.decode(Int.self, "job_version")
        attempts = try row.decode(Int.self, "attempts")
        lastError = try row.decode(String?.self, "last_error")
        predictedEngagement = try row.decode(Double?.self, "predicted_engagement")
        publishedAt = try row.decode(Date?.self, "published_at")
        externalID = try row.decode(String?.self, "external_id")
        createdAt = try row.decode(Date.self, "created_at")
        updatedAt = try row.decode(Date.self, "updated_at")
    }
}
