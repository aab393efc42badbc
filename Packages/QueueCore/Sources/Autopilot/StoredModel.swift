import Foundation

/// One row of `ai_models`: a user's model of one kind, as stored.
public struct StoredModel: Sendable, Hashable {
    /// The user.
    public var userID: String
    /// Which model.
    public var kind: ModelKind
    /// 1 for the first save, then one more for every retraining.
    public var version: Int
    /// The encoded model (`encoded()` of the model type).
    public var weights: [UInt8]
    /// When it was trained.
    public var trainedAt: Date
}
