import CommandLineArguments
import Monitoring
import XCTest

@testable import maxctl

final class MonitoringCommandTests: XCTestCase {
    private func health(alerts: [Alert] = [], reason: String? = nil) -> SystemHealth {
        let sample = QueueSample(
            queue: "mail", timestampMs: 0, counts: JobCounts(waiting: 3, active: 1, prioritized: 2), stalled: 0,
            paused: false, oldestWaitingAgeMs: nil,
            window: WindowFigures(
                startMs: 0, endMs: 1, completed: .unavailable, failed: .unavailable, retries: .unavailable,
                averageProcessingMs: .unavailable),
            redis: RedisStats(
                latencyMs: 0.5, usedMemoryBytes: 1, peakMemoryBytes: 1, maxMemoryBytes: 0, maxMemoryPolicy: "noeviction"
            ))
        let queues: HealthModel.QueuesState =
            reason.map { .failed(reason: $0, lastSamples: [sample]) }
            ?? .collected(samples: [sample], redis: sample.redis, alerts: alerts)
        return HealthModel.systemHealth(
            queues: queues,
            aiModels: .measured(
                social: CacheUtilization(current: 1, max: 100), advertising: CacheUtilization(current: 0, max: 50),
                alerts: []),
            nowMs: 0)
    }

    func testNagiosLineCarriesTheStatusLabelSummaryAndPerfdata() {
        let line = HealthCommand.nagiosLine(health())
        XCTAssertTrue(line.hasPrefix("MAXBOOSTER OK - healthy: 1 queues, 0 alerts | "), line)
        XCTAssertTrue(line.contains("queues=1 alerts=0 waiting=5 active=1 stalled=0"), line)
        XCTAssertTrue(line.contains("social_models=1;;;0;100"), line)
        XCTAssertTrue(line.contains("redis_latency=0.0005s"), line)
    }

    func testNagiosLineOfAnUnhealthySystemIsCriticalWithTheReasonAndNoExtraPipe() {
        let line = HealthCommand.nagiosLine(health(reason: "Redis 127.0.0.1:1 | refused"))
        XCTAssertTrue(line.hasPrefix("MAXBOOSTER CRITICAL - unhealthy"), line)
        XCTAssertTrue(line.contains("Redis 127.0.0.1:1 / refused"), line)
        XCTAssertEqual(line.filter { $0 == "|" }.count, 1, line)
    }

    func testProcessorSpecsParseAndRefuseWithTheAcceptedForms() throws {
        XCTAssertEqual(try ProcessorSpec("noop"), .noop)
        XCTAssertEqual(try ProcessorSpec("echo"), .echo)
        XCTAssertEqual(try ProcessorSpec("fail"), .fail)
        XCTAssertEqual(try ProcessorSpec("sleep:250"), .sleep(milliseconds: 250))
        XCTAssertEqual(try ProcessorSpec("fail-first:2"), .failFirst(2))
        XCTAssertEqual(try ProcessorSpec("scripted"), .scripted)
        for text in ["", "sleep", "sleep:-1", "sleep:x", "noop:1", "fail-first", "explode", "scripted:1"] {
            XCTAssertThrowsError(try ProcessorSpec(text), text) { error in
                XCTAssertTrue(
                    "\(error)".contains("noop, echo, sleep:<ms>, fail, fail-first:<n> or scripted"), "\(error)")
            }
        }
    }

    func testCommonOptionsFallBackToTheEnvironmentThenTheDefaults() throws {
        let parsed = try ParsedArguments(
            ["--prefix", "p"], valueOptions: CommonOptions.valueOptions, flagOptions: CommonOptions.flagOptions)
        let options = try CommonOptions(
            parsed, environment: ["MAXCTL_API": "http://h:1/", "MAXCTL_TOKEN": "t", "QUEUE_PREFIX": "q"])
        XCTAssertEqual(options.api, "http://h:1")
        XCTAssertEqual(options.token, "t")
        XCTAssertEqual(options.prefix, "p")
        XCTAssertEqual(options.redisURL, "redis://127.0.0.1:6379")
        XCTAssertEqual(options.timeout, .seconds(10))
        XCTAssertThrowsError(
            try CommonOptions(
                try ParsedArguments(["--api", "https://x"], valueOptions: CommonOptions.valueOptions, flagOptions: []),
                environment: [:]))
    }

    func testQueueAddRefusesBadDataBackoffAndIdsWithCounts() {
        let cases: [([String], String)] = [
            (["q"], "needs --name"), (["q", "--name", "j", "--data", "{x"], "--data must be JSON"),
            (["q", "--name", "j", "--backoff", "linear:5"], "--backoff must be"),
            (["q", "--name", "j", "--job-id", "a", "--count", "2"], "--job-id works only with --count 1"),
            (["q", "--name", "j", "--attempts", "0"], "--attempts must be a whole number ≥ 1"),
        ]
        for (arguments, expected) in cases {
            XCTAssertThrowsError(try QueueAddCommand(arguments: arguments, environment: [:]), "\(arguments)") { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
        }
    }

    func testQueueCleanNeedsYes() {
        XCTAssertThrowsError(
            try QueueCleanCommand(arguments: ["q", "--state", "completed", "--grace", "1h"], environment: [:])
        ) { error in XCTAssertTrue("\(error)".contains("--yes"), "\(error)") }
    }

    func testTablesPadColumnsAndRightAlignNumbers() {
        var table = Table("NAME", "COUNT")
        table.add("a", "5")
        table.add("longer", "12")
        XCTAssertEqual(table.text, "NAME    COUNT\na           5\nlonger     12")
    }
}
