import Autopilot

/// Loads social models from `ai_models` for a `PostPublishingProcessor.ModelProvider` (put a cache in front
/// of it): a user without a stored model gets `SocialEngagementModel.untrained` and one `onMissing` call.
public struct SocialModelLoader: Sendable {
    /// The model table.
    public let store: ModelStore
    /// Feature dimension of the default model (default: that of a 64 KB model).
    public let defaultDimension: Int
    let onMissing: (@Sendable (_ userID: String) -> Void)?

    /// Creates a loader; `onMissing` is where the app logs "user has no model, using the default".
    public init(
        store: ModelStore, defaultDimension: Int = SocialEngagementModel.dimension(sizeKB: 64),
        onMissing: (@Sendable (_ userID: String) -> Void)? = nil
    ) {
        self.store = store
        self.defaultDimension = defaultDimension
        self.onMissing = onMissing
    }

    /// The stored model of `userID`, or the default. Throws on a database error or undecodable weights.
    public func load(userID: String) async throws -> SocialEngagementModel {
        if let model = try await store.socialModel(for: userID) { return model }
        onMissing?(userID)
        return SocialEngagementModel.untrained(userID: userID, dimension: defaultDimension)
    }
}
