/// The documented defaults of the two model caches (docs/architecture.md), written once: this package's
/// configurations and Monitoring's settings, validation messages and help read them.
public enum ModelCacheDefaults {
    /// Entry bound of the social cache (`MAX_SOCIAL_MODELS`): 100.
    public static let maxSocialModels = 100
    /// Entry bound of the advertising cache (`MAX_ADVERTISING_MODELS`): 50.
    public static let maxAdvertisingModels = 50
    /// Idle models are evicted after this long (`MODEL_IDLE_TIMEOUT_MS`): 30 minutes.
    public static let idleTimeout: Duration = .seconds(1800)
}
