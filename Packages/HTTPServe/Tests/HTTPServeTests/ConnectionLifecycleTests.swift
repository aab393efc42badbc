import XCTest

@testable import HTTPServe

/// The connection state machine with an injected `now`: no sockets, no waiting.
final class ConnectionLifecycleTests: XCTestCase {
    let start = ContinuousClock.now
    let timeouts = ConnectionLifecycle.Timeouts(
        header: .seconds(10), idle: .seconds(60), body: .seconds(30), write: .seconds(20))

    func at(_ seconds: Double) -> ContinuousClock.Instant { start + .milliseconds(Int(seconds * 1000)) }

    func testSilentNewConnectionGets408AfterTheHeaderTimeout() {
        var lifecycle = ConnectionLifecycle(timeouts: timeouts, now: start)
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(9.9)), .none)
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(10)), .respondAndClose(status: 408))
    }

    func testTricklingHeadBytesDoNotExtendTheHeaderDeadline() {
        var lifecycle = ConnectionLifecycle(timeouts: timeouts, now: start)
        for second in 1...9 {
            lifecycle.parsed(.head, now: at(Double(second)))
            XCTAssertEqual(lifecycle.deadlinePassed(now: at(Double(second))), .none)
        }
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(10)), .respondAndClose(status: 408))
    }

    func testBodyDeadlineRestartsWithProgress() {
        var lifecycle = ConnectionLifecycle(timeouts: timeouts, now: start)
        lifecycle.parsed(.body, now: at(1))
        lifecycle.parsed(.body, now: at(25))
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(40)), .none)
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(55)), .respondAndClose(status: 408))
    }

    func testHandlersHaveNoDeadline() {
        var lifecycle = ConnectionLifecycle(timeouts: timeouts, now: start)
        lifecycle.requestDispatched()
        XCTAssertNil(lifecycle.deadline)
        XCTAssertFalse(lifecycle.acceptsRequests)
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(10_000)), .none)
    }

    func testKeepAliveConnectionIdlesThenClosesSilently() {
        var lifecycle = ConnectionLifecycle(timeouts: timeouts, now: start)
        lifecycle.requestDispatched()
        lifecycle.responseQueued(close: false, now: at(1))
        XCTAssertEqual(lifecycle.responseWritten(now: at(1)), .none)
        XCTAssertTrue(lifecycle.acceptsRequests)
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(60)), .none)
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(61)), .close)
    }

    func testSecondRequestHeadDeadlineRunsFromItsFirstByte() {
        var lifecycle = ConnectionLifecycle(timeouts: timeouts, now: start)
        lifecycle.requestDispatched()
        lifecycle.responseQueued(close: false, now: at(0))
        _ = lifecycle.responseWritten(now: at(0))
        lifecycle.parsed(.head, now: at(50))
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(59)), .none)
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(60)), .respondAndClose(status: 408))
    }

    func testStalledWriteCloses() {
        var lifecycle = ConnectionLifecycle(timeouts: timeouts, now: start)
        lifecycle.requestDispatched()
        lifecycle.responseQueued(close: false, now: at(1))
        lifecycle.wroteSome(now: at(15))
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(30)), .none)
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(35)), .close)
    }

    func testResponseMarkedCloseEndsTheConnection() {
        var lifecycle = ConnectionLifecycle(timeouts: timeouts, now: start)
        lifecycle.requestDispatched()
        lifecycle.responseQueued(close: true, now: at(1))
        XCTAssertEqual(lifecycle.responseWritten(now: at(1)), .close)
    }

    func testDrainingClosesIdleConnectionsAtOnceAndBusyOnesAfterTheirResponse() {
        var idle = ConnectionLifecycle(timeouts: timeouts, now: start)
        XCTAssertEqual(idle.beginDraining(), .close)

        var busy = ConnectionLifecycle(timeouts: timeouts, now: start)
        busy.requestDispatched()
        XCTAssertEqual(busy.beginDraining(), .none)
        busy.responseQueued(close: false, now: at(1))
        XCTAssertEqual(busy.responseWritten(now: at(1)), .close)
    }

    func testLingeringEndsAtItsDeadline() {
        var lifecycle = ConnectionLifecycle(timeouts: timeouts, now: start)
        lifecycle.startLingering(now: at(1), linger: .seconds(1))
        XCTAssertFalse(lifecycle.acceptsRequests)
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(1.5)), .none)
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(2)), .close)
    }
}
