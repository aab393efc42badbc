import Chaos
import PrivateServices

/// The `monitoring-api --workers-only` processes of one load step, publishing through the run's webhook
/// receiver; started together, each waited for until its database is ready, stopped with SIGTERM (a drain).
struct WorkerFleet: Sendable {
    let processes: [ManagedProcess]

    /// Starts `count` worker processes on `plan`'s Redis, database and `prefix`, and waits (bounded: 60 s) until
    /// each has connected to PostgreSQL and started its workers.
    /// - Throws: ``CommandFailure`` (exit 2) naming the process and its log when one does not get ready.
    static func start(
        count: Int, plan: LoadPlan, prefix: String, webhookURL: String, label: String
    ) async throws(CommandFailure) -> WorkerFleet {
        let processes = (1...count).map { index in
            ManagedProcess(
                name: "worker-\(index)",
                arguments: [
                    plan.monitoringAPI, "--workers-only", "--redis", plan.redisURL, "--database", plan.databaseURL,
                    "--queue-prefix", prefix, "--monitor-interval", "1s",
                ],
                logPath: LoadSession.freshLog("\(plan.logDirectory)/\(label)-worker-\(index).log"),
                environment: ["PUBLISH_WEBHOOK_URL": webhookURL])
        }
        let fleet = WorkerFleet(processes: processes)
        do {
            for process in processes { _ = try await offPool { try process.start() } }
            for process in processes {
                try await process.waitForOutput("\"event\":\"posts.database_ready\"", timeout: .seconds(60))
            }
        } catch {
            await fleet.stop()
            throw CommandFailure("a worker process did not get ready: \(error)", exitCode: .critical)
        }
        return fleet
    }

    /// The processes' names and pids, for the resource watch.
    var watched: [(name: String, pid: Int32)] {
        processes.map { ($0.name, $0.pid) }
    }

    /// SIGTERM to each (running jobs finish), SIGKILL after 10 s.
    func stop() async {
        for process in processes { _ = try? await offPool { process.stop(grace: .seconds(10)) } }
    }
}
