import Foundation
import PrivateServices
import QueueCore
import RedisClient

#if canImport(Glibc)
import Glibc
#endif

/// What a scenario gets from the runner: the services, the binaries, progress and evidence, and helpers
/// that start workers and monitoring-api as real processes (cleaned up by `finish()`).
final class ScenarioContext: Sendable {
    /// The Redis the queues live in (a private server the runner started).
    let redisURL: String
    /// The database of the attempt log.
    let databaseURL: String
    /// Program paths.
    let binaries: Binaries
    /// Where process logs go.
    let directory: String
    /// The scenario's queue prefix (one per scenario, so one scenario's jobs never colour another's health).
    let prefix: String
    /// The record for the JSON report.
    let evidence = Evidence()
    private let progressSink: @Sendable (String) -> Void
    private let processes = ProcessList()

    /// Creates a context; `progress` receives one line per step.
    init(
        redisURL: String, databaseURL: String, binaries: Binaries, directory: String, prefix: String,
        progress: @escaping @Sendable (String) -> Void
    ) {
        self.redisURL = redisURL
        self.databaseURL = databaseURL
        self.binaries = binaries
        self.directory = directory
        self.prefix = prefix
        self.progressSink = progress
    }

    /// Reports a step (progress line and evidence).
    func step(_ text: String) {
        evidence.step(text)
        progressSink(text)
    }

    /// A Redis client for the scenario's own reads and adds; close it with `close()`.
    func redisClient(url: String? = nil) throws -> RedisClient {
        RedisClient(configuration: try RedisConfiguration(url: url ?? redisURL))
    }

    /// Starts a worker process (`maxctl worker`) on `queue` that prints its event lines (`ready <pid>`,
    /// `active <id> <attempt>`, `completed <id>`, `lockLost <id>`, …) and records every attempt to the attempt
    /// log; waits (bounded) for its `ready` line. Its jobs run as their data says (`sleepMs`, `fail`).
    func startWorker(
        _ name: String, queue: String, redisURL: String? = nil, lockMs: Int = 2_000, stalledMs: Int = 1_000,
        maxStalled: Int = 1, concurrency: Int = 1
    ) async throws -> ManagedProcess {
        let process = ManagedProcess(
            name: name,
            arguments: [
                binaries.maxctl, "worker", queue, "--events", "--processor", "scripted", "--redis",
                redisURL ?? self.redisURL, "--record-to", databaseURL, "--prefix", prefix, "--lock-duration",
                "\(lockMs)ms", "--stalled-interval", "\(stalledMs)ms", "--max-stalled-count", "\(maxStalled)",
                "--concurrency", "\(concurrency)", "--drain-delay", "500ms", "--timeout", "5s",
                // A soak restarts Redis while it restarts workers: a worker starting then waits for it.
                "--wait-for-redis", "30s",
            ],
            logPath: "\(directory)/\(prefix)-\(name).log")
        let pid = try await offPool { try process.start() }
        processes.add(process)
        try await process.waitForOutput("ready \(pid)", timeout: .seconds(30))
        step("started \(name) (pid \(pid))")
        return process
    }

    /// Starts monitoring-api on a free port for this scenario's prefix and `queues` (empty: discovered), collecting
    /// every `interval`; waits until it answers. Without `postsDatabaseURL` it runs `--no-workers` (the monitoring
    /// scenarios need no database); with it, `--workers` on that database: the posts API and the auto-posting
    /// workers. Every setting it uses is on its command line (see `ManagedProcess` for the environment it gets).
    func startMonitoringAPI(
        redisURL: String? = nil, queues: [String], interval: String = "500ms", postsDatabaseURL: String? = nil,
        extraArguments: [String] = []
    ) async throws -> MonitoringAPIProcess {
        let mode = postsDatabaseURL.map { ["--workers", "--database", $0] } ?? ["--no-workers"]
        let queueArguments = queues.isEmpty ? [] : ["--queues", queues.joined(separator: ",")]
        let api = try await MonitoringAPIProcess.start(
            executable: binaries.monitoringAPI,
            arguments: mode + [
                "--port", "0", "--redis", redisURL ?? self.redisURL, "--queue-prefix", prefix,
                "--monitor-interval", interval,
            ] + queueArguments + extraArguments,
            logPath: "\(directory)/\(prefix)-monitoring-api.log")
        processes.add(api.process)
        let pid = api.process.pid
        step("started monitoring-api (pid \(pid)) on \(api.baseURL)")
        return api
    }

