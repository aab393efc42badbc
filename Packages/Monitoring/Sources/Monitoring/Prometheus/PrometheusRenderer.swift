import AIModelCache

/// Renders the monitor's state as Prometheus text: queues, Redis, the collector itself, AI-model caches,
/// alerts and health. Base units (seconds, bytes, ratios 0–1), `_total` only on counters, labels `queue`,
/// `state`, `cache`. Pure; the README lists every family.
public enum PrometheusRenderer {
    /// The exposition text.
    ///
    /// - Parameters:
    ///   - monitor: the queue monitor's snapshot.
    ///   - aiModels: the AI-model report, if this process has caches (or read them from workers).
    ///   - health: the system health, for the status families.
    ///   - delivery: the alert delivery sinks' counters (none when no sink is configured).
    ///   - alertHistory: the alert history writer's status, for its backlog and drop counter.
    public static func render(
        monitor: MonitorSnapshot, aiModels: AIModelsReport?, health: SystemHealth?,
        delivery: [DeliveryStatistics] = [], alertHistory: AlertHistoryStatus? = nil
    ) -> String {
        var writer = PrometheusWriter()
        writer.family(
            "maxbooster_monitoring_info", .gauge, help: "Monitoring package version (always 1).",
            [.init([("version", MonitoringVersion.string)], 1)])
        writeQueues(monitor, into: &writer)
        writeRedis(monitor, into: &writer)
        writeCollector(monitor, into: &writer)
        if let aiModels { writeAIModels(aiModels, into: &writer) }
        let alerts = monitor.alerts + (aiModels?.alerts ?? [])
        writer.family(
            "maxbooster_alert_firing", .gauge,
            help: "1 for each firing alert, by rule (alert), severity and subject (queue, cache, redis or process).",
            alerts.map {
                .init([("alert", $0.alert.rawValue), ("severity", $0.severity.rawValue), ("subject", $0.subject)], 1)
            })
        writeDelivery(delivery, into: &writer)
        if let alertHistory {
            writer.family(
                "maxbooster_alert_history_backlog", .gauge,
                help: "Alert transitions waiting to be written to the history store (label store).",
                [.init([("store", alertHistory.store)], Double(alertHistory.backlog))])
            writer.family(
                "maxbooster_alert_history_dropped_total", .counter,
                help: "Alert transitions dropped because the history buffer was full (the store was down too long).",
                [.init([("store", alertHistory.store)], Double(alertHistory.dropped))])
        }
        if let health {
            writer.family(
                "maxbooster_health_status", .gauge, help: "1 for the current system health status, 0 for the others.",
                HealthStatus.allCases.map { .init([("status", $0.rawValue)], $0 == health.status ? 1 : 0) })
            writer.family(
                "maxbooster_component_healthy", .gauge, help: "1 when the component is healthy.",
                [
                    .init([("component", "queues")], health.components.queues.healthy ? 1 : 0),
                    .init([("component", "aiModels")], health.components.aiModels.healthy ? 1 : 0),
                ])
        }
        return writer.text
    }

