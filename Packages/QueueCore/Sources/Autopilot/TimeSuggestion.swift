import Foundation

/// The best hour of the week to post for a user, from its social model: what `maxctl posts suggest-time`
/// prints and `GET /api/users/{userId}/suggested-time` serves.
public struct TimeSuggestion: Sendable, Codable, Equatable {
    /// The user.
    public var userId: String
    /// Whether the model was fitted on the user's history (false: the default model).
    public var trained: Bool
    /// The hour of the week, 0 (Monday 00:00 UTC) to 167.
    public var hourOfWeek: Int
    /// The weekday, 0 (Monday) to 6.
    public var weekday: Int
    /// The hour of the day, UTC.
    public var hour: Int
    /// The hour as text, e.g. `Tue 18:00 UTC`.
    public var label: String
    /// The next start of that hour after the moment of the suggestion.
    public var next: Date
    /// The engagement the model predicts for a typical post at that hour.
    public var predictedEngagement: Double

    /// The suggestion of `model` for `userID` at `now` (a typical post: no features).
    public init(userID: String, model: SocialEngagementModel, now: Date) {
        let best = model.bestHour()
        userId = userID
        trained = model.isTrained
        hourOfWeek = best.index
        weekday = best.weekday
        hour = best.hour
        label = best.description
        next = best.nextStart(after: now)
        predictedEngagement = model.predict(hour: best)
    }
}