    /// Sends `signal` to `process` and records it; after a SIGKILL, waits (bounded) until the process has died
    /// of it.
    /// - Throws: `ChaosError.signalFailed` (also recorded as a step) when `kill(2)` fails, or when a SIGKILLed
    ///   process does not die of the SIGKILL (it had already exited, or it is still there after 10 s).
    func send(_ signal: Int32, to process: ManagedProcess) async throws {
        let pid = process.pid
        let name = Evidence.name(of: signal)
        do {
            try process.send(signal)
            evidence.signal(signal, to: process.name, pid: pid)
            step("sent \(name) to \(process.name) (pid \(pid))")
            guard signal == SIGKILL else { return }
            let status = try await offPool { process.waitForExit(timeout: .seconds(10)) }
            guard status == 128 + SIGKILL else {
                throw ChaosError(
                    .signalFailed,
                    "\(process.name) (pid \(pid)) "
                        + (status.map { "had already exited with status \($0) when it was sent SIGKILL" }
                            ?? "still runs 10 s after SIGKILL"))
            }
        } catch {
            step("✗ \(name) to \(process.name) (pid \(pid)): \(error)")
            throw error
        }
    }

    /// Records a signal sent by other means (e.g. to redis-server through its service).
    func recordSignal(_ signal: Int32, process: String, pid: Int32) {
        evidence.signal(signal, to: process, pid: pid)
        step("sent \(Evidence.name(of: signal)) to \(process) (pid \(pid))")
    }

    /// Records a restart.
    func recordRestart(_ text: String) {
        evidence.restart(text)
        step("restarted \(text)")
    }

    /// Records acknowledged job ids.
    func acknowledged(_ ids: [String]) { evidence.acknowledged(ids) }

    /// Records the checker's result.
    func record(_ accounting: Accounting) {
        evidence.accounting(accounting)
        step("checker: \(accounting.summary)")
    }

    /// Records a soak's disturbance.
    func disturbance(_ disturbance: Evidence.Disturbance) {
        evidence.disturbance(disturbance)
        step(
            "\(disturbance.kind) of \(disturbance.process) (pid \(disturbance.pid)): serving again after \(disturbance.recoveryMs) ms"
        )
    }

    /// Records a measured figure.
    func figure(_ name: String, _ value: Double) { evidence.figure(name, value) }

    /// Stops every process this context started (SIGTERM, then SIGKILL).
    func finish() async {
        let all = processes.all
        _ = try? await offPool {
            for process in all { process.stop(grace: .seconds(3)) }
        }
    }
}

extension ScenarioContext {
    /// Runs `body` with a queue `name` under this scenario's prefix and the attempt log, closing both after.
    func withQueue<T: Sendable>(
        _ name: String, redisURL: String? = nil, _ body: (Queue, AttemptLog) async throws -> T
    ) async throws -> T {
        let client = try redisClient(url: redisURL)
        let log = try AttemptLog(url: databaseURL)
        do {
            let queue = try Queue(name: name, client: client, configuration: Queue.Configuration(prefix: prefix))
            try await log.prepare()
            let result = try await body(queue, log)
            await client.close()
            log.close()
            return result
        } catch {
            await client.close()
            log.close()
            throw error
        }
    }

    /// A queue name unique to this run, e.g. `crash-3f2a9c`.
    func uniqueQueueName(_ base: String) -> String {
        "\(base)-\(UUID().uuidString.prefix(6).lowercased())"
    }
}
