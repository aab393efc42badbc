import QueueCore

extension OpenAPIDocument {
    /// Every path of the API and its operations.
    var paths: [String: Any] {
        var paths = monitoringPaths.merging(consolePaths) { first, _ in first }.merging(queuePaths) { first, _ in first
        }
        if posts { paths.merge(postsPaths) { first, _ in first } }
        return paths
    }

    private var queueName: [String: Any] { pathParameter("queueName", "the queue's name, without the key prefix") }
    private var jobId: [String: Any] { pathParameter("jobId", "the job's id") }
    private var points: [String: Any] {
        query(
            "points", "downsample to at most this many points, evenly spaced (default: every retained sample)",
            integer(2...HistoryRoutes.maxPoints))
    }

    private var report: [String: Any] { ["type": "object"] }

    /// The monitoring reports, probes, metrics and `/openapi.json`.
    private var monitoringPaths: [String: Any] {
        let unavailable = error("the last collection failed (Redis down): stale figures are not served")
        return [
            "/livez": [
                "get": operation(
                    "livez", "The process is alive", tag: "probes", access: .none,
                    responses: [200: json("alive", object(["status": ["type": "string"]]))])
            ],
            "/readyz": [
                "get": operation(
                    "readyz", "Redis answers a PING", tag: "probes", access: .none,
                    responses: [200: json("ready", report), 503: error("Redis does not answer")])
            ],
            "/metrics": [
                "get": operation(
                    "metrics", "Everything as Prometheus text", tag: "monitoring", access: .read,
                    responses: [200: text("Prometheus text exposition 0.0.4", "text/plain")])
            ],
            "/openapi.json": [
                "get": operation(
                    "openapi", "This document", tag: "probes", access: .none,
                    responses: [200: json("the OpenAPI 3.1 document", report)])
            ],
            "/api/monitoring/queue-metrics": [
                "get": operation(
                    "queueMetrics", "Every queue: latest sample and history summary", tag: "monitoring", access: .read,
                    responses: [200: json("the queues", report), 503: unavailable])
            ],
            "/api/monitoring/queue-metrics/{queueName}": [
                "get": operation(
                    "queueMetricsOne", "One queue with its retained samples", tag: "monitoring", access: .read,
                    parameters: [queueName],
                    responses: [
                        200: json("the queue", report), 404: error("the queue is not monitored"), 503: unavailable,
                    ])
            ],
            "/api/monitoring/queue-health": [
                "get": operation(
                    "queueHealth", "Health per queue with its alerts", tag: "monitoring", access: .read,
                    responses: [200: json("healthy or degraded", report), 503: json("unhealthy", report)])
            ],
            "/api/monitoring/ai-models": [
                "get": operation(
                    "aiModels", "Both model caches' telemetry, memory, evictions and alerts", tag: "monitoring",
                    access: .read, responses: [200: json("the caches", report)])
            ],
            "/api/monitoring/system-health": [
                "get": operation(
                    "systemHealth", "The health model: healthy, degraded or unhealthy", tag: "monitoring",
                    access: .read,
                    responses: [200: json("healthy or degraded", report), 503: json("unhealthy", report)])
            ],
            "/api/monitoring/alerts": [
                "get": operation(
                    "alerts", "Active alerts and the history of a window", tag: "monitoring", access: .read,
                    parameters: [
                        query(
                            "state", "only this state (empty: all)",
                            enumeration(["", "firing", "pending", "resolved", "unknown", "inactive"])),
                        query(
                            "since", "a duration back from now (30m, 24h, or ms) or an ISO 8601 instant; default 24h",
                            ["type": "string"]),
                        query("queue", "only this subject (a queue, redis, process, a cache)", ["type": "string"]),
                    ],
                    responses: [
                        200: json("the alerts", report), 400: error("a bad state or since"),
                        503: error("the history cannot be read"),
                    ])
            ],
            "/api/monitoring/baseline": [
                "get": operation(
                    "baseline", "The newest performance baseline", tag: "monitoring", access: .read,
                    responses: [
                        200: json("the baseline", report), 404: error("none stored, or no database"),
                        503: error("the database cannot be read"),
                    ])
            ],
            "/api/monitoring/history/{queueName}": [
                "get": operation(
                    "queueHistory", "Every retained sample of one queue, with its thresholds", tag: "console",
                    access: .read, parameters: [queueName, points],
                    responses: [
                        200: json("the history", "QueueHistory"), 400: error("a bad points"),
                        404: error("unknown_queue: the queue is not monitored"),
                    ])
            ],
            "/api/monitoring/ai-models/history": [
                "get": operation(
                    "cacheHistory", "Every retained sample of both model caches", tag: "console", access: .read,
                    parameters: [points],
                    responses: [200: json("the cache history", "CacheHistory"), 400: error("a bad points")])
            ],
        ]
    }

