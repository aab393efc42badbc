/// What `maxctl load` does: how many users for how long, which numbers of worker processes in turn, and the
/// drain that measures scaling. Built from the command line by ``LoadCommand``; every field is validated there.
struct LoadPlan: Sendable {
    /// Simulated users at once (≥ 1).
    var users: Int
    /// How long the users run at each worker count.
    var duration: Duration
    /// The numbers of `monitoring-api --workers-only` processes, in turn (each ≥ 1).
    var workerCounts: [Int]
    /// Due posts pre-seeded per worker process for the drain (the backlog of a step is this × its count).
    var backlogPerWorker: Int
    /// How long the tool's webhook receiver takes to answer a publication.
    var receiverDelay: Duration
    /// A user's pause between two rounds of requests (jittered ±50 %).
    var thinkTime: Duration
    /// The social cache size of the API tier the tool starts (default: half the users, so users exceed it).
    var apiCacheSize: Int
    /// The API to load; nil starts an API tier of the tool's own (`monitoring-api --no-workers` with the
    /// database) on a fresh queue prefix.
    var api: String?
    /// Redis, PostgreSQL and the queue prefix of the deployment (the tool's own prefix when it starts the API).
    var redisURL: String
    var databaseURL: String
    var prefix: String
    /// The bearer token for the API.
    var token: String?
    /// The bound on every single request.
    var timeout: Duration
    /// The monitoring-api binary that runs the worker processes (and the API tier).
    var monitoringAPI: String
    /// Where the processes' logs go.
    var logDirectory: String
}
