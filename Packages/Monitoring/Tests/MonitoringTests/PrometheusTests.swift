import AIModelCache
import Foundation
import PrivateServices
import XCTest

@testable import Monitoring

final class PrometheusTests: XCTestCase {
    func testWriterEscapesLabelValuesAndHelpAndFormatsNumbers() {
        var writer = PrometheusWriter()
        writer.family(
            "x_jobs", .gauge, help: "a\\b\nc",
            [.init([("queue", "q\"1\\\n")], 3), .init([("queue", "b")], 0.25), .init([("queue", "n")], .nan)])
        writer.family("x_events_total", .counter, help: "h", value: .infinity)
        writer.family("x_empty", .gauge, help: "never written", [])
        XCTAssertEqual(
            writer.text,
            """
            # HELP x_jobs a\\\\b\\nc
            # TYPE x_jobs gauge
            x_jobs{queue="q\\"1\\\\\\n"} 3
            x_jobs{queue="b"} 0.25
            x_jobs{queue="n"} NaN
            # HELP x_events_total h
            # TYPE x_events_total counter
            x_events_total +Inf

            """)
    }

    func testNameRules() {
        XCTAssertTrue(PrometheusWriter.isValidName("maxbooster_queue_jobs"))
        XCTAssertTrue(PrometheusWriter.isValidName("_a:b9"))
        XCTAssertFalse(PrometheusWriter.isValidName("9a"))
        XCTAssertFalse(PrometheusWriter.isValidName("a-b"))
        XCTAssertFalse(PrometheusWriter.isValidName(""))
    }

    private func fullSnapshot() -> (MonitorSnapshot, AIModelsReport, SystemHealth) {
        var sample = Fixtures.sample(
            queue: "email \"quoted\"", counts: JobCounts(waiting: 5, active: 2, completed: 10, failed: 1, delayed: 3),
            stalled: 1, completed: 30, failed: 3, oldestAgeMs: 1500)
        sample.window.averageProcessingMs = WindowFigure(value: 12.5, source: .workerCounters, exact: true)
        let other = Fixtures.sample(queue: "posts", completed: nil, failed: nil)
        let alert = Alert(
            alert: .maxStalledJobs, subject: sample.queue, severity: .warning, value: 1, threshold: 0, message: "m",
            sinceMs: 0)
        let monitor = MonitorSnapshot(
            queues: [sample.queue, "posts"], latest: [sample.queue: sample, "posts": other], redis: Fixtures.redis,
            lastAttemptMs: 1_000_000, lastSuccessMs: 1_000_000, lastDurationMs: 3.5, collections: 4, failures: 1,
            alerts: [alert])
        let input = AIModelsInput(
            social: .fixture(current: 95, max: 100, hits: 10, misses: 30, loads: 30),
            advertising: .fixture(name: "advertising", current: 1, max: 50, hits: 0, misses: 0, loads: 0),
            memory: ProcessMemory(heapUsedMB: 10, residentMB: 40), recentEvictions: [])
        let report = AIModelsReport(
            input: input,
            alerts: [
                Alert(
                    alert: .cacheHitRate, subject: "social", severity: .warning, value: 25, threshold: 50, message: "",
                    sinceMs: 0)
            ],
            nowMs: 0)
        let health = HealthModel.systemHealth(queues: monitor.queuesState, aiModels: report.healthState, nowMs: 0)
        return (monitor, report, health)
    }

    func testRendererWritesBaseUnitsAndLabels() {
        let (monitor, report, health) = fullSnapshot()
        let text = PrometheusRenderer.render(
            monitor: monitor, aiModels: report, health: health,
            alertHistory: AlertHistoryStatus(store: "postgresql", retentionDays: 30, backlog: 4, dropped: 2))
        let lines = Set(text.split(separator: "\n").map(String.init))
        for expected in [
            #"maxbooster_queue_jobs{queue="email \"quoted\"",state="waiting-children"} 0"#,
            #"maxbooster_queue_jobs{queue="posts",state="waiting"} 0"#,
            #"maxbooster_queue_stalled_jobs{queue="email \"quoted\""} 1"#,
            #"maxbooster_queue_oldest_waiting_age_seconds{queue="email \"quoted\""} 1.5"#,
            #"maxbooster_queue_failed_ratio{queue="email \"quoted\""} 0.09090909090909091"#,
            #"maxbooster_queue_average_processing_seconds{queue="email \"quoted\""} 0.0125"#,
            #"maxbooster_queue_window_jobs{queue="email \"quoted\"",state="completed"} 30"#,
            "maxbooster_redis_latency_seconds 0.0004", "maxbooster_redis_memory_used_bytes 2097152",
            "maxbooster_redis_up 1", "maxbooster_monitor_collections_total 4",
            "maxbooster_monitor_collection_failures_total 1",
            #"maxbooster_ai_cache_utilization_ratio{cache="social"} 0.95"#,
            #"maxbooster_ai_cache_hit_ratio{cache="social"} 0.25"#,
            #"maxbooster_ai_cache_evictions_total{cache="advertising",reason="lru"} 1"#,
            "maxbooster_process_resident_memory_bytes 41943040",
            #"maxbooster_alert_firing{alert="cacheHitRate",severity="warning",subject="social"} 1"#,
            #"maxbooster_health_status{status="degraded"} 1"#, #"maxbooster_health_status{status="healthy"} 0"#,
            #"maxbooster_alert_history_backlog{store="postgresql"} 4"#,
            #"maxbooster_alert_history_dropped_total{store="postgresql"} 2"#,
        ] {
            XCTAssertTrue(lines.contains(expected), "missing: \(expected)\n\(text)")
        }
        // Unmeasured figures are absent, never reported as 0.
        XCTAssertFalse(text.contains(#"maxbooster_queue_failed_ratio{queue="posts"}"#))
        XCTAssertFalse(text.contains("_milliseconds"))
    }

    func testRendererOutputPassesPromtoolCheckMetrics() throws {
        let (monitor, report, health) = fullSnapshot()
        let texts = [
            PrometheusRenderer.render(
                monitor: monitor, aiModels: report, health: health,
                alertHistory: AlertHistoryStatus(store: "memory", retentionDays: 30, dropped: 1)),
            PrometheusRenderer.render(
                monitor: MonitorSnapshot(lastError: "down", failures: 1), aiModels: nil, health: nil),
        ]
        guard
            let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first(
                where: FileManager.default.isExecutableFile)
        else {
            return XCTFail("promtool is not installed: apt-get install -y prometheus (it provides promtool)")
        }
        for text in texts {
            // promtool reads the exposition from stdin.
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(TestServices.uniqueName("metrics"))
                .path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let result = try CommandRunner.run(
                "/bin/sh", ["-c", "\"$0\" check metrics < \"$1\"", promtool, path], timeout: .seconds(30))
            XCTAssertEqual(result.status, 0, "promtool: \(result.stdout) \(result.stderr)\n\(text)")
            XCTAssertEqual(result.stdout + result.stderr, "", "promtool lint findings")
        }
    }
}
