import CommandLineArguments
import Foundation
import QueueCore
import RedisClient

/// `maxctl worker <name> …`: a BullMQ-compatible worker process for smoke tests, load and chaos runs.
/// SIGTERM or SIGINT (or `--max-jobs` reached) closes it gracefully: running jobs finish, then it
/// prints a summary.
struct WorkerCommand {
    static let help = """
        USAGE: maxctl worker <queue> --processor P [--concurrency N] [--max-jobs N] [--lock-duration D]
                             [--stalled-interval D] [--max-stalled-count N] [--drain-delay D] [--events]
                             [--record-to URL] [--wait-for-redis D] [options]

        Processes jobs of a queue (ours, or written by Node/Python BullMQ) until SIGTERM/SIGINT or
        --max-jobs, then closes gracefully (running jobs finish) and prints a summary. Progress goes to
        stderr every 5 seconds. Smoke tests, the chaos suite and load runs all run this process.

        OPTIONS:
          --processor P          noop | echo (returns the data) | sleep:<ms> | fail | fail-first:<n> |
                                 scripted (the job's data says: {"sleepMs": n} sleeps, {"fail": true} fails;
                                 returns {"pid": <pid>}) (required)
          --max-jobs N           stop after N attempts finished (completed or failed); jobs the worker
                                 already fetched still finish, so up to --concurrency more may run
        \(WorkerProcessOptions.help)
          --events               print one line per event on stdout (ready <pid>, active <id> <attempt>,
                                 completed <id>, failed <id> <reason>, lockLost <id>, stalled <ids>,
                                 error <text>, closed); the summary then goes to stderr
          --record-to URL        append every attempt (started, completed) to the chaos suite's Postgres log
          --wait-for-redis D     at start, keep trying an unreachable Redis for up to D (default 0s: exit 2 at
                                 once); a Redis that answers LOADING (replaying its data after a restart) is
                                 always waited for, up to the larger of D and 60s
        \(CommonOptions.help)

        EXIT STATUS: 0 closed cleanly, 2 Redis unreachable at start, 3 bad arguments (a bad --redis URL too).
        """

