/// Every setting of monitoring-api, with the defaults in docs/architecture.md and the README;
/// ``load(flags:environment:readFile:)`` reads them with the precedence flag > environment >
/// `MONITORING_CONFIG` file > `ALERT_PROFILE` > defaults.
///
/// The app parses its own arguments and passes the flags as a dictionary; ``Setting`` lists every
/// setting's names (variable, flag, JSON key). The monitor reads its fields; the model caches' and the
/// workers' settings (``models``, ``workers``) are carried for the app to hand on as plain values.
public struct MonitoringConfiguration: Sendable, Equatable {
    /// Redis to monitor (`REDIS_URL`). Default `redis://127.0.0.1:6379`.
    public var redisURL: String
    /// Address the API listens on (`HOST`). Default `127.0.0.1`.
    public var host: String
    /// Port the API listens on (`PORT`), 0 picks a free one. Default 5000.
    public var port: Int
    /// BullMQ key prefix (`QUEUE_PREFIX`). Default `bull`.
    public var queuePrefix: String
    /// Queues to monitor (`QUEUES`, comma-separated); nil discovers them by scanning `<prefix>:*:meta`. Default nil.
    public var queues: [String]?
    /// Time between collections (`MONITOR_INTERVAL_MS`). Default 30 s.
    public var monitorInterval: Duration
    /// Samples kept per queue (`METRICS_RETENTION`). Default 100.
    public var metricsRetention: Int
    /// Queue and Redis thresholds.
    public var thresholds: AlertThresholds
    /// AI-model cache alert thresholds.
    public var cacheAlerts: CacheAlertSettings
    /// Severity per rule; rules not listed use ``AlertRule/defaultSeverity``. Set in `MONITORING_CONFIG` (`severities`).
    public var severities: [AlertRule: AlertSeverity]
    /// Resolve threshold, `for`, cooldown and repeat per rule (`rules.<rule>` in `MONITORING_CONFIG`, under them the
    /// profile's). Rules not listed: resolve at the threshold, fire at once, no cooldown, no repeat.
    public var rules: [AlertRule: AlertRuleSettings]
    /// Per-queue overrides (`queues.<name>.rules.<rule>`), over ``rules`` and the thresholds. Default none.
    public var queueRules: [String: [AlertRule: AlertRuleSettings]]
    /// The profile applied under the explicit settings (`ALERT_PROFILE`). Default `default`.
    public var alertProfile: AlertProfile
    /// Bearer token every API endpoint but `/livez` and `/readyz` requires (`API_TOKEN`); nil means open. Never logged.
    public var apiToken: String?
    /// Read-only bearer token (`API_READ_TOKEN`): GET routes only; needs ``apiToken``. Nil: no read-only role. Never
    /// logged.
    public var apiReadToken: String?
    /// Where admin actions are audited and for how long (`AUDIT_RETENTION_DAYS`, `DATABASE_URL`).
    public var audit: AuditSettings
    /// Minimum level of log lines (`LOG_LEVEL`). Default `info`.
    public var logLevel: LogLevel
    /// The AI-model caches' sizes and idle timeout.
    public var models: ModelCacheSettings
    /// The auto-posting workers' database, webhook and demo switch.
    public var workers: WorkerSettings
    /// Where alert transitions are delivered (Alertmanager, webhook, Slack). Default nowhere.
    public var delivery: AlertDeliverySettings
    /// Where alert transitions are kept and for how long (`ALERT_HISTORY_DAYS`, `DATABASE_URL`).
    public var alertHistory: AlertHistorySettings
    /// The `MONITORING_CONFIG` file that was read, if any.
    public var configFile: String?

    /// Creates a configuration; every parameter defaults to the documented value.
    public init(
        redisURL: String = "redis://127.0.0.1:6379", host: String = "127.0.0.1", port: Int = 5000,
        queuePrefix: String = "bull", queues: [String]? = nil, monitorInterval: Duration = .seconds(30),
        metricsRetention: Int = 100, thresholds: AlertThresholds = AlertThresholds(),
        cacheAlerts: CacheAlertSettings = CacheAlertSettings(), severities: [AlertRule: AlertSeverity] = [:],
        rules: [AlertRule: AlertRuleSettings] = [:], queueRules: [String: [AlertRule: AlertRuleSettings]] = [:],
        alertProfile: AlertProfile = .default, apiToken: String? = nil, logLevel: LogLevel = .info,
        models: ModelCacheSettings = ModelCacheSettings(), workers: WorkerSettings = WorkerSettings(),
        delivery: AlertDeliverySettings = AlertDeliverySettings(),
        alertHistory: AlertHistorySettings = AlertHistorySettings(retentionDays: 30), apiReadToken: String? = nil,
        audit: AuditSettings = AuditSettings(retentionDays: 90), configFile: String? = nil
    ) {
        self.apiReadToken = apiReadToken
        self.audit = audit
        self.redisURL = redisURL
        self.host = host
        self.port = port
        self.queuePrefix = queuePrefix
        self.queues = queues
        self.monitorInterval = monitorInterval
        self.metricsRetention = metricsRetention
        self.thresholds = thresholds
        self.cacheAlerts = cacheAlerts
        self.severities = severities
        self.rules = rules
        self.queueRules = queueRules
        self.alertProfile = alertProfile
        self.apiToken = apiToken
        self.logLevel = logLevel
        self.models = models
        self.workers = workers
        self.delivery = delivery
        self.alertHistory = alertHistory
        self.configFile = configFile
    }

    /// The severity `rule` fires with: the configured override, else the documented default.
    public func severity(of rule: AlertRule) -> AlertSeverity {
        severities[rule] ?? rule.defaultSeverity
    }

    /// The address alert links point at: ``AlertDeliverySettings/externalURL``, else `http://<host>:<port>`.
    public var externalURL: String {
        delivery.externalURL ?? "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }
}
