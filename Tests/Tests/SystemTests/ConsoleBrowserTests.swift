import Foundation
import PrivateServices
import QueueCore
import RedisClient
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// The console in Debian's headless Chromium, driven over the DevTools protocol by `Tests/python/console_browser.py`
/// against a `bin/monitoring-api` with an admin and a read token, workers, a database of its own and a throwaway
/// Redis (frozen with SIGSTOP for the outage check). Each check of the program is one assertion here; its
/// screenshots are written to `.run/console/` on every run.
final class ConsoleBrowserTests: XCTestCase {
    private static let mainQueue = "console-main"
    private static let xssQueue = "<img src=x onerror=alert(1)>"

    func testTheConsoleWorksInAHeadlessBrowser() async throws {
        let redis = try ThrowawayRedis()
        defer {
            redis.send(signal: SIGCONT)
            redis.stop()
        }
        let client = RedisClient(configuration: try RedisConfiguration(url: redis.url))
        let (failedJob, scriptJob) = try await Self.seed(client)
        let adminToken = "admin-\(UUID().uuidString)"
        let readToken = "read-\(UUID().uuidString)"
        let server = try await MonitoringServerProcess(
            environment: [
                "REDIS_URL": redis.url, "DATABASE_URL": try TestServices.makeDatabase(), "DEMO": "0",
                "API_TOKEN": adminToken, "API_READ_TOKEN": readToken,
            ], arguments: ["--workers"])
        _ = try await MonitoringPoll.until("both seeded queues in the overview") {
            let (status, body) = try await server.json("/api/console/overview", token: adminToken)
            let names = (body["queues"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            return (status == 200 && names.contains(Self.mainQueue) && names.contains(Self.xssQueue), names)
        }

        let outDir = SystemProcess.repositoryRoot.appendingPathComponent(".run/console").path
        let config: [String: Any] = [
            "baseURL": server.baseURL, "adminToken": adminToken, "readToken": readToken, "outDir": outDir,
            "redisPid": Int(redis.pid), "mainQueue": Self.mainQueue, "xssQueue": Self.xssQueue,
            "failedJob": failedJob, "scriptJob": scriptJob,
        ]
        let program = SystemProcess.repositoryRoot.appendingPathComponent("Tests/python/console_browser.py").path
        let arguments = [
            program, "check", String(decoding: try JSONSerialization.data(withJSONObject: config), as: UTF8.self),
        ]
        try PythonBullMQ.ensureVenv()
        let report = try await RunningPython(arguments: arguments).result(timeout: .seconds(150))
        let checks = try XCTUnwrap((report as? [String: Any])?["checks"] as? [[String: Any]])
        XCTAssertGreaterThan(checks.count, 40, "every phase ran")
        for check in checks {
            XCTAssertEqual(check["ok"] as? Bool, true, "\(check["name"] ?? "?"): \(check["detail"] ?? "")")
        }
        let screenshots = (report as? [String: Any])?["screenshots"] as? [String] ?? []
        for name in ["overview", "queue", "job", "alerts", "models", "outage"] {
            XCTAssertTrue(screenshots.contains("\(outDir)/\(name).png"), "\(name).png written: \(screenshots)")
        }

        // The retry clicked in the page moved the job in Redis, out of `failed` and back to be processed.
        let keys = QueueKeys(prefix: "bull", queue: Self.mainQueue)
        let failedScore = try await client.send(["ZSCORE", keys.failed, failedJob])
        XCTAssertEqual(failedScore, .null, "the retried job is no longer failed")
        let position = try await client.send(["LPOS", keys.wait, failedJob])
        XCTAssertNotEqual(position, .null, "the retried job waits again (no worker on this queue)")
        await client.close()
        XCTAssertEqual(try server.terminate(), 0)
    }

    /// The main queue: a failed job (reason, stack, a log line), waiting jobs (one whose data holds `</script>`), a
    /// delayed one, a job scheduler; the XSS-named queue with two waiting jobs. Returns the failed job's and the script job's ids.
    private static func seed(_ client: RedisClient) async throws -> (failed: String, script: String) {
        let main = try Queue(name: mainQueue, client: client)
        let failed = try await main.add("charge-card", json: #"{"order":42,"amount":"19.90"}"#)
        let worker = try Worker(
            queueName: mainQueue, client: client,
            configuration: Worker.Configuration(concurrency: 1, drainDelay: .milliseconds(100))
        ) { job -> Int in
            throw UnrecoverableError("card declined for order 42 <b>bold?</b>")
        }
        worker.start()
        _ = try await MonitoringPoll.until("the first job failed") {
            let job = try await main.job(failed)
            return (job?.failedReason != nil, job?.failedReason)
        }
        await worker.close()
        _ = try await main.addLog(failed, "declined by the payment provider </script>")
        let script = try await main.add(
            "render", json: #"{"html":"</script><script>alert(1)</script>","note":"<img src=x onerror=alert(2)>"}"#)
        for index in 1...3 {
            _ = try await main.add("send-email", json: #"{"n":\#(index)}"#)
        }
        _ = try await main.add("later", json: "{}", options: JobOptions(delay: 3_600_000))
        _ = try await main.upsertJobScheduler("nightly-report", repeat: RepeatOptions(pattern: "0 3 * * *"))
        let xss = try Queue(name: xssQueue, client: client)
        for index in 1...2 {
            _ = try await xss.add("<script>alert(\(index))</script>", json: #"{"x":"</script>"}"#)
        }
        return (failed, script)
    }
}