    let options: CommonOptions
    let queue: String
    let processor: ProcessorSpec
    let maxJobs: Int?
    let recordTo: String?
    let events: Bool
    /// How long an unreachable Redis is retried at start (`--wait-for-redis`).
    let waitForRedis: Duration
    let configuration: Worker.Configuration

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let parsed = try ParsedArguments(
            arguments,
            valueOptions: CommonOptions.valueOptions.union(WorkerProcessOptions.valueOptions).union([
                "processor", "max-jobs", "record-to", "wait-for-redis",
            ]), flagOptions: CommonOptions.flagOptions.union(["events"]))
        guard parsed.positionals.count == 1 else { throw UsageError("worker takes one queue name") }
        queue = parsed.positionals[0]
        options = try CommonOptions(parsed, environment: environment)
        guard let processor = parsed.value("processor") else {
            throw UsageError("worker needs --processor (noop, echo, sleep:<ms>, fail, fail-first:<n> or scripted)")
        }
        self.processor = try ProcessorSpec(processor)
        recordTo = parsed.value("record-to")
        waitForRedis = try parsed.duration("wait-for-redis") ?? .zero
        if waitForRedis < .zero { throw UsageError("--wait-for-redis must not be negative, e.g. 30s") }
        events = parsed.flag("events")
        if events, options.json { throw UsageError("--events and --json both print on stdout: use one of them") }
        maxJobs =
            parsed.value("max-jobs") == nil
            ? nil : try QueueAddCommand.integer(parsed.value("max-jobs"), "--max-jobs", default: 0, minimum: 1)
        do {
            let worker = try WorkerProcessOptions(value: parsed.value, duration: DurationText.parse)
            configuration = worker.configuration(prefix: options.prefix)
            try configuration.validate()
        } catch {
            throw UsageError("\(error)")
        }
    }

    /// The longest a Redis answering `LOADING` (replaying its AOF or RDB after a restart) is waited for at start.
    static let loadingPatience: Duration = .seconds(60)

    /// PINGs until Redis answers: retries a Redis that cannot be reached for `patience`, and one that is loading
    /// its data for the larger of `patience` and ``loadingPatience``; says once on stderr that it waits. Throws
    /// the last error when the time is up, or at once on any other error.
    static func waitUntilReachable(_ client: RedisClient, patience: Duration) async throws {
        let clock = ContinuousClock()
        let started = clock.now
        var announced = false
        while true {
            do {
                _ = try await client.send("PING")
                return
            } catch let error as RedisError {
                let loading = error.serverErrorPrefix == "LOADING"
                let unreachable = [.connectFailed, .connectTimeout, .connectionLost, .commandTimeout].contains(
                    error.code)
                let limit = loading ? max(patience, loadingPatience) : patience
                guard loading || unreachable, clock.now - started < limit else { throw error }
                if !announced {
                    Output.printError("waiting for Redis (up to \(limit)): \(error)")
                    announced = true
                }
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    func run() async -> ExitCode {
        let stops = StopSignals()
        let tally = WorkerTally(queue: queue)
        let client: RedisClient
        do {
            client = try options.redisClient(poolSize: 4)
        } catch {
            Output.printError("\(error)")
            return error.exitCode
        }
        do {
            try await Self.waitUntilReachable(client, patience: waitForRedis)
        } catch {
            Output.printError(
                "cannot reach Redis for queue \(queue): \(error) (start Redis with `make services-up`, or point --redis / REDIS_URL at it)"
            )
            return .critical
        }
        var configuration = configuration
        let maxJobs = maxJobs
        let events = events
        configuration.onEvent = { event in
            if events { WorkerEventLine(event).write() }
            let attempts = tally.record(event)
            if let maxJobs, attempts >= maxJobs { stops.stop("max-jobs") }
        }
        let gate = StartGate(limit: maxJobs)
        let worker: Worker
        do {
            let processor = processor
            let recorder = try await recordTo.asyncMap { try await AttemptRecorder(url: $0, queue: queue) }
            worker = try Worker(queueName: queue, client: client, configuration: configuration) { job in
                await gate.enter()
                if events { WorkerEventLine.active(jobId: job.id, attempt: job.currentAttempt).write() }
                guard let recorder else { return try await processor.process(job) }
                return try await recorder.around(job) { try await processor.process(job) }
            }
        } catch {
            Output.printError("\(error)")
            await client.close()
            return .unknown
        }
        worker.start()
        if events { WorkerEventLine.ready(pid: getpid()).write() }
        Output.printError(
            "worker on \(options.prefix):\(queue) started (concurrency \(configuration.concurrency)); SIGTERM or Ctrl-C stops it"
        )
        let progress = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(5))
                guard !Task.isCancelled else { return }
                let summary = tally.summary
                Output.printError(
                    "progress: \(summary.completed) completed, \(summary.failedAttempts) failed attempts, "
                        + "\(Output.number(summary.completedPerSecond)) jobs/s")
            }
        }
        let reason = await stops.first()
        progress.cancel()
        // Stop fetching first, then release the jobs fetched beyond --max-jobs so they finish: once the
        // worker fetches nothing, finishing them fetches no next job. close() then waits for them.
        worker.stopFetching()
        let held = gate.held
        gate.open()
        Output.printError(
            "\(reason): closing gracefully (running jobs finish"
                + (held > 0 ? "; \(held) fetched beyond --max-jobs released to finish)" : ")"))
        await worker.close()
        await client.close()
        if events { WorkerEventLine.closed.write() }
        let summary = tally.summary
        if options.json {
            Output.printJSON(summary)
        } else {
            (events ? Output.printError : { print($0) })(
                "\(queue): \(summary.completed) completed, \(summary.failed) failed, \(summary.retried) retried, "
                    + "\(summary.lockLost) locks lost, \(summary.stalledRecovered) stalled recovered, "
                    + "\(summary.errors) errors in \(Output.number(summary.elapsedMs / 1000, digits: 2)) s "
                    + "(\(Output.number(summary.completedPerSecond)) jobs/s) — stopped by \(reason)")
        }
        return .ok
    }
}
