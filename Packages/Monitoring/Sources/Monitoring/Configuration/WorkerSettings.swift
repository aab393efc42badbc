/// The settings of monitoring-api's auto-posting workers (`--workers`, `--workers-only`), resolved with the
/// monitor's settings so that one precedence covers every setting of the server.
public struct WorkerSettings: Sendable, Equatable {
    /// PostgreSQL with the posts and models (`DATABASE_URL`). Default `postgres://127.0.0.1:5432/maxbooster`.
    public var databaseURL: String
    /// Where each due post is POSTed before it is recorded (`PUBLISH_WEBHOOK_URL`); nil publishes to the
    /// database only. Default nil.
    public var publishWebhookURL: String?
    /// Seed a few users and trickle posts (`DEMO=1`). Default off.
    public var demo: Bool

    /// Creates settings; every parameter defaults to the documented value.
    public init(
        databaseURL: String = "postgres://127.0.0.1:5432/maxbooster", publishWebhookURL: String? = nil,
        demo: Bool = false
    ) {
        self.databaseURL = databaseURL
        self.publishWebhookURL = publishWebhookURL
        self.demo = demo
    }
}
