import AIModelCache
import Essentials

/// The text of `monitoring-api --help`: every flag with its environment variable and default.
enum HelpText {
    private static let idleTimeout = ModelCacheDefaults.idleTimeout.wholeMilliseconds

    static let text = """
        monitoring-api \(MonitoringAPIVersion.string) — the Max Booster Safeguards monitoring server

        USAGE: monitoring-api [--workers | --no-workers | --workers-only [--metrics-port P]] [options]

        Serves the monitoring JSON API, Prometheus metrics and health probes over HTTP, collecting the
        BullMQ queues in Redis every interval. Logs are JSON lines on stderr; the first one
        ("event":"server.listening") names the bound port.

        ENDPOINTS:
          GET /api/monitoring/queue-metrics              all queues: latest sample + history summary
          GET /api/monitoring/queue-metrics/:queueName   one queue, with its retained samples (404 if unknown)
          GET /api/monitoring/queue-health               health per queue with its alerts (503 when unhealthy)
          GET /api/monitoring/ai-models                  AI model cache telemetry, memory, evictions, alerts
          GET /api/monitoring/system-health              {healthy, status, components, timestamp}; 200/200/503
          GET /api/monitoring/alerts[?state=&since=&queue=]   active alerts + alert history (default since
                                                         24h; since: 30m, 24h or an ISO 8601 instant)
          GET /api/monitoring/baseline                   the latest baseline in DATABASE_URL (404: none captured)
          GET /metrics                                   Prometheus text exposition
          GET /api/monitoring/history/:queueName[?points=N]   every retained sample of a queue + thresholds
          GET /api/monitoring/ai-models/history[?points=N]    every retained sample of both model caches
          GET /api/queues/:queueName/jobs[?state=&start=&count=]   jobs of one state, a page at a time
          GET /api/queues/:queueName/jobs/:jobId         one job whole, with its newest log lines
          GET /api/queues/:queueName/schedulers          the queue's job schedulers
          POST /api/queues/:queueName/{pause,resume,retry-failed,clean}      admin token, audited
          POST /api/queues/:queueName/jobs/:jobId/{retry,promote,remove}     admin token, audited
          GET /api/console/whoami                        the caller's role: admin, read or open
          GET /api/audit[?since=&limit=]                 the audit log of admin actions, newest first
          GET /openapi.json                              the OpenAPI 3.1 document (never needs a token)
          GET /livez                                     the process is up (never needs the token)
          GET /readyz                                    Redis answers a PING (never needs the token)
          GET /                                          the console page (never needs the token)
          POST /api/posts, GET /api/posts[?status=], GET|DELETE /api/posts/:id   (not with --no-workers)

        MODES:
          --workers          the default: the API and monitor, the auto-posting workers (social-posts,
                             ad-optimization, reconciler) and the posts API; needs --database
                             (postgres://127.0.0.1:5432/maxbooster); --demo adds a demo workload
          --no-workers       HTTP API and monitor only, no workers, no posts API (needs no Postgres)
          --workers-only     the workers without the API (scale-out, crash tests); needs --database
          --metrics-port P   with --workers-only: serve only /livez and /metrics (this process's caches) on P
                             (0 picks a free port, named in the first log line); without it, no HTTP at all
          Processes with workers publish their caches' telemetry to Redis (TTL 3 monitor intervals); the
          AI endpoints serve the fleet's sums, instances and instanceDetail.

        OPTIONS (flag, environment variable, default):
          --host ADDR                    HOST                        127.0.0.1
          --port N                       PORT                        5000 (0 picks a free port)
          --redis-url URL, --redis URL   REDIS_URL                   redis://127.0.0.1:6379
          --queue-prefix P, --prefix P   QUEUE_PREFIX                bull
          --queues a,b                   QUEUES                      unset: discover <prefix>:*:meta
          --monitor-interval D           MONITOR_INTERVAL_MS         30000 (ms, or 500ms, 30s, 10m)
          --metrics-retention N          METRICS_RETENTION           100 samples per queue
          --max-waiting-jobs N           MAX_WAITING_JOBS            1000 (waiting + prioritized)
          --max-failed-rate R            MAX_FAILED_RATE             0.1 (ratio, or 10%)
          --max-stalled-jobs N           MAX_STALLED_JOBS            10
          --max-redis-latency D          MAX_REDIS_LATENCY_MS        100 (ms)
          --min-finished-for-rate N      MIN_FINISHED_FOR_RATE       20
          --no-worker-alert-ms D         NO_WORKER_ALERT_MS          60000 (ms, or 60s): jobs waiting, no worker
          --max-social-models N          MAX_SOCIAL_MODELS           \(ModelCacheDefaults.maxSocialModels)
          --max-advertising-models N     MAX_ADVERTISING_MODELS      \(ModelCacheDefaults.maxAdvertisingModels)
          --model-idle-timeout D         MODEL_IDLE_TIMEOUT_MS       \(idleTimeout) (ms, or 30m; also
                                                                     --model-idle-timeout-ms)
          --ai-cache-utilization-alert R AI_CACHE_UTILIZATION_ALERT  0.9
          --ai-cache-min-hit-rate R      AI_CACHE_MIN_HIT_RATE       0.5
          --ai-cache-min-loads N         AI_CACHE_MIN_LOADS          20
          --ai-memory-alert-mb N         AI_MEMORY_ALERT_MB          2048
          --alert-profile NAME           ALERT_PROFILE               default (or production)
          --api-token T                  API_TOKEN                   unset: no auth (prefer the variable);
                                                                     the admin token: every route
          --api-read-token T             API_READ_TOKEN              unset; set (with API_TOKEN): a read-only
                                                                     token, GET routes only (writes: 403)
          --audit-retention-days N       AUDIT_RETENTION_DAYS        90 (days of audit log: PostgreSQL when
                                                                     DATABASE_URL is set, else memory)
          --database URL                 DATABASE_URL                postgres://127.0.0.1:5432/maxbooster
                                                                     (also --database-url)
          --alert-history-days N         ALERT_HISTORY_DAYS          30 (days of alert history: PostgreSQL
                                                                     when DATABASE_URL is set, else memory)
          --demo                         DEMO                        off (1 or true: seed users, trickle posts)
          --publish-webhook URL          PUBLISH_WEBHOOK_URL         unset: posts are published to the database;
                                                                     set: POSTed to this http:// URL first
                                                                     (Idempotency-Key: post-<id>, 10 s timeout)
          --alertmanager-url URL         ALERTMANAGER_URL            unset; set: alerts POSTed to its v2 API
                                                                     (every severity, re-sent while firing)
          --alert-webhook-url URL        ALERT_WEBHOOK_URL           unset; set: each alert transition POSTed
                                                                     as JSON (docs/alerting.md)
          --alert-webhook-secret S       ALERT_WEBHOOK_SECRET        unset; set: X-MaxBooster-Signature:
                                                                     sha256=<HMAC-SHA-256 of the body>
          --alert-slack-webhook-url URL  ALERT_SLACK_WEBHOOK_URL     unset; set: Slack-compatible messages
          --alert-min-severity S         ALERT_MIN_SEVERITY          warning (info, critical): webhook, Slack
          --external-url URL             EXTERNAL_URL                http://<host>:<port> (alert links)
          --log-level L                  LOG_LEVEL                   info (debug, info, warning, error)
          --config FILE                  MONITORING_CONFIG           unset (a JSON file of the settings)
          --help, --version

        Every setting is also a MONITORING_CONFIG key (README). Precedence: flag, environment variable,
        MONITORING_CONFIG file, ALERT_PROFILE, defaults. Alert rules' resolve threshold, for, cooldown, repeat
        and per-queue overrides live in MONITORING_CONFIG only: rules.<rule>.{threshold, resolve, for, cooldown,
        repeat, severity} and queues.<name>.rules.<rule> (Packages/Monitoring/README.md, "Alert rules").
        With API_TOKEN set, every endpoint but /livez, /readyz, /openapi.json and the console page needs
        `Authorization: Bearer <token>`: either token for GET, the admin token for every write (POST, DELETE).
        Every admin action and every refused write is audited (GET /api/audit, maxctl audit, "audit" log lines).
        SIGTERM or SIGINT: stop accepting, finish requests in flight (up to 10s), exit 0.

        Flags take `--flag value` or `--flag=value`; durations 500ms, 30s, 10m, 24h or bare ms (docs/cli.md).
        EXIT STATUS: 0 after a clean shutdown, 1 start-up failed (Redis URL, port taken), 3 bad arguments or
        settings (an unknown flag, a bad value in a flag, variable or MONITORING_CONFIG).
        """
}
