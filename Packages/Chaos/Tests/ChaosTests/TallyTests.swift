import QueueCore
import XCTest

@testable import Chaos

final class TallyTests: XCTestCase {
    private func record(_ id: String, _ kind: AttemptRecord.Kind, attempt: Int = 1) -> AttemptRecord {
        AttemptRecord(queue: "q", jobId: id, attempt: attempt, pid: 1, kind: kind)
    }

    func testAnAcknowledgedJobNeitherCompletedNorFailedIsLost() {
        let result = Tally.account(
            acknowledged: ["1", "2", "3"],
            finals: [
                "1": .init(state: .completed), "2": .init(state: .failed, failedReason: "boom"),
                "3": .init(state: .unknown),
            ],
            records: [record("1", .completed)])
        XCTAssertEqual(result.acknowledged, 3)
        XCTAssertEqual(result.completed, 1)
        XCTAssertEqual(result.failed, 1)
        XCTAssertEqual(result.failedReasons, ["boom": 1])
        XCTAssertEqual(result.lost, ["3"])
        XCTAssertFalse(result.passed)
    }

    func testAJobWhoseProcessorRanToItsEndTwiceIsDuplicatedButNotAFailure() {
        let result = Tally.account(
            acknowledged: ["1"], finals: ["1": .init(state: .completed)],
            records: [
                record("1", .started), record("1", .completed), record("1", .started, attempt: 2),
                record("1", .completed, attempt: 2),
            ])
        XCTAssertEqual(result.duplicated, ["1": 2])
        XCTAssertTrue(result.passed)
    }

    func testStallLimitFailuresAreCountedApart() {
        let result = Tally.account(
            acknowledged: ["1", "2"],
            finals: [
                "1": .init(state: .failed, failedReason: "job stalled more than allowable limit"),
                "2": .init(state: .failed, failedReason: "other"),
            ], records: [])
        XCTAssertEqual(result.failed, 2)
        XCTAssertEqual(result.stallFailures, 1)
    }

    func testJobsNeverAcknowledgedAreUnexpected() {
        let result = Tally.account(
            acknowledged: ["1"], finals: ["1": .init(state: .completed), "9": .init(state: .completed)],
            records: [record("8", .completed)])
        XCTAssertEqual(result.unexpected, ["8", "9"])
    }

    func testActiveAndWaitingJobsAtTheEndAreLost() {
        let result = Tally.account(
            acknowledged: ["1", "2"], finals: ["1": .init(state: .active), "2": .init(state: .waiting)], records: [])
        XCTAssertEqual(result.lost, ["1", "2"])
    }
}

final class TallyCompletionEvidenceTests: XCTestCase {
    private func completed(_ id: String, attempt: Int = 1) -> AttemptRecord {
        AttemptRecord(queue: "q", jobId: id, attempt: attempt, pid: 1, kind: .completed)
    }

    func testEveryCompletionBackedByTheLogPasses() {
        let result = Tally.account(
            acknowledged: ["1", "2"], finals: ["1": .init(state: .completed), "2": .init(state: .completed)],
            records: [completed("1"), completed("2")])
        XCTAssertEqual(result.phantom, [])
        XCTAssertEqual(result.failures, [])
        XCTAssertTrue(result.passed)
    }

    func testACompletionInRedisWithoutACompletedAttemptInTheLogIsAPhantomAndFails() {
        let result = Tally.account(
            acknowledged: ["1", "2"], finals: ["1": .init(state: .completed), "2": .init(state: .completed)],
            records: [completed("1"), AttemptRecord(queue: "q", jobId: "2", attempt: 1, pid: 1, kind: .started)])
        XCTAssertEqual(result.completed, 2)
        XCTAssertEqual(result.phantom, ["2"])
        XCTAssertEqual(result.unexpected, [])
        XCTAssertFalse(result.passed)
        XCTAssertTrue(result.failures.contains { $0.contains("phantom") && $0.contains("2") }, "\(result.failures)")
        XCTAssertTrue(result.summary.contains("phantom 1"))
    }

    func testACompletedAttemptOfAJobThatLaterFailedOnTheStallLimitIsCountedApartAndPasses() {
        let result = Tally.account(
            acknowledged: ["1"],
            finals: ["1": .init(state: .failed, failedReason: "job stalled more than allowable limit")],
            records: [completed("1")])
        XCTAssertEqual(result.completedThenFailed, ["1"])
        XCTAssertEqual(result.stallFailures, 1)
        XCTAssertEqual(result.phantom, [])
        XCTAssertTrue(result.passed)
        XCTAssertTrue(result.summary.contains("completed then failed 1"))
    }

    func testAnUnexpectedJobFailsTheAccounting() {
        let result = Tally.account(
            acknowledged: ["1"], finals: ["1": .init(state: .completed), "9": .init(state: .completed)],
            records: [completed("1"), completed("9")])
        XCTAssertEqual(result.unexpected, ["9"])
        XCTAssertFalse(result.passed)
        XCTAssertTrue(result.failures.contains { $0.contains("unexpected") }, "\(result.failures)")
    }

    func testAnAddInDoubtIsNeitherUnexpectedWhenFoundNorLostWhenMissing() {
        let result = Tally.account(
            acknowledged: ["load-0"], inDoubt: ["load-1", "load-2"],
            finals: ["load-0": .init(state: .completed), "load-1": .init(state: .completed)],
            records: [completed("load-0"), completed("load-1")])
        XCTAssertEqual(result.unexpected, [])
        XCTAssertEqual(result.lost, [])
        XCTAssertEqual(result.inDoubtFound, ["load-1"])
        XCTAssertTrue(result.passed)
    }
}
