import AIModelCache
import Essentials

extension Setting {
    /// One line for `--help` and the README: what the setting does and its default.
    public var help: String {
        switch self {
        case .redisURL: "Redis holding the queues (default redis://127.0.0.1:6379)"
        case .host: "address the API listens on (default 127.0.0.1)"
        case .port: "port the API listens on, 0 for any free one (default 5000)"
        case .queuePrefix: "BullMQ key prefix (default bull)"
        case .queues: "comma-separated queues to monitor (default: discover <prefix>:*:meta)"
        case .monitorInterval: "time between collections, ms or 500ms/30s/10m/24h (default 30000)"
        case .metricsRetention: "samples kept per queue (default 100)"
        case .maxWaitingJobs: "alert above this many waiting + prioritized jobs (default 1000)"
        case .maxFailedRate: "alert above this failed ratio over the window, 0-1 or 10% (default 0.1)"
        case .maxStalledJobs: "alert above this many active jobs without a lock (default 10)"
        case .maxRedisLatency: "alert above this median PING, ms or 100ms (default 100)"
        case .minFinishedForRate: "jobs finished in the window before the failed rate is judged (default 20)"
        case .noWorkerAlert: "alert when jobs wait with no worker this long, ms or 60s (default 60000)"
        case .cacheUtilizationAlert: "AI cache utilisation ratio for the info alert (default 0.9)"
        case .cacheMinHitRate: "AI cache hit-rate ratio below which a warning fires (default 0.5)"
        case .cacheMinLoads: "AI cache loads before the hit-rate rule applies (default 20)"
        case .memoryAlertMB: "process memory in MB for the critical alert (default 2048)"
        case .apiToken:
            "admin bearer token: every route but /livez, /readyz, /openapi.json and the console page (default none: open)"
        case .apiReadToken: "read-only bearer token: GET routes only, writes answer 403 (needs API_TOKEN; default none)"
        case .auditRetentionDays:
            "days of audit entries kept (PostgreSQL when DATABASE_URL is set, else memory; default 90)"
        case .logLevel: "debug, info, warning or error (default info)"
        case .alertProfile:
            "default, or production: stalled>5, failed>5%, Redis>50ms, cache>80%, memory>1.5GB, with resolve and for"
        case .maxSocialModels: "social autopilot model cache size (default \(ModelCacheDefaults.maxSocialModels))"
        case .maxAdvertisingModels:
            "advertising autopilot model cache size (default \(ModelCacheDefaults.maxAdvertisingModels))"
        case .modelIdleTimeout:
            "idle models are evicted after this long, ms or 500ms/30s/30m "
                + "(default \(ModelCacheDefaults.idleTimeout.wholeMilliseconds))"
        case .databaseURL: "PostgreSQL of the auto-posting workers (default postgres://127.0.0.1:5432/maxbooster)"
        case .publishWebhookURL: "http:// URL each due post is POSTed to before it is recorded (default none)"
        case .demo: "1 or true: seed a few users and trickle posts (default off)"
        case .alertmanagerURL: "Alertmanager base URL alerts are posted to, e.g. http://127.0.0.1:9093 (default none)"
        case .externalURL: "address people reach this server at, for alert links (default http://<host>:<port>)"
        case .alertWebhookURL: "http(s):// URL each alert transition is POSTed to as JSON (default none)"
        case .alertWebhookSecret: "signs webhook bodies: X-MaxBooster-Signature: sha256=<HMAC> (default none)"
        case .alertSlackWebhookURL: "Slack-compatible incoming webhook URL for alert messages (default none)"
        case .alertMinSeverity:
            "least severe alert the webhook and Slack get: info, warning, critical (default warning)"
        case .alertHistoryDays:
            "days of alert transitions kept (PostgreSQL when DATABASE_URL is set, else memory; default 30)"
        }
    }
}
