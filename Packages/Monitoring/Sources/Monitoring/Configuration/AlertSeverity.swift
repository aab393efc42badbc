import AIModelCache

/// How serious an alert is, per the health model in docs/architecture.md: AIModelCache's severity, shared so cache
/// alerts and queue alerts need no mapping.
///
/// `info` is listed and logged but leaves health alone; `warning` makes the system `degraded`;
/// `critical` makes it `unhealthy`. Ordered `info < warning < critical`.
public typealias AlertSeverity = CacheAlert.Severity
