import Chaos
import CommandLineArguments
import Foundation
import Monitoring

/// `maxctl burnin`: a steady realistic workload for hours, sampled as it goes, with a report and a verdict
/// against the readiness criteria (``BurninRun``, ``BurninVerdict``).
struct BurninCommand {
    static let help = """
        USAGE: maxctl burnin [--duration D] [--rate R] [--report DIR] [--disturb] [options]
               maxctl burnin --resume --report DIR [options]

        Runs a steady workload for D (default 60m): --users simulated users (default 20) scheduling --rate posts
        a second in all (default 5) through the API, asking for suggested times and ad optimisations and reading
        their posts, published by --workers `monitoring-api --workers-only` processes (default 2) through a
        webhook receiver of its own (--receiver-delay, default 50ms). Every --interval (default 10s) it appends
        one JSON line to DIR/samples.jsonl: API latency, posts scheduled and published with their end to end
        times, each queue's finished jobs with wait and processing times, the failure rate, both model caches'
        hit rates, every started process's resident memory and heap, Redis's round trip, new connections and
        error replies. Each post is journaled in DIR/posts.jsonl before its request and after its
        acknowledgement, so a burn-in killed midway loses nothing: --resume continues it (same posts, same end).
        --disturb kills and restarts one of its worker processes every --disturb-every (default 5m).

        At the end it checks every post (published exactly once) and writes DIR/report.json and
        DIR/report.html (one chart per figure over time, thresholds drawn) with the verdict: no lost or
        duplicated publication; failed rate < 1%; API p99 ≤ 50 ms over the run; end-to-end p99 over the run within
        20% of --baseline FILE (a `maxctl baseline capture` document; not judged without one); resident memory
        rising < 5 MB/h per process after 10 minutes (after the first fifth in shorter runs); at most one new
        Redis connection an hour (not judged with --disturb).

        Without --api it starts its own API tier (`monitoring-api --no-workers --database`) on a queue prefix of
        its own; with --api it loads that deployment (its --prefix).

        OPTIONS:
          --duration D          how long (default 60m)
          --rate R              posts per second in all (default 5)
          --users N             simulated users (default 20)
          --workers N           worker processes (default 2)
          --interval D          sampling interval (default 10s)
          --report DIR          where the files go (default .run/burnin/<tag>)
          --resume              continue the burn-in in --report DIR
          --disturb             kill and restart a worker process every --disturb-every (default 5m)
          --baseline FILE       a baseline document for the end-to-end criterion
          --receiver-delay D    the webhook receiver's answer time (default 50ms)
          --database URL        PostgreSQL of the posts (env DATABASE_URL)
          --monitoring-api P    the monitoring-api binary (env MONITORING_API, default: beside maxctl)
        \(CommonOptions.help)

        EXIT STATUS: 0 the verdict passed; 1 it failed (or the run could not finish); 2 Redis, PostgreSQL, the
        API or a process it started unreachable; 3 bad arguments (a directory holding a run without --resume,
        nothing to resume).
        """

