import QueueCore
import XCTest

final class ScoreEncodingTests: XCTestCase {
    func testDelayedScoreIsDueTimesFourThousandNinetySixPlusSequence() {
        let score = ScoreEncoding.delayedScore(dueMs: 1_795_925_268_839, sequence: 3)
        XCTAssertEqual(score, 1_795_925_268_839 * 4096 + 3)
        XCTAssertEqual(ScoreEncoding.dueMs(ofDelayedScore: score), 1_795_925_268_839)
        XCTAssertEqual(ScoreEncoding.delayedScore(dueMs: 1, sequence: 9999), 4096 + 4095)
    }

    func testDelayedScoresStayExactInADoubleUntil2039() {
        // 2^53 / 4096 ms is September 2039: BullMQ's encoding (and ours) is exact until then.
        let due: Int64 = 2_199_000_000_000
        let score = ScoreEncoding.delayedScore(dueMs: due, sequence: 4095)
        XCTAssertEqual(Int64(score), due * 4096 + 4095)
    }

    func testPrioritizedScoreOrdersByPriorityThenCounter() {
        XCTAssertEqual(ScoreEncoding.prioritizedScore(priority: 1, counter: 1), 4_294_967_297)
        XCTAssertEqual(ScoreEncoding.prioritizedScore(priority: 9, counter: 2), 38_654_705_666)
        XCTAssertLessThan(
            ScoreEncoding.prioritizedScore(priority: 1, counter: 999),
            ScoreEncoding.prioritizedScore(priority: 2, counter: 1))
        XCTAssertEqual(ScoreEncoding.priority(ofPrioritizedScore: 38_654_705_666), 9)
    }
}
