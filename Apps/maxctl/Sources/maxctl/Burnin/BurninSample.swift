import Monitoring

/// One line of a burn-in's `samples.jsonl`: what the interval ending at ``at`` measured.
struct BurninSample: Sendable, Codable, Equatable {
    /// Percentiles of one figure in the interval, ms (a baseline's figure: the same percentiles, nil without samples).
    typealias Figure = BaselineFigure

    /// One queue's jobs that finished in the interval.
    struct QueueFigures: Sendable, Codable, Equatable {
        var completed: Int
        var failed: Int
        /// Added → processing started.
        var wait: Figure
        /// Processing started → finished.
        var processing: Figure
        /// Ready → finished, as `maxctl baseline` measures a queue's end to end (nil in samples of older versions).
        var endToEnd: Figure?
        var endToEndHistogram: LatencyHistogram?
    }

    /// One cache's lookups in the interval (the fleet's totals' deltas).
    struct CacheFigures: Sendable, Codable, Equatable {
        var hits: Int
        var misses: Int
        /// hits ÷ lookups, nil without lookups.
        var hitRate: Double?
    }

    /// One process the burn-in started.
    struct ProcessFigures: Sendable, Codable, Equatable {
        var name: String
        var pid: Int32
        /// Resident memory (from `/proc`), nil when the process was not running.
        var rssKiB: Int?
        /// malloc heap in use, as the process publishes it (nil when it has not).
        var heapMB: Double?
    }

    /// Redis as the burn-in sees it.
    struct RedisFigures: Sendable, Codable, Equatable {
        /// PING round trip from the tool, ms (nil: no answer).
        var latencyMs: Double?
        /// Connections Redis accepted in the interval (`total_connections_received`).
        var newConnections: Int
        /// New connections beyond the growth of connected clients: connections that replaced closed ones (a pool
        /// growing is not a reconnect). Nil in samples of older versions.
        var reconnects: Int?
        /// Error replies Redis sent in the interval (`total_error_replies`).
        var errorReplies: Int
        var connectedClients: Int
    }

    /// The end of the interval, ms since the epoch, and seconds since the run started.
    var at: Int64
    var elapsedSeconds: Double
    /// Every API request of the interval, and those that failed.
    var api: Figure
    /// The same latencies bucketed, for the whole run's percentiles.
    var apiHistogram: LatencyHistogram
    var apiErrors: Int
    /// Posts the API acknowledged, and posts published, in the interval.
    var postsAcknowledged: Int
    var postsPublished: Int
    /// Due → published of the posts published in the interval.
    var endToEnd: Figure
    var endToEndHistogram: LatencyHistogram
    /// By queue name.
    var queues: [String: QueueFigures]
    /// failed ÷ (completed + failed) over every queue, nil when none finished.
    var failedRate: Double?
    /// By cache (`social`, `advertising`).
    var caches: [String: CacheFigures]
    var processes: [ProcessFigures]
    var redis: RedisFigures
    /// Worker processes the burn-in killed and restarted in the interval (`--disturb`).
    var disturbances: Int
}
