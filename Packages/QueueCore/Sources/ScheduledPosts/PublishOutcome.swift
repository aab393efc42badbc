/// What the post-publishing processor did with one job (stored as the job's `returnvalue`).
public struct PublishOutcome: Sendable, Hashable, Codable {
    /// `published`, or `skipped` when the job had nothing to do (redelivered, cancelled, superseded).
    public var result: String
    /// The post id.
    public var postId: Int
    /// Why a job was skipped.
    public var reason: String?
    /// The publication's external id.
    public var externalId: String?
    /// The engagement the user's social model predicted.
    public var predictedEngagement: Double?

    static func skipped(_ postId: Int, _ reason: String) -> PublishOutcome {
        PublishOutcome(result: "skipped", postId: postId, reason: reason)
    }
}