    let plan: LoadPlan
    let files: BurninFiles
    let run: BurninFiles.Run
    let resume: Bool
    let baselineEndToEndP99Ms: Double?
    let json: Bool

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let parsed = try ParsedArguments(
            arguments,
            valueOptions: CommonOptions.valueOptions.union([
                "duration", "rate", "users", "workers", "interval", "report", "disturb-every", "baseline",
                "receiver-delay", "database", "monitoring-api",
            ]), flagOptions: CommonOptions.flagOptions.union(["resume", "disturb"]))
        guard parsed.positionals.isEmpty else {
            throw UsageError("burnin takes no operands (got '\(parsed.positionals[0])')")
        }
        let options = try CommonOptions(parsed, environment: environment)
        let settings = MaxctlSettings(parsed, environment: environment)
        resume = parsed.flag("resume")
        json = options.json
        let binaries = Binaries.locate(
            maxctl: nil, monitoringAPI: parsed.value("monitoring-api") ?? settings.value(.chaosMonitoringAPI))
        guard FileManager.default.isExecutableFile(atPath: binaries.monitoringAPI) else {
            throw UsageError(
                "no monitoring-api binary at \(binaries.monitoringAPI): build it with `make build`, or pass "
                    + "--monitoring-api PATH")
        }
        let explicitAPI = settings.explicitValue(.api).map { _ in options.api }
        var run: BurninFiles.Run
        if resume {
            guard let directory = parsed.value("report") else {
                throw UsageError("--resume needs --report DIR, the burn-in to continue")
            }
            files = BurninFiles(directory: directory)
            do {
                run = try files.readRun()
            } catch {
                throw UsageError(error.description)
            }
        } else {
            let rate = try Self.rate(parsed.value("rate") ?? "5")
            let tag = LoadRun.makeTag().replacingOccurrences(of: "load-", with: "burnin-")
            let duration = try parsed.positiveDuration("duration", default: "60m") ?? .seconds(3600)
            let interval = try parsed.positiveDuration("interval", default: "10s") ?? .seconds(10)
            var disturbEvery: Duration?
            if parsed.flag("disturb") {
                disturbEvery = try parsed.positiveDuration("disturb-every", default: "5m")
            } else if parsed.value("disturb-every") != nil {
                throw UsageError("--disturb-every needs --disturb")
            }
            files = BurninFiles(directory: parsed.value("report") ?? ".run/burnin/\(tag)")
            run = BurninFiles.Run(
                tag: tag, prefix: explicitAPI == nil ? tag : options.prefix,
                startedAt: BurninRun.nowMs(), durationSeconds: Self.seconds(duration),
                rate: rate, users: try parsed.positiveInteger("users", default: "20") ?? 20,
                workers: try parsed.positiveInteger("workers", default: "2") ?? 2,
                intervalSeconds: Self.seconds(interval), disturbEverySeconds: disturbEvery.map(Self.seconds),
                api: explicitAPI, baseline: parsed.value("baseline"))
        }
        self.run = run
        baselineEndToEndP99Ms = try run.baseline.map { path throws(UsageError) in
            do {
                let document = try BaselineFiles(directory: ".").read(path)
                let figure = document.figures[BaselineSamples.queueFigure("social-posts", "endToEnd")]
                guard let p99 = figure?.p99Ms ?? figure?.p95Ms else {
                    throw UsageError("the baseline \(path) has no end-to-end figure for social-posts")
                }
                return p99
            } catch let error as UsageError {
                throw error
            } catch {
                throw UsageError("--baseline \(path): \(error)")
            }
        }
        plan = LoadPlan(
            users: run.users, duration: .milliseconds(Int64(run.durationSeconds * 1000)), workerCounts: [run.workers],
            backlogPerWorker: 0,
            receiverDelay: try parsed.positiveDuration("receiver-delay", default: "50ms") ?? .milliseconds(50),
            thinkTime: .milliseconds(Int64(Double(run.users) / run.rate * 1000)), apiCacheSize: max(run.users, 1),
            api: run.api, redisURL: options.redisURL, databaseURL: settings.string(.database), prefix: run.prefix,
            token: options.token, timeout: options.timeout, monitoringAPI: binaries.monitoringAPI,
            logDirectory: files.directory + "/logs")
    }

    func run() async -> ExitCode {
        await CommandFailure.reported {
            if !resume { try files.create(run) }
            let report = try await BurninRun(
                plan: plan, files: files, run: run, baselineEndToEndP99Ms: baselineEndToEndP99Ms
            ).execute()
            if json {
                Output.printJSON(report)
            } else {
                for criterion in report.verdict.criteria {
                    let result = criterion.passed.map { $0 ? "pass" : "FAIL" } ?? "-"
                    print("\(result)  \(criterion.name): \(criterion.measured) (\(criterion.rule))")
                }
                print("verdict: \(report.verdict.passed ? "passed" : "FAILED"); report in \(files.pagePath)")
            }
            return report.verdict.passed ? .ok : .warning
        }
    }

    /// Posts per second: a positive number.
    static func rate(_ text: String) throws(UsageError) -> Double {
        guard let rate = Double(text), rate.isFinite, rate > 0, rate <= 10_000 else {
            throw UsageError("--rate must be a number of posts per second above 0 (got '\(text)')")
        }
        return rate
    }

    static func seconds(_ duration: Duration) -> Double { duration.fractionalMilliseconds / 1000 }
}
