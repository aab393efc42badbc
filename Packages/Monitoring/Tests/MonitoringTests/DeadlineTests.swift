import XCTest

@testable import Monitoring

final class DeadlineTests: XCTestCase {
    func testFastOperationReturnsItsValue() async throws {
        let value = try await withDeadline(.seconds(5), "fast") { 42 }
        XCTAssertEqual(value, 42)
    }

    func testOperationErrorsPassThrough() async {
        do {
            _ = try await withDeadline(.seconds(5), "failing") { () async throws -> Int in
                throw MonitoringError(.collectionFailed, "boom")
            }
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual((error as? MonitoringError)?.code, .collectionFailed)
        }
    }

    func testOperationThatIgnoresCancellationIsAbandonedAtTheDeadline() async {
        let started = ContinuousClock.now
        do {
            _ = try await withDeadline(.milliseconds(100), "stuck read") { () async throws -> Int in
                // Ignores cancellation on purpose, like a call blocked on a dead server.
                let end = ContinuousClock.now + .seconds(3)
                while ContinuousClock.now < end { try? await Task.sleep(for: .milliseconds(20)) }
                return 1
            }
            XCTFail("expected a timeout")
        } catch {
            let error = error as? MonitoringError
            XCTAssertEqual(error?.code, .timedOut)
            XCTAssertEqual(error?.message, "stuck read did not finish within 100ms")
        }
        XCTAssertLessThan(
            ContinuousClock.now - started, .seconds(2), "returned at the deadline, not after the operation")
    }
}
