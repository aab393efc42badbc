import QueueCore
import XCTest

/// The worker-process protocol in memory: event lines print and parse back, options refuse bad values.
final class WorkerProcessProtocolTests: XCTestCase {
    func testEveryEventLinePrintsAndParsesBack() {
        let lines: [WorkerEventLine] = [
            .ready(pid: 4242), .active(jobId: "7", attempt: 2), .completed(jobId: "post-1-v2"),
            .failed(jobId: "9", reason: "asked to fail (attempt 1)"), .lockLost(jobId: "9"),
            .stalled(jobIds: ["1", "2"]), .error("READONLY you can't write"), .closed,
        ]
        for line in lines { XCTAssertEqual(WorkerEventLine(parsing: "\(line)"), line, "\(line)") }
        XCTAssertEqual(
            ["ready 4242", "active 7 2", "completed post-1-v2", "stalled 1,2", "closed"],
            [lines[0], lines[1], lines[2], lines[5], lines[7]].map(\.description))
    }

    func testAMultiLineReasonStaysOneLine() {
        XCTAssertEqual(WorkerEventLine.failed(jobId: "1", reason: "a\nb").description, "failed 1 a b")
    }

    func testOtherTextIsNoEventLine() {
        for text in ["", "ready", "ready x", "active 7", "worker on bull:q started", "progress: 3 completed, 0 failed"]
        {
            XCTAssertNil(WorkerEventLine(parsing: text), text)
        }
    }

    func testWorkerEventsMapToTheirLines() {
        XCTAssertEqual(WorkerEventLine(.completed(jobId: "1", processingTime: .zero)), .completed(jobId: "1"))
        XCTAssertEqual(
            WorkerEventLine(.failed(jobId: "1", reason: "r", willRetry: true, processingTime: .zero)),
            .failed(jobId: "1", reason: "r"))
        XCTAssertEqual(WorkerEventLine(.stalled(jobIds: ["3"])), .stalled(jobIds: ["3"]))
    }

    private func options(_ values: [String: String]) throws(WorkerProcessOptions.Invalid) -> WorkerProcessOptions {
        try WorkerProcessOptions(value: { values[$0] }) { text in
            text.hasSuffix("ms") ? Int(text.dropLast(2)).map(Duration.milliseconds) : nil
        }
    }

    func testOptionsDefaultToBullMQsAndBecomeTheWorkerConfiguration() throws {
        XCTAssertEqual(try options([:]), WorkerProcessOptions())
        let parsed = try options([
            "concurrency": "3", "lock-duration": "1000ms", "stalled-interval": "500ms", "max-stalled-count": "0",
            "drain-delay": "200ms",
        ])
        let configuration = parsed.configuration(prefix: "p")
        XCTAssertEqual(configuration.prefix, "p")
        XCTAssertEqual(configuration.concurrency, 3)
        XCTAssertEqual(configuration.lockDuration, .milliseconds(1000))
        XCTAssertEqual(configuration.stalledInterval, .milliseconds(500))
        XCTAssertEqual(configuration.maxStalledCount, 0)
        XCTAssertEqual(configuration.drainDelay, .milliseconds(200))
        XCTAssertNoThrow(try configuration.validate())
    }

    func testBadOptionValuesAreRefusedWithTheFlagsName() {
        let cases: [(String, String)] = [
            ("concurrency", "0"), ("concurrency", "two"), ("max-stalled-count", "-1"), ("lock-duration", "5"),
            ("lock-duration", "50ms"), ("stalled-interval", "soon"), ("drain-delay", "5ms"),
        ]
        for (name, text) in cases {
            XCTAssertThrowsError(try options([name: text]), "--\(name) \(text)") { error in
                let invalid = error as? WorkerProcessOptions.Invalid
                XCTAssertEqual(invalid?.option, "--\(name)")
                XCTAssertTrue(invalid?.description.contains("--\(name)") == true)
                XCTAssertTrue(invalid?.description.contains(text) == true, invalid?.description ?? "")
            }
        }
    }
}
