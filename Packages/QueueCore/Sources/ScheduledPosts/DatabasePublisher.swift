/// The default publisher: the publication is the `publications` row itself, written by
/// `ScheduledPostStore.markPublished` in the same transaction as the status change (unique per post).
///
/// It has no side effect of its own, so retries and redeliveries are trivially idempotent; its external id
/// is the idempotency key.
public struct DatabasePublisher: Publisher {
    /// Creates the publisher.
    public init() {}

    /// Returns `Publication(publisher: "database", externalID: idempotencyKey)`.
    public func publish(_ post: ScheduledPost, idempotencyKey: String) async throws -> Publication {
        Publication(publisher: "database", externalID: idempotencyKey)
    }
}
