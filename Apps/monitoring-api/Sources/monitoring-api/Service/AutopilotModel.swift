import AIModelCache
import Autopilot

/// The model type of this process's caches: one user's social engagement model (the `social` cache, loaded by
/// the `social-posts` worker) or advertising budget model (the `advertising` cache, loaded by the
/// `ad-optimization` worker). With `--no-workers` nothing loads, so the caches stay empty and their telemetry
/// shows the configured bounds and zero loads.
struct AutopilotModel: CacheableModel {
    /// The user the model was trained for.
    let userID: String
    /// The model's estimated size, bytes.
    let estimatedBytes: Int
    /// The social engagement model, in the `social` cache (`--workers`).
    var social: SocialEngagementModel? = nil
    /// The advertising budget model, in the `advertising` cache (`--workers`).
    var advertising: AdvertisingBudgetModel? = nil
}
