import QueueCore

extension OpenAPIDocument {
    /// The security scheme, the shared error answers and the schemas.
    var components: [String: Any] {
        [
            "securitySchemes": [
                "bearer": [
                    "type": "http", "scheme": "bearer",
                    "description": """
                    `Authorization: Bearer <token>`. Two roles: API_TOKEN is the admin token (every route); \
                    API_READ_TOKEN is read-only (GET routes; writes answer 403). With no token configured the API \
                    is open, admin actions included. The probes, /openapi.json, the console page and its assets \
                    never need a token.
                    """,
                ]
            ],
            "responses": [
                "Unauthorized": [
                    "description": "unauthorized: no valid token",
                    "headers": ["WWW-Authenticate": ["schema": ["type": "string", "const": "Bearer"]]],
                    "content": ["application/json": ["schema": reference(schema: "Error")]],
                ],
                "Forbidden": error("forbidden: the read-only token on a write"),
            ],
            "schemas": schemas,
        ]
    }

    private var integerOrNull: [String: Any] { nullable("integer") }
    private var numberOrNull: [String: Any] { nullable("number") }
    private var anyJSON: [String: Any] { [:] }

    private var schemas: [String: Any] {
        let string: [String: Any] = ["type": "string"]
        let int: [String: Any] = ["type": "integer"]
        let number: [String: Any] = ["type": "number"]
        let bool: [String: Any] = ["type": "boolean"]
        let ok: [String: Any] = ["type": "boolean", "const": true]
        let epoch: [String: Any] = ["type": "integer", "description": "ms since 1970"]
        let jobSummary: [String: Any] = [
            "id": string, "name": string, "timestamp": epoch, "processedOn": integerOrNull, "finishedOn": integerOrNull,
            "attemptsMade": int, "failedReason": nullable("string"), "progress": anyJSON, "delay": int,
            "priority": int,
        ]
        let jobDetail = jobSummary.merging([
            "state": enumeration(JobState.allCases.map(\.rawValue)), "data": anyJSON, "opts": anyJSON,
            "attemptsStarted": int, "stalledCounter": int, "stacktrace": ["type": "array", "items": string],
            "returnvalue": anyJSON,
            "parent": ["oneOf": [["type": "null"], object(["id": string, "queueKey": string])]],
            "logs": object(["count": int, "lines": ["type": "array", "items": string]]),
        ]) { first, _ in first }
        let storeStatus = object(
            [
                "store": enumeration(["postgresql", "memory"]), "retentionDays": int, "backlog": int, "dropped": int,
                "written": int, "lastError": nullable("string"),
            ], optional: ["lastError"])
        return [
            "Error": object(["error": object(["code": string, "message": string])]),
            "QueueHistory": object([
                "queue": string, "intervalMs": int,
                "thresholds": ["type": "object", "additionalProperties": number],
                "samples": ["type": "array", "items": reference(schema: "HistoryPoint")],
            ]),
            "HistoryPoint": object([
                "timestamp": epoch, "waiting": int, "active": int, "delayed": int, "prioritized": int, "failed": int,
                "completed": int, "waitingChildren": int, "paused": int, "queuePaused": bool, "stalled": int,
                "completedPerMinute": numberOrNull, "failedPerMinute": numberOrNull, "failedRate": numberOrNull,
                "oldestWaitingAgeMs": integerOrNull, "workers": integerOrNull,
            ]),
            "CacheHistory": object([
                "intervalMs": int,
                "caches": object([
                    "social": ["type": "array", "items": reference(schema: "CacheSample")],
                    "advertising": ["type": "array", "items": reference(schema: "CacheSample")],
                ]),
            ]),
            "CacheSample": object([
                "timestamp": epoch, "entries": int, "capacity": int, "utilization": number, "hitRate": number,
                "loads": int, "averageLoadMs": number, "evictions": int, "memoryBytes": int,
            ]),
            "JobSummary": object(jobSummary),
            "JobDetail": object(jobDetail),
            "JobPage": object([
                "queue": string, "state": enumeration(JobRoutes.listableStates.map(\.rawValue)), "total": int,
                "start": int, "count": int, "jobs": ["type": "array", "items": reference(schema: "JobSummary")],
            ]),
            "Scheduler": object([
                "id": string, "name": string, "pattern": nullable("string"), "every": integerOrNull,
                "tz": nullable("string"), "offset": integerOrNull, "limit": integerOrNull, "startDate": integerOrNull,
                "endDate": integerOrNull, "next": integerOrNull, "iterations": int, "data": anyJSON,
            ]),
            "SchedulerList": object([
                "queue": string, "schedulers": ["type": "array", "items": reference(schema: "Scheduler")],
            ]),
            "QueueResult": object(["ok": ok, "queue": string, "paused": bool]),
            "Retried": object(["ok": ok, "queue": string, "retried": int]),
            "Cleaned": object(["ok": ok, "queue": string, "state": string, "removed": int]),
            "JobResult": object(["ok": ok, "queue": string, "id": string, "action": string]),
            "CleanRequest": [
                "type": "object", "required": ["state"], "additionalProperties": false,
                "properties": [
                    "state": enumeration(QueueAdminRoutes.cleanableStates.map(\.rawValue)),
                    "graceMs": integer(0...Int(Int32.max) * 1000, default: 0),
                    "limit": integer(0...QueueAdminRoutes.maxCleanLimit, default: 0),
                ],
            ],
            "AuditEntry": object([
                "timestamp": epoch, "role": enumeration(["admin", "read", "open", "none"]), "method": string,
                "route": string, "target": string, "result": string, "status": int,
            ]),
            "AuditReport": object([
                "entries": ["type": "array", "items": reference(schema: "AuditEntry")], "sinceMs": epoch,
                "store": storeStatus,
            ]),
            "NewPost": [
                "type": "object", "required": ["userId", "platform", "content", "scheduledAt"],
                "properties": [
                    "userId": ["type": "string", "minLength": 1, "maxLength": 128, "pattern": "\\S"],
                    "platform": ["type": "string", "pattern": "^[a-z0-9_-]{1,32}$"],
                    "content": ["type": "string", "minLength": 1, "maxLength": 10000, "pattern": "\\S"],
                    "scheduledAt": ["type": "string", "format": "date-time"],
                ],
            ],
        ]
    }
}