    /// The console's page, assets, overview, role and audit log.
    private var consolePaths: [String: Any] {
        [
            "/": [
                "get": operation(
                    "consolePage", "The console's page shell (no data, no token)", tag: "console", access: .none,
                    responses: [200: text("the page", "text/html")])
            ],
            "/assets/{file}": [
                "get": operation(
                    "consoleAsset", "A script, style sheet or icon of the console (embedded, no token)",
                    tag: "console", access: .none, parameters: [pathParameter("file", "the asset's file name")],
                    responses: [
                        200: [
                            "description": "the file (`ETag`; 304 to a matching `If-None-Match`)",
                            "content": Dictionary(
                                uniqueKeysWithValues: ["text/javascript", "text/css", "image/svg+xml"].map {
                                    ($0, ["schema": ["type": "string"]])
                                }),
                        ],
                        304: ["description": "unchanged since the `ETag` given in `If-None-Match`"],
                        404: error("no console file of that name"),
                    ])
            ],
            "/api/console/overview": [
                "get": operation(
                    "consoleOverview", "Everything the console's overview shows, in one request", tag: "console",
                    access: .read,
                    parameters: [
                        query("points", "sparkline points (default 60)", integer(2...HistoryRoutes.maxPoints))
                    ], responses: [200: json("the overview", report), 400: error("a bad points")])
            ],
            "/api/console/whoami": [
                "get": operation(
                    "whoami", "The caller's role", tag: "console", access: .read,
                    responses: [
                        200: json(
                            "the role: admin, read, or open when no token is configured",
                            object(["role": enumeration(["admin", "read", "open"])]))
                    ])
            ],
            "/api/audit": [
                "get": operation(
                    "audit", "The audit log of admin actions, newest first", tag: "console", access: .read,
                    parameters: [
                        query(
                            "since", "a duration back from now (30m, 24h, or ms) or an ISO 8601 instant; default 24h",
                            ["type": "string"]),
                        query("limit", "the most entries", integer(1...10_000, default: 100)),
                    ],
                    responses: [
                        200: json("the entries", "AuditReport"), 400: error("a bad since or limit"),
                        503: error("the audit log cannot be read"),
                    ])
            ],
        ]
    }

    /// Jobs, schedulers and the admin actions on one queue.
    private var queuePaths: [String: Any] {
        let unknownQueue = error("unknown_queue: no such queue under this prefix")
        let redisDown = error("Redis cannot be reached")
        func admin(
            _ id: String, _ summary: String, _ schema: String, parameters: [[String: Any]], body: [String: Any]? = nil,
            conflict: Bool = false
        ) -> [String: Any] {
            var responses: [Int: Any] = [
                200: json("done", schema), 404: error("unknown_queue or unknown_job"), 503: redisDown,
            ]
            if conflict { responses[409] = error("conflict: the job is not in a state this action applies to") }
            if body != nil { responses[400] = error("a bad body") }
            return [
                "post": operation(
                    id, summary, tag: "admin", access: .admin, parameters: parameters, body: body, responses: responses)
            ]
        }
        let cleanBody: [String: Any] = [
            "required": true, "content": ["application/json": ["schema": reference(schema: "CleanRequest")]],
        ]
        return [
            "/api/queues/{queueName}/jobs": [
                "get": operation(
                    "jobs", "Jobs in one state, newest first, a page at a time", tag: "jobs", access: .read,
                    parameters: [
                        queueName,
                        query(
                            "state", "the state (default waiting)",
                            enumeration(JobRoutes.listableStates.map(\.rawValue))),
                        query("start", "the first position (0-based)", integer(0...Int(Int32.max), default: 0)),
                        query("count", "the page size", integer(1...JobRoutes.maxCount, default: 50)),
                    ],
                    responses: [
                        200: json("the page", "JobPage"), 400: error("a bad state, start or count"), 404: unknownQueue,
                        503: redisDown,
                    ])
            ],
            "/api/queues/{queueName}/jobs/{jobId}": [
                "get": operation(
                    "job", "One job whole, with its newest log lines", tag: "jobs", access: .read,
                    parameters: [queueName, jobId],
                    responses: [
                        200: json("the job", "JobDetail"), 404: error("unknown_queue or unknown_job"), 503: redisDown,
                    ])
            ],
            "/api/queues/{queueName}/schedulers": [
                "get": operation(
                    "schedulers", "The queue's job schedulers", tag: "jobs", access: .read, parameters: [queueName],
                    responses: [200: json("the schedulers", "SchedulerList"), 404: unknownQueue, 503: redisDown])
            ],
            "/api/queues/{queueName}/pause": admin(
                "pause", "Pause the queue (workers stop taking jobs)", "QueueResult", parameters: [queueName]),
            "/api/queues/{queueName}/resume": admin(
                "resume", "Resume the queue", "QueueResult", parameters: [queueName]),
            "/api/queues/{queueName}/retry-failed": admin(
                "retryFailed", "Move every failed job back to wait", "Retried", parameters: [queueName]),
            "/api/queues/{queueName}/clean": admin(
                "clean", "Delete jobs of one state older than a grace period", "Cleaned", parameters: [queueName],
                body: cleanBody),
            "/api/queues/{queueName}/jobs/{jobId}/retry": admin(
                "retryJob", "Move one failed job back to wait", "JobResult", parameters: [queueName, jobId],
                conflict: true),
            "/api/queues/{queueName}/jobs/{jobId}/promote": admin(
                "promoteJob", "Make one delayed job ready now", "JobResult", parameters: [queueName, jobId],
                conflict: true),
            "/api/queues/{queueName}/jobs/{jobId}/remove": admin(
                "removeJob", "Delete one job (not while a worker holds it)", "JobResult",
                parameters: [queueName, jobId], conflict: true),
        ]
    }

