import Foundation

/// A post to schedule: who, where, what and when.
public struct NewPost: Sendable, Hashable, Codable {
    /// Longest accepted content, in characters.
    public static let maxContentLength = 10_000
    /// How far in the past `scheduledAt` may be (60 s): clock skew and request latency must not turn a post
    /// meant for "now" into an error; such a post is published at once.
    public static let pastTolerance: Duration = .seconds(60)
    /// Longest accepted user id, in characters.
    public static let maxUserIDLength = 128

    /// The user who owns the post (and whose social model scores it).
    public var userID: String
    /// The platform, lowercase letters, digits, `-` and `_` (e.g. `instagram`, `x`), at most 32 characters.
    public var platform: String
    /// The text to publish (1…10,000 characters).
    public var content: String
    /// When to publish; must not be more than `pastTolerance` in the past.
    public var scheduledAt: Date

    /// JSON names, as in the posts API.
    enum CodingKeys: String, CodingKey {
        case userID = "userId"
        case platform, content, scheduledAt
    }

    /// Creates a post to schedule.
    public init(userID: String, platform: String, content: String, scheduledAt: Date) {
        self.userID = userID
        self.platform = platform
        self.content = content
        self.scheduledAt = scheduledAt
    }

    /// Throws `.invalidPost` naming the first bad field; `now` is the reference for "in the past".
    public func validate(now: Date = Date()) throws {
        try Self.validateUserID(userID)
        let platformCharacters = platform.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        guard !platform.isEmpty, platform.count <= 32, platformCharacters else {
            throw ScheduledPostsError(
                .invalidPost, field: "platform",
                "platform must be 1…32 lowercase letters, digits, '-' or '_' (e.g. instagram)")
        }
        guard !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
            content.count <= Self.maxContentLength, !content.contains("\0")
        else {
            throw ScheduledPostsError(
                .invalidPost, field: "content",
                "content must be 1…\(Self.maxContentLength) characters, not blank, without NUL")
        }
        try Self.validateTime(scheduledAt, now: now)
    }

    /// Throws `.invalidPost` (field `scheduledAt`) for a time more than `pastTolerance` before `now`.
    static func validateTime(_ scheduledAt: Date, now: Date) throws {
        let earliest = now.addingTimeInterval(-(pastTolerance / .seconds(1)))
        guard scheduledAt.timeIntervalSince1970.isFinite, scheduledAt >= earliest else {
            throw ScheduledPostsError(
                .invalidPost, field: "scheduledAt",
                "scheduledAt must not be in the past (ISO 8601 with offset, e.g. 2030-01-01T09:00:00Z)")
        }
    }

    /// Throws `.invalidPost` (field `userId`) unless `userID` is 1…``maxUserIDLength`` characters, not blank,
    /// without NUL: the rule for every user id the API takes.
    public static func validateUserID(_ userID: String) throws {
        let trimmed = userID.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, userID.count <= maxUserIDLength, !userID.contains("\0") else {
            throw ScheduledPostsError(
                .invalidPost, field: "userId", "userId must be 1…\(maxUserIDLength) characters, not blank")
        }
    }
}