    private static func writeQueues(_ monitor: MonitorSnapshot, into writer: inout PrometheusWriter) {
        let samples = monitor.queues.compactMap { monitor.latest[$0] }
        func perQueue(_ value: (QueueSample) -> Double?) -> [PrometheusWriter.Sample] {
            samples.compactMap { sample in value(sample).map { .init([("queue", sample.queue)], $0) } }
        }
        writer.family(
            "maxbooster_queue_jobs", .gauge,
            help: "Jobs per queue and state (BullMQ state names) at the last collection.",
            samples.flatMap { sample in
                sample.counts.byState.map { .init([("queue", sample.queue), ("state", $0.state)], Double($0.count)) }
            })
        writer.family(
            "maxbooster_queue_stalled_jobs", .gauge, help: "Active jobs whose lock was gone at the last collection.",
            perQueue { Double($0.stalled) })
        writer.family(
            "maxbooster_queue_paused", .gauge, help: "1 when the queue is paused.", perQueue { $0.paused ? 1 : 0 })
        writer.family(
            "maxbooster_queue_workers", .gauge,
            help: "Workers of the queue, ours and other clients', from CLIENT LIST (absent when Redis refuses it).",
            perQueue { $0.workers.count.map(Double.init) })
        writer.family(
            "maxbooster_queue_legacy_paused_jobs", .gauge,
            help: "Jobs in the legacy paused list of Node BullMQ 5.x or older (also counted as waiting).",
            perQueue { Double($0.legacyPausedJobs) })
        writer.family(
            "maxbooster_queue_oldest_waiting_age_seconds", .gauge,
            help: "Age of the oldest waiting or prioritized job (absent when none waits).",
            perQueue { $0.oldestWaitingAgeMs.map { Double($0) / 1000 } })
        writer.family(
            "maxbooster_queue_window_seconds", .gauge, help: "Length of the window the window figures cover.",
            perQueue { Double($0.window.durationMs) / 1000 })
        writer.family(
            "maxbooster_queue_window_jobs", .gauge,
            help: "Jobs that completed, failed for good, or were retried in the last window (absent when unmeasured).",
            samples.flatMap { sample in
                [
                    ("completed", sample.window.completed), ("failed", sample.window.failed),
                    ("retried", sample.window.retries),
                ]
                .compactMap { state, figure in
                    figure.value.map { .init([("queue", sample.queue), ("state", state)], Double($0)) }
                }
            })
        writer.family(
            "maxbooster_queue_failed_ratio", .gauge,
            help: "failed / (completed + failed) over the last window, 0-1 (absent when nothing finished).",
            perQueue(\.failedRate))
        writer.family(
            "maxbooster_queue_completed_per_second", .gauge, help: "Completed jobs per second over the last window.",
            perQueue { $0.completedPerMinute.map { $0 / 60 } })
        writer.family(
            "maxbooster_queue_average_processing_seconds", .gauge,
            help: "Mean processing time of the jobs finished in the last window.",
            perQueue { $0.averageProcessingMs.map { $0 / 1000 } })
    }

    private static func writeDelivery(_ delivery: [DeliveryStatistics], into writer: inout PrometheusWriter) {
        guard !delivery.isEmpty else { return }
        writer.family(
            "maxbooster_alert_notifications_total", .counter,
            help: "Alert notifications per delivery sink by outcome: sent, failed (gave up), dropped (queue full), "
                + "retried (attempts after the first).",
            delivery.flatMap { sink in
                [("sent", sink.sent), ("failed", sink.failed), ("dropped", sink.dropped), ("retried", sink.retried)]
                    .map { .init([("sink", sink.sink), ("outcome", $0.0)], Double($0.1)) }
            })
        writer.family(
            "maxbooster_alert_delivery_queue_depth", .gauge,
            help: "Alert notifications waiting in each delivery sink's queue.",
            delivery.map { .init([("sink", $0.sink)], Double($0.depth)) })
    }

    private static func writeRedis(_ monitor: MonitorSnapshot, into writer: inout PrometheusWriter) {
        writer.family(
            "maxbooster_redis_up", .gauge, help: "1 when the last collection reached Redis.",
            value: monitor.lastError == nil && monitor.lastSuccessMs != nil ? 1 : 0)
        guard let redis = monitor.redis else { return }
        writer.family(
            "maxbooster_redis_latency_seconds", .gauge,
            help: "Median PING round trip at the last successful collection.",
            value: redis.latencyMs / 1000)
        writer.family(
            "maxbooster_redis_memory_used_bytes", .gauge, help: "Redis used_memory.",
            value: Double(redis.usedMemoryBytes))
        writer.family(
            "maxbooster_redis_memory_peak_bytes", .gauge, help: "Redis used_memory_peak.",
            value: Double(redis.peakMemoryBytes))
        writer.family(
            "maxbooster_redis_memory_max_bytes", .gauge, help: "Redis maxmemory (0 = no limit).",
            value: Double(redis.maxMemoryBytes))
        writer.family(
            "maxbooster_redis_maxmemory_policy_info", .gauge, help: "Redis maxmemory_policy (BullMQ needs noeviction).",
            [.init([("policy", redis.maxMemoryPolicy)], 1)])
    }

