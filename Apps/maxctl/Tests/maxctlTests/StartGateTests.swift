import Synchronization
import XCTest

@testable import maxctl

final class StartGateTests: XCTestCase {
    /// How many `enter()` calls have returned, shared with the task making them.
    private final class Passed: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    /// Calls `gate.enter()` `times` times, one after the other, in a task; `passed` counts the returns.
    private func entering(_ gate: StartGate, times: Int, passed: Passed) -> Task<Void, Never> {
        Task {
            for _ in 0..<times {
                await gate.enter()
                passed.add()
            }
        }
    }

    /// Yields until `condition` holds; false once `timeout` has passed. Every wait here is bounded, so a
    /// gate that holds a processor it should let through fails the test instead of hanging it.
    private func within(_ timeout: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            await Task.yield()
        }
        return true
    }

    func testProcessorsBeyondTheLimitWaitUntilTheGateOpensThenAllPass() async {
        let gate = StartGate(limit: 2)
        let passed = Passed()
        let processors = entering(gate, times: 3, passed: passed)
        let holding = await within { gate.held == 1 }
        XCTAssertTrue(holding, "the third processor was not held at the gate (\(passed.value) passed)")
        XCTAssertEqual(passed.value, 2, "only the first two may pass while the gate is closed")

        gate.open()
        let released = await within { passed.value == 3 }
        XCTAssertTrue(released, "open() did not release the held processor")
        XCTAssertEqual(gate.held, 0)
        if released { await processors.value }

        let later = Passed()
        let afterOpening = entering(gate, times: 5, passed: later)
        let allPassed = await within { later.value == 5 }
        XCTAssertTrue(allPassed, "after open() processors must pass at once (\(later.value) of 5 did)")
        if allPassed { await afterOpening.value }
    }

    func testWithoutALimitNothingWaits() async {
        let gate = StartGate(limit: nil)
        let passed = Passed()
        let processors = entering(gate, times: 100, passed: passed)
        let allPassed = await within { passed.value == 100 }
        XCTAssertTrue(allPassed, "\(passed.value) of 100 processors passed a gate without a limit")
        XCTAssertEqual(gate.held, 0)
        if allPassed { await processors.value }
    }

    func testAGateOpenedBeforeTheLimitIsReachedHoldsNobody() async {
        let gate = StartGate(limit: 1)
        gate.open()
        let passed = Passed()
        let processors = entering(gate, times: 3, passed: passed)
        let allPassed = await within { passed.value == 3 }
        XCTAssertTrue(allPassed, "\(passed.value) of 3 processors passed an open gate")
        if allPassed { await processors.value }
    }
}
