import AIModelCache

/// The AI-model caches' sizes and idle timeout, as the settings path resolves them; the app hands them to
/// AIModelCache as a plain ``AIModelCache/ModelCacheManager/Configuration`` (``cacheConfiguration()``).
public struct ModelCacheSettings: Sendable, Equatable {
    /// Entry bound of the social autopilot cache (`MAX_SOCIAL_MODELS`). Default 100.
    public var maxSocialModels: Int
    /// Entry bound of the advertising autopilot cache (`MAX_ADVERTISING_MODELS`). Default 50.
    public var maxAdvertisingModels: Int
    /// Idle models of both caches are evicted after this long (`MODEL_IDLE_TIMEOUT_MS`). Default 30 minutes.
    public var idleTimeout: Duration

    /// Creates settings; every parameter defaults to the documented value (``AIModelCache/ModelCacheDefaults``).
    public init(
        maxSocialModels: Int = ModelCacheDefaults.maxSocialModels,
        maxAdvertisingModels: Int = ModelCacheDefaults.maxAdvertisingModels,
        idleTimeout: Duration = ModelCacheDefaults.idleTimeout
    ) {
        self.maxSocialModels = maxSocialModels
        self.maxAdvertisingModels = maxAdvertisingModels
        self.idleTimeout = idleTimeout
    }

    /// The configuration of both caches with these sizes and timeout (names `social` and `advertising`).
    public func cacheConfiguration<Social, Advertising>() -> ModelCacheManager<Social, Advertising>.Configuration {
        .init(maxSocialModels: maxSocialModels, maxAdvertisingModels: maxAdvertisingModels, idleTimeout: idleTimeout)
    }
}