    private static func writeCollector(_ monitor: MonitorSnapshot, into writer: inout PrometheusWriter) {
        writer.family(
            "maxbooster_monitor_queues", .gauge, help: "Queues monitored (configured or discovered).",
            value: Double(monitor.queues.count))
        writer.family(
            "maxbooster_monitor_collections_total", .counter, help: "Queue collections attempted since start.",
            value: Double(monitor.collections))
        writer.family(
            "maxbooster_monitor_collection_failures_total", .counter,
            help: "Queue collections that failed since start.",
            value: Double(monitor.failures))
        if let lastSuccess = monitor.lastSuccessMs {
            writer.family(
                "maxbooster_monitor_last_success_timestamp_seconds", .gauge,
                help: "When the last successful collection finished (Unix time).", value: Double(lastSuccess) / 1000)
        }
        if let duration = monitor.lastDurationMs {
            writer.family(
                "maxbooster_monitor_collection_duration_seconds", .gauge,
                help: "How long the last successful collection took.", value: duration / 1000)
        }
    }

    private static func writeAIModels(_ report: AIModelsReport, into writer: inout PrometheusWriter) {
        let caches = [report.social, report.advertising]
        func perCache(_ value: (CacheTelemetry) -> Double) -> [PrometheusWriter.Sample] {
            caches.map { .init([("cache", $0.modelType)], value($0)) }
        }
        writer.family(
            "maxbooster_ai_cache_models", .gauge, help: "Models held per cache.", perCache { Double($0.currentSize) })
        writer.family(
            "maxbooster_ai_cache_max_models", .gauge, help: "Model bound per cache.", perCache { Double($0.maxSize) })
        writer.family(
            "maxbooster_ai_cache_utilization_ratio", .gauge, help: "Models held / bound, 0-1.",
            perCache(\.utilizationRatio))
        writer.family(
            "maxbooster_ai_cache_hit_ratio", .gauge, help: "hits / (hits + misses), 0-1 (0 before the first lookup).",
            perCache(\.hitRateRatio))
        writer.family(
            "maxbooster_ai_cache_hits_total", .counter, help: "Lookups served from the cache.",
            perCache { Double($0.hits) })
        writer.family(
            "maxbooster_ai_cache_misses_total", .counter, help: "Lookups not served from the cache.",
            perCache { Double($0.misses) })
        writer.family(
            "maxbooster_ai_cache_loads_total", .counter, help: "Model loads finished, by result.",
            caches.flatMap {
                [
                    .init([("cache", $0.modelType), ("result", "succeeded")], Double($0.loadsSucceeded)),
                    .init([("cache", $0.modelType), ("result", "failed")], Double($0.loadsFailed)),
                ]
            })
        writer.family(
            "maxbooster_ai_cache_evictions_total", .counter, help: "Evictions by reason (lru, timeout, manual).",
            caches.flatMap { cache in
                [
                    ("lru", cache.evictions.lru), ("timeout", cache.evictions.timeout),
                    ("manual", cache.evictions.manual),
                ].map {
                    .init([("cache", cache.modelType), ("reason", $0.0)], Double($0.1))
                }
            })
        writer.family(
            "maxbooster_ai_cache_average_load_seconds", .gauge, help: "Mean model load time since start.",
            perCache { $0.averageLoadTimeMs / 1000 })
        writer.family(
            "maxbooster_ai_cache_p95_load_seconds", .gauge, help: "95th percentile of the last 1024 load times.",
            perCache { $0.p95LoadTimeMs / 1000 })
        writer.family(
            "maxbooster_ai_cache_estimated_model_bytes", .gauge, help: "Sum of the cached models' size estimates.",
            perCache { Double($0.estimatedModelBytes) })
        writer.family(
            "maxbooster_process_heap_bytes", .gauge, help: "malloc heap in use.",
            value: report.memory.heapUsedMB * 1_048_576)
        writer.family(
            "maxbooster_process_resident_memory_bytes", .gauge, help: "Resident set size.",
            value: report.memory.residentMB * 1_048_576)
    }
}
