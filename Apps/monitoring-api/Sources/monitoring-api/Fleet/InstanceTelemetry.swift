import AIModelCache
import Monitoring

/// One process's line in the fleet's `/api/monitoring/ai-models`: its caches' sizes and lookups and its
/// memory, so an operator sees which instance holds what (the totals are in the report itself).
struct InstanceTelemetry: Codable, Sendable, Equatable {
    /// One cache of one process.
    struct Cache: Codable, Sendable, Equatable {
        /// Models held now.
        var currentSize: Int
        /// The cache's bound.
        var maxSize: Int
        /// Lookups answered from the cache.
        var hits: UInt64
        /// Lookups that loaded.
        var misses: UInt64
        /// The held models' estimated size, MB.
        var estimatedModelMB: Double

        init(_ telemetry: CacheTelemetry) {
            currentSize = telemetry.currentSize
            maxSize = telemetry.maxSize
            hits = telemetry.hits
            misses = telemetry.misses
            estimatedModelMB = telemetry.estimatedModelMB
        }
    }

    /// The process's name, `<host>-<pid>`.
    var instance: String
    /// Its social cache.
    var social: Cache
    /// Its advertising cache.
    var advertising: Cache
    /// Its memory (the memory alert compares the largest).
    var memory: ProcessMemory

    /// The line of `instance` from its published input.
    init(instance: String, input: AIModelsInput) {
        self.instance = instance
        social = Cache(input.social)
        advertising = Cache(input.advertising)
        memory = input.memory
    }

    /// One line per instance, sorted by name.
    static func lines(_ inputs: [String: AIModelsInput]) -> [InstanceTelemetry] {
        inputs.sorted { $0.key < $1.key }.map { InstanceTelemetry(instance: $0.key, input: $0.value) }
    }
}
