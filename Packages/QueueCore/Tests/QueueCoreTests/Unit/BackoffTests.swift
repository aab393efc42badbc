import QueueCore
import XCTest

final class BackoffTests: XCTestCase {
    func testFixedBackoffWaitsTheSameDelayEveryAttempt() {
        let backoff = Backoff.fixed(500)
        XCTAssertEqual((1...5).map { backoff.delay(afterAttempt: $0) }, [500, 500, 500, 500, 500])
    }

    func testExponentialBackoffDoublesFromTheBaseDelay() {
        let backoff = Backoff.exponential(100)
        XCTAssertEqual((1...5).map { backoff.delay(afterAttempt: $0) }, [100, 200, 400, 800, 1600])
    }

    func testJitterDrawsBetweenTheReducedAndTheFullDelay() {
        let backoff = Backoff.exponential(1000, jitter: 0.5)
        XCTAssertEqual(backoff.delay(afterAttempt: 2, random: 0), 1000)
        XCTAssertEqual(backoff.delay(afterAttempt: 2, random: 0.999_999), 2000)
        XCTAssertEqual(backoff.delay(afterAttempt: 2, random: 0.5), 1500)
    }

    func testUnknownStrategyRetriesWithoutDelay() {
        XCTAssertEqual(
            Backoff(json: .object(["type": .string("mine"), "delay": .number(50)]))?.delay(afterAttempt: 3), 0)
    }

    func testBareNumberIsReadAsFixedBackoff() {
        XCTAssertEqual(Backoff(json: .number(250)), .fixed(250))
        XCTAssertNil(Backoff(json: nil))
    }
}
