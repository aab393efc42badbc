import Essentials
import Foundation
import PrivateServices
import QueueCore
import RedisClient
import XCTest

@testable import Chaos

/// The checker can fail: the real worker-crash scenario (real `bin/maxctl worker` processes, a real SIGKILL, a
/// real redis-server) with one acknowledged job deleted from Redis behind its back ends in a failed verdict.
final class CheckerLossTests: XCTestCase {
    func testAnAcknowledgedJobDeletedFromRedisMidRunFailsTheScenarioAsLost() async throws {
        let binaries = Binaries.locate()
        try Self.skipWithoutBinaries(binaries)
        let directory = NSTemporaryDirectory() + "chaos-loss-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let redisURL = try TestServices.redisURL()
        // A prefix of its own, so the saboteur finds this scenario's queue and nothing else.
        let prefix = TestServices.uniqueName("chaos-loss")
        let lines = LineSink()
        let context = ScenarioContext(
            redisURL: redisURL, databaseURL: try TestServices.makeDatabase(prefix: "chaos"),
            binaries: binaries, directory: directory, prefix: prefix, progress: { lines.append($0) })

        let scenario = WorkerCrashScenario()
        // The saboteur: once all the adds are acknowledged, delete the newest job while it still waits
        // (one worker, 400 ms per job: it is seconds away from being taken).
        let saboteur = Task { () throws -> String in
            let client = RedisClient(configuration: try RedisConfiguration(url: redisURL))
            do {
                try await Deadline.require("the scenario's adds acknowledged", timeout: .seconds(60)) {
                    context.evidence.snapshot.jobIds.count == scenario.jobs
                }
                let keys = try await client.send("KEYS", "\(prefix):*:id").array?.compactMap(\.string) ?? []
                let key = try XCTUnwrap(keys.first, "no queue under \(prefix)")
                let name = String(key.dropFirst(prefix.count + 1).dropLast(":id".count))
                let queue = try Queue(name: name, client: client, configuration: Queue.Configuration(prefix: prefix))
                let victim = try XCTUnwrap(context.evidence.snapshot.jobIds.last)
                let removed = try await queue.remove(victim)
                XCTAssertTrue(removed, "job \(victim) was not there to delete")
                await client.close()
                return victim
            } catch {
                await client.close()
                throw error
            }
        }
        let verdict: Verdict
        do {
            verdict = try await scenario.run(in: context)
        } catch {
            await context.finish()
            throw error
        }
        await context.finish()
        let victim = try await saboteur.value
        let output = lines.all.joined(separator: "\n")

        XCTAssertFalse(verdict.passed, output)
        let accounting = try XCTUnwrap(context.evidence.snapshot.accounting, output)
        XCTAssertEqual(accounting.lost, [victim], output)
        XCTAssertTrue(accounting.summary.contains("lost 1,"), accounting.summary)
        XCTAssertTrue(verdict.failures.contains("lost 1 acknowledged job(s): \(victim)"), "\(verdict.failures)")
    }
}
