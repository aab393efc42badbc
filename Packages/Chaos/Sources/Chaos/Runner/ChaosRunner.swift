import Foundation
import PrivateServices

/// Runs scenarios one after another against a private Redis and a Postgres, printing a progress line per step
/// and a verdict per scenario, and returns the report.
///
/// Blocking: `init` starts redis-server (and a Postgres cluster unless `databaseURL` is given) — call it from
/// `offPool` in async code. Everything started is stopped by `shutdown()` (and by watchdogs if we die).
final class ChaosRunner: Sendable {
    /// The runner's settings.
    struct Configuration: Sendable {
        /// The attempt log's database; nil starts a private Postgres cluster. Default nil.
        var databaseURL: String?
        /// Program paths. Default `Binaries.locate()`.
        var binaries: Binaries
        /// Where logs of started processes go. Default a new directory under the temporary directory.
        var directory: String
        /// Where progress lines go (stdout by default; stderr with `--json`).
        var progress: @Sendable (String) -> Void

        /// Creates a configuration; see each property for its default.
        init(
            databaseURL: String? = nil, binaries: Binaries = .locate(),
            directory: String = NSTemporaryDirectory() + "chaos-\(UUID().uuidString.prefix(8))",
            progress: @escaping @Sendable (String) -> Void = { print($0) }
        ) {
            self.databaseURL = databaseURL
            self.binaries = binaries
            self.directory = directory
            self.progress = progress
        }

        /// Rejects an unusable configuration (a binary given by path that is not there).
        func validate() throws {
            for path in [binaries.maxctl, binaries.monitoringAPI]
            where path.hasPrefix("/") && !FileManager.default.isExecutableFile(atPath: path) {
                throw ChaosError(.invalidOption, "\(path) is not executable: run `make build` (scripts/build.sh)")
            }
        }
    }

    /// The spec's five scenarios, in the spec's order.
    static let specScenarios: [any Scenario] = [
        WorkerCrashScenario(), DatabasePersistenceScenario(), RetryScenario(), QueueMonitoringScenario(),
        MonitoringIntegrationScenario(),
    ]

    /// The extras `--all` adds after the spec's five.
    static let extraScenarios: [any Scenario] = [
        RedisCrashScenario(), LatencyAlertScenario(), StoppedWorkerScenario(), PartitionScenario(),
    ]

    private let configuration: Configuration
    private let redis: RedisService
    private let postgres: PostgresService?
    private let databaseURL: String

    /// Starts the services the scenarios share.
    init(configuration: Configuration) throws {
        try configuration.validate()
        self.configuration = configuration
        try FileManager.default.createDirectory(atPath: configuration.directory, withIntermediateDirectories: true)
        redis = try RedisService(fsync: .always)
        if let url = configuration.databaseURL {
            postgres = nil
            databaseURL = url
        } else {
            let cluster = try PostgresService()
            postgres = cluster
            databaseURL = try cluster.makeDatabase("chaos")
        }
        configuration.progress(
            "services: redis-server pid \(redis.pid) on port \(redis.port); logs in \(configuration.directory)")
    }

    /// Runs `scenarios` in order and returns the report; prints a verdict line per scenario and the summary.
    func run(_ scenarios: [any Scenario]) async -> RunReport {
        var report = RunReport(startedAt: Date().formatted(.iso8601))
        for (index, scenario) in scenarios.enumerated() {
            let progress = configuration.progress
            progress("▶ [\(index + 1)/\(scenarios.count)] \(scenario.title) (\(scenario.name))")
            let context = ScenarioContext(
                redisURL: redis.url, databaseURL: databaseURL, binaries: configuration.binaries,
                directory: configuration.directory, prefix: "chaos-\(scenario.name)",
                progress: { progress("   · \($0)") })
            let started = ContinuousClock.now
            let verdict: Verdict
            do {
                verdict = try await scenario.run(in: context)
            } catch {
                verdict = Verdict(summary: "did not complete", failures: ["\(error)"])
            }
            await context.finish()
            let durationMs = Int((ContinuousClock.now - started).nanoseconds / 1_000_000)
            progress("\(verdict.passed ? "✅ PASS" : "❌ FAIL") \(scenario.title): \(verdict.summary) [\(durationMs) ms]")
            for failure in verdict.failures { progress("   ✗ \(failure)") }
            report.scenarios.append(
                RunReport.ScenarioResult(
                    name: scenario.name, title: scenario.title, verdict: verdict, durationMs: durationMs,
                    evidence: context.evidence.snapshot))
        }
        return report
    }

    /// Stops the services and every process still registered.
    func shutdown() {
        ProcessRegistry.shared.killAll()
        redis.stop()
        postgres?.stop()
    }
}
