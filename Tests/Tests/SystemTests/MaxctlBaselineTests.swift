import Foundation
import PrivateServices
import QueueCore
import RedisClient
import XCTest

/// `bin/maxctl baseline capture` and `compare` against a running monitoring-api, real Redis with jobs being
/// processed, and real PostgreSQL; `/api/monitoring/baseline` serving what was captured.
final class MaxctlBaselineTests: XCTestCase {
    private func maxctl(_ arguments: [String]) async throws -> CommandResult {
        // Off the cooperative pool: the test's worker and feeder keep running while maxctl measures.
        try await offPool("maxctl-baseline") {
            try CommandRunner.run(
                SystemProcess.binary("maxctl"), arguments,
                removing: [
                    "REDIS_URL", "QUEUE_PREFIX", "MAXCTL_API", "MAXCTL_TOKEN", "DATABASE_URL", "MAXCTL_BASELINE_DIR",
                ],
                timeout: .seconds(60))
        }
    }

    /// A copy of the baseline at `path` with every millisecond figure multiplied by `factor` (or another
    /// `schemaVersion`), written next to it.
    private func doctored(_ path: String, factor: Double = 1, schemaVersion: Int? = nil, name: String) throws
        -> String
    {
        var document = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var figures = try XCTUnwrap(document["figures"] as? [String: [String: Any]])
        for (figureName, figure) in figures {
            var scaled = figure
            for (key, value) in figure where key.hasSuffix("Ms") {
                scaled[key] = try XCTUnwrap((value as? NSNumber)?.doubleValue) * factor
            }
            figures[figureName] = scaled
        }
        document["figures"] = figures
        if let schemaVersion { document["schemaVersion"] = schemaVersion }
        let copy = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(name).path
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: copy))
        return copy
    }

    func testCaptureThenCompareExitsByVerdictAndTheAPIServesTheLatest() async throws {
        let redisURL = try TestServices.redisURL()
        let databaseURL = try TestServices.makeDatabase(prefix: "baseline")
        let prefix = TestServices.uniqueName("bl")
        let directory = try Directories.make("baseline")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try await MonitoringServerProcess(environment: [
            "REDIS_URL": redisURL, "QUEUE_PREFIX": prefix, "DATABASE_URL": databaseURL,
        ])
        let none = try await server.json("/api/monitoring/baseline")
        XCTAssertEqual(none.status, 404)
        XCTAssertTrue("\(none.body)".contains("maxctl baseline capture"), "\(none.body)")

        // Jobs added every 50 ms and processed in about 20 ms while the capture measures.
        let client = RedisClient(configuration: try RedisConfiguration(url: redisURL))
        let queue = try Queue(name: "work", client: client, configuration: .init(prefix: prefix))
        let worker = try Worker(
            queueName: "work", client: client,
            configuration: .init(prefix: prefix, concurrency: 2, drainDelay: .milliseconds(200))
        ) { _ -> Int in
            try await Task.sleep(for: .milliseconds(20))
            return 1
        }
        worker.start()
        let feeder = Task {
            while !Task.isCancelled {
                _ = try? await queue.add("job", json: "{}")
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        let common = ["--api", server.baseURL, "--redis", redisURL, "--prefix", prefix, "--timeout", "5s"]
        let file = "\(directory)/captured.json"
        let capture = try await maxctl(
            ["baseline", "capture", "--duration", "2s", "--out", file, "--database", databaseURL] + common)
        feeder.cancel()
        await worker.close()
        try? await queue.obliterate(force: true)
        await client.close()
        XCTAssertEqual(capture.status, 0, capture.stderr)
        XCTAssertTrue(capture.stdout.contains("written to \(file)"), capture.stdout)
        XCTAssertTrue(capture.stdout.contains("stored in PostgreSQL"), capture.stdout)

        let document = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        XCTAssertEqual(document["schemaVersion"] as? Int, 1)
        let figures = try XCTUnwrap(document["figures"] as? [String: [String: Any]])
        for name in ["queue/work/wait", "queue/work/processing", "queue/work/endToEnd", "redis/ping", "api/metrics"] {
            XCTAssertGreaterThan(
                (figures[name]?["count"] as? NSNumber)?.intValue ?? 0, 0, "\(name) in \(figures.keys.sorted())")
        }
        XCTAssertNotNil(figures["modelLoad/social"], "\(figures.keys.sorted())")
        XCTAssertGreaterThanOrEqual((figures["queue/work/processing"]?["p50Ms"] as? NSNumber)?.doubleValue ?? 0, 20)

        let served = try await server.json("/api/monitoring/baseline")
        XCTAssertEqual(served.status, 200, "\(served.body)")
        XCTAssertEqual(served.body["capturedAt"] as? String, document["capturedAt"] as? String)

        let same = try await maxctl(["baseline", "compare", "--current", file, "--against", file])
        XCTAssertEqual(same.status, 0, same.stdout + same.stderr)
        XCTAssertTrue(same.stdout.contains("verdict: within"), same.stdout)
        let latest = try await maxctl(["baseline", "compare", "--current", file, "--database", databaseURL])
        XCTAssertEqual(latest.status, 0, latest.stdout + latest.stderr)
        XCTAssertTrue(latest.stdout.contains("latest baseline in PostgreSQL"), latest.stdout)

        let slower = try doctored(file, factor: 1.3, name: "slower.json")
        let worse = try await maxctl([
            "baseline", "compare", "--current", slower, "--against", file, "--tolerance", "20%",
        ])
        XCTAssertEqual(worse.status, 1, worse.stdout + worse.stderr)
        let muchSlower = try doctored(file, factor: 3, name: "much-slower.json")
        let far = try await maxctl(["baseline", "compare", "--current", muchSlower, "--against", file, "--json"])
        XCTAssertEqual(far.status, 2, far.stdout + far.stderr)
        let farJSON = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(far.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(farJSON["verdict"] as? String, "farWorse")

        let otherSchema = try doctored(file, schemaVersion: 99, name: "other-schema.json")
        let refused = try await maxctl(["baseline", "compare", "--current", file, "--against", otherSchema])
        XCTAssertEqual(refused.status, 3)
        XCTAssertTrue(refused.stderr.contains("has schemaVersion 99"), refused.stderr)
    }

    func testBadDurationUnreachableAPIAndMissingBaselineAreClearErrors() async throws {
        let directory = try Directories.make("baseline")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = "\(directory)/never.json"
        let negative = try await maxctl(["baseline", "capture", "--duration", "-1s", "--out", file])
        XCTAssertEqual(negative.status, 3)
        XCTAssertTrue(negative.stderr.contains("--duration must not be negative"), negative.stderr)
        let badTolerance = try await maxctl(["baseline", "compare", "--tolerance", "-5%"])
        XCTAssertEqual(badTolerance.status, 3)
        XCTAssertTrue(badTolerance.stderr.contains("--tolerance"), badTolerance.stderr)

        // Nothing listens on port 1: capture exits 2 (a dependency), compare 3 (unknown).
        let closed = "http://127.0.0.1:1"
        let redis = ["--redis", try TestServices.redisURL(), "--timeout", "2s"]
        let capture = try await maxctl(
            ["baseline", "capture", "--duration", "1s", "--out", file, "--api", closed] + redis)
        XCTAssertEqual(capture.status, 2, capture.stderr)
        XCTAssertTrue(capture.stderr.contains("cannot measure: cannot reach monitoring-api"), capture.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: file), "nothing written")
        let noBaseline = try await maxctl(["baseline", "compare", "--dir", directory, "--api", closed] + redis)
        XCTAssertEqual(noBaseline.status, 3)
        XCTAssertTrue(noBaseline.stderr.contains("no baseline found"), noBaseline.stderr)
    }
}
