extension ModelCacheManager {
    /// The settings of both caches, a plain value: the app resolves its settings (flags, environment,
    /// files) and passes the result; this package reads no environment. Defaults are docs/architecture.md's.
    public struct Configuration: Sendable, Equatable {
        /// The social cache (default: name `social`, ``ModelCacheDefaults``: 100 entries, 30 min idle timeout).
        public var social: ModelCache<String, SocialModel>.Configuration
        /// The advertising cache (default: name `advertising`, ``ModelCacheDefaults``: 50 entries, 30 min idle).
        public var advertising: ModelCache<String, AdvertisingModel>.Configuration

        /// Creates a configuration; every parameter defaults to the documented value (docs/architecture.md).
        public init(
            social: ModelCache<String, SocialModel>.Configuration = .init(
                name: "social", maxEntries: ModelCacheDefaults.maxSocialModels),
            advertising: ModelCache<String, AdvertisingModel>.Configuration = .init(
                name: "advertising", maxEntries: ModelCacheDefaults.maxAdvertisingModels)
        ) {
            self.social = social
            self.advertising = advertising
        }

        /// Both caches with the given entry bounds and one idle timeout (names `social` and `advertising`).
        public init(maxSocialModels: Int, maxAdvertisingModels: Int, idleTimeout: Duration) {
            self.init(
                social: .init(name: "social", maxEntries: maxSocialModels, idleTimeout: idleTimeout),
                advertising: .init(name: "advertising", maxEntries: maxAdvertisingModels, idleTimeout: idleTimeout))
        }

        /// Throws ``ModelCacheError/Code/invalidConfiguration`` for the first impossible value.
        public func validate() throws {
            try social.validate()
            try advertising.validate()
        }
    }
}
