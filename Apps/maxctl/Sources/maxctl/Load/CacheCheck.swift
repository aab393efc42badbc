/// Whether the API tier's social model cache behaved as an LRU cache should for the order the users asked
/// for suggested times: the measured hits (the process's cache counters before and after the users ran)
/// beside the hits an exact LRU of the same capacity gets on the same request order.
///
/// The two differ a little: requests from different users overlap, so the server may see two of them in the
/// other order than they were sent, and a request that misses while another for the same user loads joins
/// that load (single flight).
struct CacheCheck: Sendable, Codable, Equatable {
    /// The cache's capacity (models).
    var capacity: Int
    /// Distinct users that asked.
    var users: Int
    /// Suggested-time requests sent.
    var requests: Int
    /// Lookups the process counted (hits + misses) in the step, and its hit rate (0...1).
    var lookups: Int
    var measuredHitRate: Double?
    /// What an exact LRU of `capacity` gets on the requests' order (0...1).
    var predictedHitRate: Double?
    /// Misses beyond the models still held: evictions (nil when the counters were not readable).
    var evictions: Int?
    /// Why the figures are missing, when they are.
    var note: String?

    /// The hit rate of an exact LRU of `capacity` on `order`, starting empty; nil for no requests.
    static func lruHitRate(capacity: Int, order: [String]) -> Double? {
        guard !order.isEmpty, capacity > 0 else { return nil }
        var lastUse: [String: Int] = [:]
        var hits = 0
        for (time, key) in order.enumerated() {
            if let previous = lastUse[key] {
                // A hit when fewer than `capacity` other keys were used since `key`'s last use.
                let distinctSince = lastUse.values.count { $0 > previous }
                if distinctSince < capacity { hits += 1 }
            }
            lastUse[key] = time
        }
        return Double(hits) / Double(order.count)
    }
}