    /// The scheduled-posts API and the Autopilot routes (present when the server has a database).
    private var postsPaths: [String: Any] {
        let unavailable = error("database_unavailable: PostgreSQL cannot be reached")
        let id =
            [
                "name": "id", "in": "path", "required": true, "description": "the post id",
                "schema": ["type": "string", "pattern": "^[1-9][0-9]{0,17}$"],
            ] as [String: Any]
        return [
            "/api/posts": [
                "post": operation(
                    "schedulePost", "Schedule a post (a write: the admin token; not audited, its refusals are)",
                    tag: "posts", access: .admin,
                    body: [
                        "required": true, "content": ["application/json": ["schema": reference(schema: "NewPost")]],
                    ],
                    responses: [
                        201: json("the scheduled post", report), 400: error("a bad field (its name in the code)"),
                        503: unavailable,
                    ]),
                "get": operation(
                    "listPosts", "Posts by id, optionally of one status", tag: "posts", access: .read,
                    parameters: [
                        query(
                            "status", "only this status",
                            enumeration(["scheduled", "queued", "published", "failed", "cancelled"])),
                        query("after", "only ids above this one", integer(0...Int(Int32.max), default: 0)),
                        query("limit", "the most posts", integer(1...1000, default: 100)),
                    ],
                    responses: [
                        200: json("the posts", report), 400: error("a bad status, after or limit"), 503: unavailable,
                    ]),
            ],
            "/api/users/{userId}/suggested-time": [
                "get": operation(
                    "suggestedTime", "The best hour of the week for a user's posts, from its social model (cached)",
                    tag: "autopilot", access: .read,
                    parameters: [pathParameter("userId", "the user (1…128 characters, not blank)")],
                    responses: [
                        200: json(
                            "the suggestion",
                            object([
                                "userId": ["type": "string"], "trained": ["type": "boolean"],
                                "hourOfWeek": integer(0...167), "weekday": integer(0...6), "hour": integer(0...23),
                                "label": ["type": "string"], "next": ["type": "string", "format": "date-time"],
                                "predictedEngagement": ["type": "number"],
                            ])),
                        400: error("invalid_userId: blank or longer than 128 characters"),
                        503: error("database_unavailable or model_unavailable: the model cannot be loaded now"),
                    ])
            ],
            "/api/ads/optimize": [
                "post": operation(
                    "optimizeAds", "Queue an ad budget optimisation on ad-optimization (a write: the admin token)",
                    tag: "autopilot", access: .admin,
                    body: [
                        "required": true,
                        "content": [
                            "application/json": [
                                "schema": object(
                                    [
                                        "userId": [
                                            "type": "string", "minLength": 1, "maxLength": 128, "pattern": "\\S",
                                        ],
                                        "valuePerConversion": ["type": "number", "exclusiveMinimum": 0],
                                        "maxBudget": ["type": "number", "minimum": 0, "default": 10000],
                                    ], optional: ["maxBudget"])
                            ]
                        ],
                    ],
                    responses: [
                        202: json(
                            "queued",
                            object([
                                "jobId": ["type": "string"], "queue": ["type": "string"], "userId": ["type": "string"],
                            ])),
                        400: error("invalid_body or invalid_<field>: the field and its rule"),
                        503: error("redis_unavailable: the request could not be queued"),
                    ])
            ],
            "/api/posts/{id}": [
                "get": operation(
                    "post", "One post", tag: "posts", access: .read, parameters: [id],
                    responses: [200: json("the post", report), 503: unavailable]),
                "delete": operation(
                    "cancelPost", "Cancel a pending post (audited)", tag: "posts", access: .admin, parameters: [id],
                    responses: [
                        200: json("the cancelled post", report),
                        409: error("invalid_transition: the post is no longer pending"), 503: unavailable,
                    ]),
            ],
        ]
    }
}
