import Foundation

extension NewPost {
    /// Decodes the body of `POST /api/posts`: `{"userId", "platform", "content", "scheduledAt"}`, the time as
    /// ISO 8601 with an offset (`2030-01-01T09:00:00Z`, `…+02:00`, fractional seconds allowed), then
    /// validates it. Every failure is `.invalidPost` naming the field (`body` when the JSON itself is bad).
    public init(json: [UInt8], now: Date = Date()) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
            throw ScheduledPostsError(.invalidPost, field: "body", "the body must be a JSON object")
        }
        func string(_ field: String, example: String) throws -> String {
            guard let value = object[field] else {
                throw ScheduledPostsError(.invalidPost, field: field, "\(field) is required (e.g. \(example))")
            }
            guard let text = value as? String else {
                throw ScheduledPostsError(.invalidPost, field: field, "\(field) must be a string (e.g. \(example))")
            }
            return text
        }
        let userID = try string("userId", example: "\"user-1\"")
        let platform = try string("platform", example: "\"instagram\"")
        let content = try string("content", example: "\"New single out now\"")
        let timeText = try string("scheduledAt", example: "\"2030-01-01T09:00:00Z\"")
        guard let scheduledAt = Self.parseTime(timeText) else {
            throw ScheduledPostsError(
                .invalidPost, field: "scheduledAt",
                "scheduledAt must be ISO 8601 with an offset, e.g. 2030-01-01T09:00:00Z or 2030-01-01T11:00:00+02:00")
        }
        self.init(userID: userID, platform: platform, content: content, scheduledAt: scheduledAt)
        try validate(now: now)
    }

    /// Parses ISO 8601 with a mandatory offset, with or without fractional seconds.
    static func parseTime(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
