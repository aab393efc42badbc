extension ModelCache {
    /// The settings of one cache. Every parameter has a documented default; ``validate()`` rejects
    /// impossible values.
    public struct Configuration: Sendable, Equatable {
        /// The cache's name, used as `modelType` in telemetry and the eviction log. Default `"models"`.
        public var name: String
        /// The entry bound, 1 through ``ModelCacheLimits/maxEntries``. Default 100.
        public var maxEntries: Int
        /// The optional bound on the sum of `estimatedBytes` (≥ 1 when set). Default `nil` (none).
        public var maxBytes: Int?
        /// Entries unused for longer than this are never served and are swept. Default 30 minutes.
        /// Must be positive.
        public var idleTimeout: Duration
        /// The longest one load may take before its waiters get ``ModelCacheError/Code/loadTimedOut``.
        /// Default `nil` (no timeout). Must be positive when set.
        public var loadTimeout: Duration?
        /// How many evictions the eviction log keeps. Default 1,000.
        public var evictionLogCapacity: Int

        /// Creates a configuration; every parameter has the default documented on its property.
        public init(
            name: String = "models", maxEntries: Int = 100, maxBytes: Int? = nil,
            idleTimeout: Duration = ModelCacheDefaults.idleTimeout, loadTimeout: Duration? = nil,
            evictionLogCapacity: Int = 1000
        ) {
            self.name = name
            self.maxEntries = maxEntries
            self.maxBytes = maxBytes
            self.idleTimeout = idleTimeout
            self.loadTimeout = loadTimeout
            self.evictionLogCapacity = evictionLogCapacity
        }

        /// Throws ``ModelCacheError/Code/invalidConfiguration`` naming the first impossible value.
        public func validate() throws {
            func invalid(_ message: String) -> ModelCacheError {
                ModelCacheError(.invalidConfiguration, "cache '\(name)': \(message)")
            }
            guard !name.isEmpty else { throw invalid("name must not be empty") }
            guard maxEntries >= 1 && maxEntries <= ModelCacheLimits.maxEntries else {
                throw invalid("maxEntries must be between 1 and 16777216; got \(maxEntries)")
            }
            if let maxBytes, maxBytes < 1 { throw invalid("maxBytes must be at least 1 when set; got \(maxBytes)") }
            guard idleTimeout > .zero else { throw invalid("idleTimeout must be positive; got \(idleTimeout)") }
            if let loadTimeout, loadTimeout <= .zero {
                throw invalid("loadTimeout must be positive when set; got \(loadTimeout)")
            }
            guard evictionLogCapacity >= 1 else {
                throw invalid("evictionLogCapacity must be at least 1; got \(evictionLogCapacity)")
            }
        }
    }
}

/// Bounds every cache configuration must respect.
public enum ModelCacheLimits {
    /// The largest entry bound a cache accepts (2^24).
    public static let maxEntries = 1 << 24
}
