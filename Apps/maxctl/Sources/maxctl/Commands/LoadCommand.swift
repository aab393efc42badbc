import Chaos
import CommandLineArguments
import Foundation

/// `maxctl load`: simulated users through the real API and queues at each number of worker processes, with
/// the scaling drain, cache check, process memory and the exactly-once accounting of every post (``LoadRun``).
struct LoadCommand {
    static let help = """
        USAGE: maxctl load --users N [--duration D] [--workers 1,2,4] [--api URL] [options]

        Runs N simulated Max Booster users at once, each in a loop: schedules a post (POST /api/posts, due in a
        second), asks for its suggested time (GET /api/users/{id}/suggested-time), every third round asks for an
        ad optimisation (POST /api/ads/optimize), reads its post back, and pauses (--think, jittered). For each
        count in --workers it starts that many `monitoring-api --workers-only` processes publishing through a
        webhook receiver of its own that answers after --receiver-delay, then:
          1. drains a backlog of --backlog × count due posts seeded while the queue is paused, and times it
             (scaling efficiency = throughput(k) ÷ (k × throughput(first count)));
          2. runs the users for D, measuring every request's latency and each post's end-to-end time
             (due → published);
          3. waits for every acknowledged post and checks each was published exactly once (PostgreSQL's
             scheduled_posts and publications), and that the API tier's model cache behaved as LRU predicts
             for the requests' order;
        sampling the resident memory of every process it started. Progress goes to stderr.

        Without --api it starts its own API tier (`monitoring-api --no-workers --database`, social cache of
        --api-cache-size models) on a fresh queue prefix of the given Redis and PostgreSQL; with --api it loads
        that deployment (its own workers, if any, process posts too, and --prefix must be its prefix).

        OPTIONS:
          --users N             simulated users at once (required, ≥ 1)
          --duration D          users' time per worker count, e.g. 30s, 5m (default 60s)
          --workers LIST        worker process counts in turn, e.g. 1,2,4 (default 1)
          --backlog N           drain posts per worker process (default 300)
          --receiver-delay D    the webhook receiver's answer time (default 50ms)
          --think D             a user's pause between rounds (default 2s)
          --api-cache-size N    the social cache of the tool's own API tier (default: users ÷ 2, at least 1)
          --database URL        PostgreSQL of the posts (env DATABASE_URL, default postgres://127.0.0.1:5432/maxbooster)
          --monitoring-api P    the monitoring-api binary (env MONITORING_API, default: beside maxctl)
          --logs DIR            the processes' logs (default .run/load)
        \(CommonOptions.help)

        EXIT STATUS: 0 every post published exactly once at every step; 1 a post lost, failed or published twice,
        or a drain that did not finish; 2 Redis, PostgreSQL, the API or a process it started unreachable;
        3 bad arguments.
        """

    let plan: LoadPlan
    let json: Bool

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let parsed = try ParsedArguments(
            arguments,
            valueOptions: CommonOptions.valueOptions.union([
                "users", "duration", "workers", "backlog", "receiver-delay", "think", "api-cache-size", "database",
                "monitoring-api", "logs",
            ]), flagOptions: CommonOptions.flagOptions)
        guard parsed.positionals.isEmpty else {
            throw UsageError("load takes no operands (got '\(parsed.positionals[0])')")
        }
        let options = try CommonOptions(parsed, environment: environment)
        let settings = MaxctlSettings(parsed, environment: environment)
        guard let users = try parsed.positiveInteger("users") else {
            throw UsageError("load needs --users N (e.g. 100)")
        }
        let duration = try parsed.positiveDuration("duration", default: "60s") ?? .seconds(60)
        let workerCounts = try Self.workerCounts(parsed.value("workers") ?? "1")
        let backlog = try parsed.positiveInteger("backlog", default: "300") ?? 300
        let receiverDelay = try parsed.positiveDuration("receiver-delay", default: "50ms") ?? .milliseconds(50)
        let think = try parsed.positiveDuration("think", default: "2s") ?? .seconds(2)
        let cacheSize = try parsed.positiveInteger("api-cache-size")
        let explicitAPI = settings.explicitValue(.api) != nil
        let binaries = Binaries.locate(
            maxctl: nil, monitoringAPI: parsed.value("monitoring-api") ?? settings.value(.chaosMonitoringAPI))
        guard FileManager.default.isExecutableFile(atPath: binaries.monitoringAPI) else {
            throw UsageError(
                "no monitoring-api binary at \(binaries.monitoringAPI): build it with `make build`, or pass "
                    + "--monitoring-api PATH")
        }
        plan = LoadPlan(
            users: users, duration: duration, workerCounts: workerCounts, backlogPerWorker: backlog,
            receiverDelay: receiverDelay, thinkTime: think, apiCacheSize: cacheSize ?? max(users / 2, 1),
            api: explicitAPI ? options.api : nil, redisURL: options.redisURL, databaseURL: settings.string(.database),
            prefix: options.prefix, token: options.token, timeout: options.timeout,
            monitoringAPI: binaries.monitoringAPI, logDirectory: parsed.value("logs") ?? ".run/load")
        json = options.json
    }

    func run() async -> ExitCode {
        await CommandFailure.reported {
            let report = try await LoadRun(plan: plan).run()
            json ? Output.printJSON(report) : Output.printLoad(report)
            return report.passed ? .ok : .warning
        }
    }

    /// `1,2,4` → [1, 2, 4]; every count ≥ 1, at most 64, at least one.
    static func workerCounts(_ text: String) throws(UsageError) -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var counts: [Int] = []
        for part in parts {
            guard let count = Int(part), (1...64).contains(count) else {
                throw UsageError("--workers takes counts of 1 to 64 separated by commas, e.g. 1,2,4 (got '\(text)')")
            }
            counts.append(count)
        }
        return counts
    }
}
