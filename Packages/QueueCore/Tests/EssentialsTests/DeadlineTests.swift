import Essentials
import XCTest

final class DeadlineTests: XCTestCase {
    func testResultOfAnOperationThatFinishesInTime() async throws {
        let value = try await withDeadline(.seconds(5)) { 42 }
        XCTAssertEqual(value, 42)
    }

    func testErrorOfTheOperationPassesThrough() async {
        do {
            _ = try await withDeadline(.seconds(5)) { () async throws -> Int in throw URLishError() }
            XCTFail("expected the operation's error")
        } catch {
            XCTAssertTrue(error is URLishError)
        }
    }

    /// The bug a task-group race has: the group waits for its children, so an operation that ignores
    /// cancellation holds the caller until it ends. Here the operation ends only when the test opens the
    /// gate, after `withDeadline` has returned; with the bug the call would wait for the gate's safety
    /// opening and the assertion below would see it open.
    func testReturnsAtTheDeadlineWhileTheOperationIgnoresCancellation() async {
        let gate = Latch()
        let safety = Task {
            try? await Task.sleep(for: .seconds(30))
            gate.open()
        }
        defer { safety.cancel() }
        do {
            _ = try await withDeadline(.milliseconds(100)) { () async throws -> Int in
                await gate.wait()
                return 1
            }
            XCTFail("expected the deadline to expire")
        } catch {
            XCTAssertFalse(gate.isOpen, "withDeadline waited for the operation instead of returning at the deadline")
            XCTAssertEqual((error as? DeadlineExpired)?.description, "no answer within 0.1 seconds")
        }
        gate.open()
    }

    func testCustomExpiryError() async {
        do {
            _ = try await withDeadline(.milliseconds(10), expired: { URLishError() }) { () async throws -> Int in
                try await Task.sleep(for: .seconds(30))
                return 1
            }
            XCTFail("expected the deadline to expire")
        } catch {
            XCTAssertTrue(error is URLishError)
        }
    }

    func testCancellingTheCallerCancelsTheOperation() async {
        let cancelled = Latch()
        let call = Task {
            try await withDeadline(.seconds(30)) { () async throws -> Int in
                await withTaskCancellationHandler {
                    await cancelled.wait()
                } onCancel: {
                    cancelled.open()
                }
                return 1
            }
        }
        call.cancel()
        let result = await call.result
        XCTAssertThrowsError(try result.get()) { XCTAssertTrue($0 is CancellationError) }
        await cancelled.wait()
    }
}

private struct URLishError: Error {}

final class LatchTests: XCTestCase {
    func testWaitersAreHeldUntilOpenAndLaterCallersPassAtOnce() async {
        let latch = Latch()
        let passed = Task { await latch.wait() }
        let waiting = await eventuallyWaiting(latch, count: 1)
        XCTAssertTrue(waiting, "the waiter never reached the latch")
        XCTAssertFalse(latch.isOpen)
        latch.open()
        await passed.value
        XCTAssertEqual(latch.waiting, 0)
        await latch.wait()  // open: returns at once
        XCTAssertTrue(latch.isOpen)
    }

    private func eventuallyWaiting(_ latch: Latch, count: Int) async -> Bool {
        for _ in 0..<500 where latch.waiting < count { try? await Task.sleep(for: .milliseconds(10)) }
        return latch.waiting >= count
    }
}
