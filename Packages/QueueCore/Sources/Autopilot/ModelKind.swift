/// The two model types kept in `ai_models` (and in the two AI-model caches).
public enum ModelKind: String, Sendable, Hashable, CaseIterable {
    /// The social engagement model (`SocialEngagementModel`).
    case social
    /// The advertising budget-response model (`AdvertisingBudgetModel`).
    case advertising
}
