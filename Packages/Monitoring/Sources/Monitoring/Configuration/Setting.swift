/// One setting of monitoring-api and its three names: environment variable, command-line flag(s) and
/// `MONITORING_CONFIG` JSON key. The README's settings table lists the same rows.
///
/// This is the one settings path of the server: the monitor's settings, where it listens (`HOST`, `PORT`,
/// `API_TOKEN`), the model caches' sizes and the auto-posting workers' settings all resolve here with one
/// precedence and one duration syntax; the app hands the packages the plain values.
public enum Setting: String, Sendable, CaseIterable {
    /// `REDIS_URL`, `--redis-url` (or `--redis`), `redisUrl`.
    case redisURL
    /// `HOST`, `--host`, `host`.
    case host
    /// `PORT`, `--port`, `port`.
    case port
    /// `QUEUE_PREFIX`, `--queue-prefix` (or `--prefix`), `queuePrefix`.
    case queuePrefix
    /// `QUEUES`, `--queues`, `queues` (a JSON array or a comma-separated string).
    case queues
    /// `MONITOR_INTERVAL_MS`, `--monitor-interval`, `monitorIntervalMs` (a number of ms or `30s`).
    case monitorInterval
    /// `METRICS_RETENTION`, `--metrics-retention`, `metricsRetention`.
    case metricsRetention
    /// `MAX_WAITING_JOBS`, `--max-waiting-jobs`, `maxWaitingJobs`.
    case maxWaitingJobs
    /// `MAX_FAILED_RATE`, `--max-failed-rate`, `maxFailedRate` (a ratio, or a percentage like `5%`).
    case maxFailedRate
    /// `MAX_STALLED_JOBS`, `--max-stalled-jobs`, `maxStalledJobs`.
    case maxStalledJobs
    /// `MAX_REDIS_LATENCY_MS`, `--max-redis-latency`, `maxRedisLatencyMs` (a number of ms or `50ms`).
    case maxRedisLatency
    /// `MIN_FINISHED_FOR_RATE`, `--min-finished-for-rate`, `minFinishedForRate`.
    case minFinishedForRate
    /// `NO_WORKER_ALERT_MS`, `--no-worker-alert-ms`, `noWorkerAlertMs` (a number of ms or `1m`).
    case noWorkerAlert
    /// `AI_CACHE_UTILIZATION_ALERT`, `--ai-cache-utilization-alert`, `aiCacheUtilizationAlert`.
    case cacheUtilizationAlert
    /// `AI_CACHE_MIN_HIT_RATE`, `--ai-cache-min-hit-rate`, `aiCacheMinHitRate`.
    case cacheMinHitRate
    /// `AI_CACHE_MIN_LOADS`, `--ai-cache-min-loads`, `aiCacheMinLoads`.
    case cacheMinLoads
    /// `AI_MEMORY_ALERT_MB`, `--ai-memory-alert-mb`, `aiMemoryAlertMb`.
    case memoryAlertMB
    /// `API_TOKEN`, `--api-token`, `apiToken`.
    case apiToken
    /// `LOG_LEVEL`, `--log-level`, `logLevel` (`debug`, `info`, `warning`, `error`).
    case logLevel
    /// `ALERT_PROFILE`, `--alert-profile`, `alertProfile` (`default`, `production`).
    case alertProfile
    /// `MAX_SOCIAL_MODELS`, `--max-social-models`, `maxSocialModels`.
    case maxSocialModels
    /// `MAX_ADVERTISING_MODELS`, `--max-advertising-models`, `maxAdvertisingModels`.
    case maxAdvertisingModels
    /// `MODEL_IDLE_TIMEOUT_MS`, `--model-idle-timeout` (or `--model-idle-timeout-ms`), `modelIdleTimeoutMs`
    /// (a number of ms or `30m`).
    case modelIdleTimeout
    /// `DATABASE_URL`, `--database` (or `--database-url`), `databaseUrl`.
    case databaseURL
    /// `PUBLISH_WEBHOOK_URL`, `--publish-webhook` (or `--publish-webhook-url`), `publishWebhookUrl`.
    case publishWebhookURL
    /// `DEMO`, the bare flag `--demo`, `demo` (`1`/`true` or `0`/`false`).
    case demo
    /// `ALERTMANAGER_URL`, `--alertmanager-url`, `alertmanagerUrl`: the Alertmanager alerts are posted to.
    case alertmanagerURL
    /// `EXTERNAL_URL`, `--external-url`, `externalUrl`: the address people reach the server at (alert links).
    case externalURL
    /// `ALERT_WEBHOOK_URL`, `--alert-webhook-url`, `alertWebhookUrl`: the generic alert webhook.
    case alertWebhookURL
    /// `ALERT_WEBHOOK_SECRET`, `--alert-webhook-secret`, `alertWebhookSecret`: signs the webhook's bodies.
    case alertWebhookSecret
    /// `ALERT_SLACK_WEBHOOK_URL`, `--alert-slack-webhook-url`, `alertSlackWebhookUrl`: a Slack incoming webhook.
    case alertSlackWebhookURL
    /// `ALERT_MIN_SEVERITY`, `--alert-min-severity`, `alertMinSeverity`: the least severe alert the webhook and Slack
    /// get (`info`, `warning`, `critical`).
    case alertMinSeverity
    /// `ALERT_HISTORY_DAYS`, `--alert-history-days`, `alertHistoryDays` (whole days).
    case alertHistoryDays
    /// `API_READ_TOKEN`, `--api-read-token`, `apiReadToken`: the read-only bearer token (GET routes only).
    case apiReadToken
    /// `AUDIT_RETENTION_DAYS`, `--audit-retention-days`, `auditRetentionDays` (whole days).
    case auditRetentionDays

