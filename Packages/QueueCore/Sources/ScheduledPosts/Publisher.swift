/// Where a post goes when it is due: a social network's API, a webhook, or (by default) the database.
///
/// `publish` may be called more than once for one post (at-least-once job delivery, a crash between
/// publishing and marking published): implementations pass `idempotencyKey` on (e.g. as an
/// `Idempotency-Key` header) so the receiver publishes once. Throwing makes the job retry with backoff.
public protocol Publisher: Sendable {
    /// Publishes `post` (its `predictedEngagement` is the score computed for this attempt); `idempotencyKey`
    /// is the same for every attempt of the post (`post-<id>`).
    func publish(_ post: ScheduledPost, idempotencyKey: String) async throws -> Publication
}

/// What a publisher reports: who published and its id for the publication.
public struct Publication: Sendable, Hashable, Codable {
    /// The publisher's name (`database`, `webhook`, …), stored in `publications.publisher`.
    public var publisher: String
    /// The publisher's id of the publication (e.g. the remote post id).
    public var externalID: String

    /// Creates a publication record.
    public init(publisher: String, externalID: String) {
        self.publisher = publisher
        self.externalID = externalID
    }
}
