import Autopilot
import PostgresClient

/// The auto-posting tables: `scheduled_posts` (701), `publications` (702), Autopilot's `ai_models` (703) and
/// `budget_recommendations` (704).
public enum ScheduledPostsSchema {
    /// Every migration of the auto-posting service, in order; pass to `PostgresClient.migrate`.
    public static let migrations: [Migration] =
        [
            Migration(
                version: 701, name: "create_scheduled_posts",
                sql: """
                    CREATE TABLE scheduled_posts (
                        id bigserial PRIMARY KEY,
                        user_id text NOT NULL CHECK (user_id <> ''),
                        platform text NOT NULL CHECK (platform <> ''),
                        content text NOT NULL,
                        scheduled_at timestamptz NOT NULL,
                        status text NOT NULL DEFAULT 'scheduled'
                            CHECK (status IN ('scheduled', 'queued', 'published', 'failed', 'cancelled')),
                        job_version integer NOT NULL DEFAULT 1 CHECK (job_version >= 1),
                        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                        last_error text,
                        predicted_engagement double precision,
                        published_at timestamptz,
                        external_id text,
                        created_at timestamptz NOT NULL DEFAULT now(),
                        updated_at timestamptz NOT NULL DEFAULT now(),
                        CHECK ((status = 'published') = (published_at IS NOT NULL))
                    );
                    CREATE INDEX scheduled_posts_status_id ON scheduled_posts (status, id);
                    CREATE INDEX scheduled_posts_user_id ON scheduled_posts (user_id, id);
                    """),
            Migration(
                version: 702, name: "create_publications",
                sql: """
                    CREATE TABLE publications (
                        id bigserial PRIMARY KEY,
                        post_id bigint NOT NULL UNIQUE REFERENCES scheduled_posts (id),
                        publisher text NOT NULL,
                        external_id text NOT NULL,
                        job_id text NOT NULL,
                        published_at timestamptz NOT NULL DEFAULT now()
                    );
                    """),
            Migration(
                version: 704, name: "create_budget_recommendations",
                sql: """
                    CREATE TABLE budget_recommendations (
                        user_id text PRIMARY KEY CHECK (user_id <> ''),
                        daily_budget double precision NOT NULL CHECK (daily_budget >= 0),
                        expected_conversions double precision NOT NULL,
                        value_per_conversion double precision NOT NULL,
                        model_trained boolean NOT NULL,
                        computed_at timestamptz NOT NULL DEFAULT now()
                    );
                    """),
        ] + ModelStore.migrations
}
