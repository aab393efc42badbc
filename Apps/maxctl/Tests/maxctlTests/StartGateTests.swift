import XCTest

@testable import maxctl

final class StartGateTests: XCTestCase {
    private actor Flag {
        var raised = false
        func raise() { raised = true }
    }

    func testProcessorsBeyondTheLimitWaitUntilTheGateOpens() async throws {
        let gate = StartGate(limit: 2)
        await gate.enter()
        await gate.enter()
        let flag = Flag()
        let third = Task {
            await gate.enter()
            await flag.raise()
        }
        // A negative cannot be polled for: give the held processor ample time to (wrongly) pass.
        try await Task.sleep(for: .milliseconds(100))
        let passedEarly = await flag.raised
        XCTAssertFalse(passedEarly)
        gate.open()
        await third.value
        let passedAfterOpening = await flag.raised
        XCTAssertTrue(passedAfterOpening)
        await gate.enter()  // once open, later processors pass at once
    }

    func testWithoutALimitNothingWaits() async {
        let gate = StartGate(limit: nil)
        for _ in 0..<100 { await gate.enter() }
    }
}
