import Autopilot
import Foundation
import PostgresClient
import QueueCore
import RedisClient

/// The processor of `ad-optimization` jobs: loads the user's advertising model (through the caller's cache)
/// and stores a daily budget recommendation in `budget_recommendations` (one row per user, replaced).
///
/// Idempotent: running a job twice writes the same recommendation. Runs on the cooperative pool; the model
/// math is microseconds, all I/O is async.
public struct AdOptimizationProcessor: Sendable {
    /// Returns the advertising model of a user (cached by the caller; the default when the user has none).
    public typealias ModelProvider = @Sendable (_ userID: String) async throws -> AdvertisingBudgetModel

    /// The job name on the queue.
    public static let jobName = "optimize-budget"
    /// The default queue.
    public static let queueName = "ad-optimization"

    /// The job's data.
    public struct Request: Sendable, Hashable, Codable {
        /// The user.
        public var userId: String
        /// What one conversion is worth (currency units, > 0).
        public var valuePerConversion: Double
        /// The most the user will spend per day (default 10,000).
        public var maxBudget: Double

        /// Creates a request.
        public init(userId: String, valuePerConversion: Double, maxBudget: Double = 10_000) {
            self.userId = userId
            self.valuePerConversion = valuePerConversion
            self.maxBudget = maxBudget
        }
    }

    /// A stored recommendation (also the job's return value).
    public struct Recommendation: Sendable, Hashable, Codable {
        /// The user.
        public var userId: String
        /// Recommended daily budget.
        public var dailyBudget: Double
        /// Conversions per day the model expects at that budget.
        public var expectedConversions: Double
        /// Whether a trained model was used (false: the default curve).
        public var modelTrained: Bool
    }

    /// The database holding `budget_recommendations` (migrated by `ScheduledPostStore.migrate()`).
    public let database: PostgresClient
    let model: ModelProvider

    /// Creates the processor.
    public init(database: PostgresClient, model: @escaping ModelProvider) {
        self.database = database
        self.model = model
    }

    /// Adds a request to `queue` (job name `optimize-budget`).
    @discardableResult
    public static func request(_ request: Request, on queue: Queue) async throws -> String {
        try await queue.add(
            jobName, data: request,
            options: JobOptions(
                attempts: 3, backoff: .exponential(1000),
                removeOnComplete: .last(1000)))
    }

    /// Runs one job: validates the request, loads the model, stores and returns the recommendation.
    public func process(_ job: Job) async throws -> Recommendation {
        guard let request = try? job.decodeData(Request.self), !request.userId.isEmpty,
            request.valuePerConversion > 0, request.valuePerConversion.isFinite, request.maxBudget >= 0
        else {
            throw UnrecoverableError(
                "job \(job.id) needs {userId, valuePerConversion > 0, maxBudget >= 0}; it will not be retried")
        }
        let advertising = try await model(request.userId)
        let budget = advertising.recommendedBudget(
            valuePerConversion: request.valuePerConversion, maxBudget: request.maxBudget)
        let recommendation = Recommendation(
            userId: request.userId, dailyBudget: budget, expectedConversions: advertising.conversions(budget: budget),
            modelTrained: advertising.sampleCount > 0)
        try await database.execute(
            """
            INSERT INTO budget_recommendations
              (user_id, daily_budget, expected_conversions, value_per_conversion, model_trained, computed_at)
            VALUES ($1, $2, $3, $4, $5, now())
            ON CONFLICT (user_id) DO UPDATE SET daily_budget = EXCLUDED.daily_budget,
              expected_conversions = EXCLUDED.expected_conversions,
              value_per_conversion = EXCLUDED.value_per_conversion, model_trained = EXCLUDED.model_trained,
              computed_at = now()
            """,
            [
                .string(request.userId), .double(budget), .double(recommendation.expectedConversions),
                .double(request.valuePerConversion), .bool(recommendation.modelTrained),
            ])
        return recommendation
    }

    /// The stored recommendation of `userID`, or nil.
    public func recommendation(for userID: String) async throws -> Recommendation? {
        let rows = try await database.query(
            "SELECT daily_budget, expected_conversions, model_trained FROM budget_recommendations WHERE user_id = $1",
            [.string(userID)])
        guard let row = rows.first else { return nil }
        return Recommendation(
            userId: userID, dailyBudget: try row.decode(Double.self, "daily_budget"),
            expectedConversions: try row.decode(Double.self, "expected_conversions"),
            modelTrained: try row.decode(Bool.self, "model_trained"))
    }

    /// A worker on the `ad-optimization` queue running this processor (default concurrency 2).
    public func makeWorker(
        client: RedisClient, queueName: String = Self.queueName,
        configuration: Worker.Configuration = Worker.Configuration(concurrency: 2)
    ) throws -> Worker {
        try Worker(queueName: queueName, client: client, configuration: configuration) { job in
            try await self.process(job)
        }
    }
}
