extension ModelCacheManager {
    /// The settings of both caches. Defaults are docs/architecture.md's; ``init(environment:)``
    /// reads the environment variables.
    public struct Configuration: Sendable, Equatable {
        /// The social cache (default: name `social`, 100 entries, 30 min idle timeout).
        public var social: ModelCache<String, SocialModel>.Configuration
        /// The advertising cache (default: name `advertising`, 50 entries, 30 min idle timeout).
        public var advertising: ModelCache<String, AdvertisingModel>.Configuration

        /// Creates a configuration; every parameter defaults to the documented value (docs/architecture.md).
        public init(
            social: ModelCache<String, SocialModel>.Configuration = .init(name: "social", maxEntries: 100),
            advertising: ModelCache<String, AdvertisingModel>.Configuration = .init(
                name: "advertising", maxEntries: 50)
        ) {
            self.social = social
            self.advertising = advertising
        }

        /// Reads the configuration from environment variables; unset or empty ones keep their defaults.
        ///
        /// | variable | meaning | default |
        /// | --- | --- | --- |
        /// | `MAX_SOCIAL_MODELS` | social cache entry bound | 100 |
        /// | `MAX_ADVERTISING_MODELS` | advertising cache entry bound | 50 |
        /// | `MODEL_IDLE_TIMEOUT_MS` | idle timeout of both caches, ms | 1800000 |
        ///
        /// - Throws: ``ModelCacheError/Code/invalidConfiguration`` naming the variable and its value when
        ///   one does not parse or is out of range.
        public init(environment: [String: String]) throws {
            self.init()
            let reader = EnvironmentReader(environment: environment)
            if let value = try reader.integer("MAX_SOCIAL_MODELS", in: 1...(1 << 24)) { social.maxEntries = value }
            if let value = try reader.integer("MAX_ADVERTISING_MODELS", in: 1...(1 << 24)) {
                advertising.maxEntries = value
            }
            if let value = try reader.integer("MODEL_IDLE_TIMEOUT_MS", in: 1...Int(Int32.max) * 1000) {
                social.idleTimeout = .milliseconds(value)
                advertising.idleTimeout = .milliseconds(value)
            }
            try validate()
        }

        /// Throws ``ModelCacheError/Code/invalidConfiguration`` for the first impossible value.
        public func validate() throws {
            try social.validate()
            try advertising.validate()
        }
    }
}
