import Essentials
import Synchronization
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
        let gate = Gate()
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
        let cancelled = Gate()
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

/// A one-way gate: `wait()` returns once `open()` has been called; it ignores cancellation.
private final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    var isOpen: Bool { state.withLock { $0.open } }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}