    /// The environment variable.
    public var environmentName: String {
        switch self {
        case .redisURL: "REDIS_URL"
        case .host: "HOST"
        case .port: "PORT"
        case .queuePrefix: "QUEUE_PREFIX"
        case .queues: "QUEUES"
        case .monitorInterval: "MONITOR_INTERVAL_MS"
        case .metricsRetention: "METRICS_RETENTION"
        case .maxWaitingJobs: "MAX_WAITING_JOBS"
        case .maxFailedRate: "MAX_FAILED_RATE"
        case .maxStalledJobs: "MAX_STALLED_JOBS"
        case .maxRedisLatency: "MAX_REDIS_LATENCY_MS"
        case .minFinishedForRate: "MIN_FINISHED_FOR_RATE"
        case .noWorkerAlert: "NO_WORKER_ALERT_MS"
        case .cacheUtilizationAlert: "AI_CACHE_UTILIZATION_ALERT"
        case .cacheMinHitRate: "AI_CACHE_MIN_HIT_RATE"
        case .cacheMinLoads: "AI_CACHE_MIN_LOADS"
        case .memoryAlertMB: "AI_MEMORY_ALERT_MB"
        case .apiToken: "API_TOKEN"
        case .logLevel: "LOG_LEVEL"
        case .alertProfile: "ALERT_PROFILE"
        case .maxSocialModels: "MAX_SOCIAL_MODELS"
        case .maxAdvertisingModels: "MAX_ADVERTISING_MODELS"
        case .modelIdleTimeout: "MODEL_IDLE_TIMEOUT_MS"
        case .databaseURL: "DATABASE_URL"
        case .publishWebhookURL: "PUBLISH_WEBHOOK_URL"
        case .demo: "DEMO"
        case .alertmanagerURL: "ALERTMANAGER_URL"
        case .externalURL: "EXTERNAL_URL"
        case .alertWebhookURL: "ALERT_WEBHOOK_URL"
        case .alertWebhookSecret: "ALERT_WEBHOOK_SECRET"
        case .alertSlackWebhookURL: "ALERT_SLACK_WEBHOOK_URL"
        case .alertMinSeverity: "ALERT_MIN_SEVERITY"
        case .alertHistoryDays: "ALERT_HISTORY_DAYS"
        case .apiReadToken: "API_READ_TOKEN"
        case .auditRetentionDays: "AUDIT_RETENTION_DAYS"
        }
    }

    /// The flag names without the leading `--`; the first is the canonical one.
    public var flagNames: [String] {
        switch self {
        case .redisURL: ["redis-url", "redis"]
        case .queuePrefix: ["queue-prefix", "prefix"]
        case .monitorInterval: ["monitor-interval"]
        case .maxRedisLatency: ["max-redis-latency"]
        case .modelIdleTimeout: ["model-idle-timeout", "model-idle-timeout-ms"]
        case .databaseURL: ["database", "database-url"]
        case .publishWebhookURL: ["publish-webhook", "publish-webhook-url"]
        default: [environmentName.lowercased().replacingUnderscores()]
        }
    }

    /// Whether the flag is a bare boolean (`--demo`) rather than `--flag value`.
    public var isBooleanFlag: Bool { self == .demo }

    /// The key in the `MONITORING_CONFIG` JSON file (the environment variable name is accepted too).
    public var jsonKey: String {
        switch self {
        case .redisURL: "redisUrl"
        case .monitorInterval: "monitorIntervalMs"
        case .maxRedisLatency: "maxRedisLatencyMs"
        case .noWorkerAlert: "noWorkerAlertMs"
        case .cacheUtilizationAlert: "aiCacheUtilizationAlert"
        case .cacheMinHitRate: "aiCacheMinHitRate"
        case .cacheMinLoads: "aiCacheMinLoads"
        case .memoryAlertMB: "aiMemoryAlertMb"
        case .modelIdleTimeout: "modelIdleTimeoutMs"
        case .databaseURL: "databaseUrl"
        case .publishWebhookURL: "publishWebhookUrl"
        case .alertmanagerURL: "alertmanagerUrl"
        case .externalURL: "externalUrl"
        case .alertWebhookURL: "alertWebhookUrl"
        case .alertSlackWebhookURL: "alertSlackWebhookUrl"
        default: rawValue
        }
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}
