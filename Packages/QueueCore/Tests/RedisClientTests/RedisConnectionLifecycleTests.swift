import XCTest

@testable import RedisClient

/// The connection state machine with an injected `now` (monotonic nanoseconds): no sockets, no waiting.
final class RedisConnectionLifecycleTests: XCTestCase {
    /// An arbitrary start, so "at once" and "after the backoff" differ from the initial `nextAttempt` of 0.
    let start: UInt64 = 7_000_000_000

    func at(milliseconds: Int) -> UInt64 { start + UInt64(milliseconds) * 1_000_000 }

    func lifecycle(_ url: String = "redis://127.0.0.1:6390", connectTimeout: Duration = .seconds(1))
        throws -> RedisConnectionLifecycle
    {
        RedisConnectionLifecycle(configuration: try RedisConfiguration(url: url, connectTimeout: connectTimeout))
    }

    /// A lifecycle that has just started its first attempt at `start`.
    func connecting(_ url: String = "redis://127.0.0.1:6390") throws -> RedisConnectionLifecycle {
        var lifecycle = try lifecycle(url)
        XCTAssertEqual(lifecycle.requestWaiting(now: start), .connect(deadline: at(milliseconds: 1000)))
        return lifecycle
    }

    func testFirstWaitingRequestStartsAnAttemptBoundedByTheConnectTimeout() throws {
        var lifecycle = try lifecycle()
        XCTAssertEqual(lifecycle.phase, .disconnected)
        XCTAssertNil(lifecycle.nextDeadline(hasWaiting: false))
        XCTAssertEqual(lifecycle.requestWaiting(now: start), .connect(deadline: at(milliseconds: 1000)))
        XCTAssertEqual(lifecycle.phase, .connecting)
        XCTAssertEqual(lifecycle.nextDeadline(hasWaiting: true), at(milliseconds: 1000))
        // More requests while the attempt runs start nothing more.
        XCTAssertEqual(lifecycle.requestWaiting(now: at(milliseconds: 10)), .none)
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(milliseconds: 999), hasWaiting: true), .none)
    }

    func testWithoutPasswordOrDatabaseTheConnectionIsReadyOnConnect() throws {
        var lifecycle = try connecting()
        XCTAssertEqual(lifecycle.connected(now: at(milliseconds: 5)), .ready)
        XCTAssertEqual(lifecycle.phase, .ready)
        XCTAssertNil(lifecycle.nextDeadline(hasWaiting: false))
        XCTAssertEqual(lifecycle.requestWaiting(now: at(milliseconds: 6)), .none)
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(milliseconds: 60_000), hasWaiting: false), .none)
    }

    func testHandshakeSendsAuthThenSelectAndIsReadyAfterBothReplies() throws {
        var lifecycle = try connecting("redis://user:secret@127.0.0.1:6390/3")
        XCTAssertEqual(lifecycle.connected(now: at(milliseconds: 5)), .handshake([.auth, .select]))
        XCTAssertEqual(lifecycle.phase, .handshaking)
        XCTAssertEqual(lifecycle.nextDeadline(hasWaiting: true), at(milliseconds: 1000))
        XCTAssertEqual(lifecycle.handshakeReplied(.auth, serverError: nil, now: at(milliseconds: 6)), .none)
        XCTAssertEqual(lifecycle.phase, .handshaking)
        XCTAssertEqual(lifecycle.handshakeReplied(.select, serverError: nil, now: at(milliseconds: 7)), .ready)
        XCTAssertEqual(lifecycle.phase, .ready)
        XCTAssertNil(lifecycle.nextDeadline(hasWaiting: true))
    }

    func testHandshakeHasOnlyTheStepsTheConfigurationNeeds() throws {
        var password = try connecting("redis://:secret@127.0.0.1:6390")
        XCTAssertEqual(password.connected(now: start), .handshake([.auth]))
        XCTAssertEqual(password.handshakeReplied(.auth, serverError: nil, now: start), .ready)
        var database = try connecting("redis://127.0.0.1:6390/2")
        XCTAssertEqual(database.connected(now: start), .handshake([.select]))
        XCTAssertEqual(database.handshakeReplied(.select, serverError: nil, now: start), .ready)
    }

    func testANamedConnectionSetsItsNameAfterAuthAndSelectOnEveryConnect() throws {
        var lifecycle = try connecting("redis://:pw@127.0.0.1:6390/2")
        lifecycle.clientName = "bull:cG9zdHM="
        XCTAssertEqual(lifecycle.connected(now: start), .handshake([.auth, .select, .setName]))
        XCTAssertEqual(lifecycle.handshakeReplied(.auth, serverError: nil, now: start), .none)
        XCTAssertEqual(lifecycle.handshakeReplied(.select, serverError: nil, now: start), .none)
        XCTAssertEqual(lifecycle.handshakeReplied(.setName, serverError: nil, now: start), .ready)
        // Broken once ready, the next attempt names the connection again.
        _ = lifecycle.connectionLost(RedisError(.connectionLost, "reset"), now: at(milliseconds: 1))
        XCTAssertEqual(lifecycle.requestWaiting(now: at(milliseconds: 1)), .connect(deadline: at(milliseconds: 1001)))
        XCTAssertEqual(lifecycle.connected(now: at(milliseconds: 2)), .handshake([.auth, .select, .setName]))
    }

    func testARefusedNameLeavesTheConnectionWorkingUnnamed() throws {
        var lifecycle = try connecting()
        lifecycle.clientName = "bull:cG9zdHM="
        XCTAssertEqual(lifecycle.connected(now: start), .handshake([.setName]))
        let refused = "NOPERM this user has no permissions to run the 'client|setname' command"
        XCTAssertEqual(lifecycle.handshakeReplied(.setName, serverError: refused, now: start), .ready)
        XCTAssertEqual(lifecycle.phase, .ready)
        XCTAssertEqual(lifecycle.failures, 0)
    }

    func testWrongPasswordFailsTheAttemptAndIsNeverRetriedUntilAnotherRequest() throws {
        var lifecycle = try connecting("redis://:wrong-secret@127.0.0.1:6390/1")
        XCTAssertEqual(lifecycle.connected(now: start), .handshake([.auth, .select]))
        let message = "WRONGPASS invalid username-password pair or user is disabled."
        let action = lifecycle.handshakeReplied(.auth, serverError: message, now: at(milliseconds: 3))
        guard case .close(let error, failWaiting: true) = action else { return XCTFail("\(action)") }
        XCTAssertEqual(error.code, .authenticationFailed)
        XCTAssertEqual(error.command, "AUTH")
        XCTAssertEqual(error.serverMessage, message)
        XCTAssertTrue(error.description.contains("127.0.0.1:6390"), error.description)
        XCTAssertFalse(error.description.contains("wrong-secret"), error.description)
        XCTAssertEqual(lifecycle.phase, .disconnected)
        XCTAssertEqual(lifecycle.failures, 1)
        // Nothing waits, so nothing is retried, however late it gets.
        XCTAssertNil(lifecycle.nextDeadline(hasWaiting: false))
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(milliseconds: 3_600_000), hasWaiting: false), .none)
        // The next request tries again once the backoff has passed.
        XCTAssertEqual(lifecycle.requestWaiting(now: at(milliseconds: 4)), .wake(at: at(milliseconds: 53)))
        XCTAssertEqual(lifecycle.phase, .disconnected)
        XCTAssertEqual(lifecycle.requestWaiting(now: at(milliseconds: 53)), .connect(deadline: at(milliseconds: 1053)))
    }

    func testRefusedSelectFailsTheAttemptWithSelectFailed() throws {
        var lifecycle = try connecting("redis://127.0.0.1:6390/99")
        XCTAssertEqual(lifecycle.connected(now: start), .handshake([.select]))
        let action = lifecycle.handshakeReplied(.select, serverError: "ERR DB index is out of range", now: start)
        guard case .close(let error, failWaiting: true) = action else { return XCTFail("\(action)") }
        XCTAssertEqual(error.code, .selectFailed)
        XCTAssertEqual(error.command, "SELECT")
        XCTAssertTrue(error.message.contains("SELECT 99"), error.message)
    }

    func testUnansweredConnectTimesOutAtTheDeadlineWhileConnecting() throws {
        var lifecycle = try connecting()
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(milliseconds: 999), hasWaiting: true), .none)
        let action = lifecycle.deadlinePassed(now: at(milliseconds: 1000), hasWaiting: true)
        guard case .close(let error, failWaiting: true) = action else { return XCTFail("\(action)") }
        XCTAssertEqual(error.code, .connectTimeout)
        XCTAssertTrue(error.message.contains("(1s) while connecting"), error.message)
        XCTAssertEqual(error.address, "127.0.0.1:6390")
        XCTAssertEqual(lifecycle.phase, .disconnected)
        XCTAssertEqual(lifecycle.lastConnectError, error.message)
    }

    func testTimeoutDuringTheHandshakeSaysAuthenticatingAndCountsAsAFailedAttempt() throws {
        var lifecycle = try connecting("redis://:secret@127.0.0.1:6390")
        XCTAssertEqual(lifecycle.connected(now: at(milliseconds: 400)), .handshake([.auth]))
        // The handshake shares the attempt's deadline: connecting time counts against it.
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(milliseconds: 999), hasWaiting: true), .none)
        let action = lifecycle.deadlinePassed(now: at(milliseconds: 1000), hasWaiting: true)
        guard case .close(let error, failWaiting: true) = action else { return XCTFail("\(action)") }
        XCTAssertEqual(error.code, .connectTimeout)
        XCTAssertTrue(error.message.contains("while authenticating"), error.message)
        XCTAssertEqual(lifecycle.failures, 1)
        // A late AUTH reply from the abandoned attempt changes nothing.
        XCTAssertEqual(lifecycle.handshakeReplied(.auth, serverError: nil, now: at(milliseconds: 1001)), .none)
        XCTAssertEqual(lifecycle.phase, .disconnected)
    }

    func testBackoffDoublesPerFailedAttemptUpToTheCap() throws {
        var lifecycle = try lifecycle()
        var now = start
        var waits: [UInt64] = []
        for _ in 0..<9 {
            guard case .connect = lifecycle.requestWaiting(now: now) else { return XCTFail("no attempt at \(now)") }
            XCTAssertEqual(
                lifecycle.attemptFailed(lifecycle.cannotConnect("Connection refused"), now: now),
                .close(lifecycle.cannotConnect("Connection refused"), failWaiting: true))
            let next = try XCTUnwrap(lifecycle.nextDeadline(hasWaiting: true))
            // Before the backoff passes a request only asks to be woken; at its end the attempt starts.
            XCTAssertEqual(lifecycle.requestWaiting(now: next - 1), .wake(at: next))
            XCTAssertEqual(lifecycle.deadlinePassed(now: next - 1, hasWaiting: true), .none)
            waits.append((next - now) / 1_000_000)
            now = next
        }
        XCTAssertEqual(waits, [50, 100, 200, 400, 800, 1600, 2000, 2000, 2000])
        XCTAssertEqual(lifecycle.failures, 9)
        XCTAssertEqual(lifecycle.deadlinePassed(now: now, hasWaiting: true), .connect(deadline: now + 1_000_000_000))
    }

    func testReadyConnectionResetsTheBackoffAndALostOneReconnectsAtOnce() throws {
        var lifecycle = try connecting()
        _ = lifecycle.attemptFailed(lifecycle.cannotConnect("Connection refused"), now: start)
        _ = lifecycle.attemptFailed(lifecycle.cannotConnect("Connection refused"), now: start)
        XCTAssertEqual(lifecycle.failures, 2)
        XCTAssertEqual(lifecycle.requestWaiting(now: at(milliseconds: 100)), .connect(deadline: at(milliseconds: 1100)))
        XCTAssertEqual(lifecycle.connected(now: at(milliseconds: 101)), .ready)
        XCTAssertEqual(lifecycle.failures, 0)
        XCTAssertNil(lifecycle.lastConnectError)

        let lost = lifecycle.closedByServer()
        XCTAssertEqual(lifecycle.connectionLost(lost, now: at(milliseconds: 500)), .close(lost, failWaiting: false))
        XCTAssertEqual(lifecycle.phase, .disconnected)
        XCTAssertEqual(lifecycle.failures, 0)
        XCTAssertEqual(lifecycle.nextDeadline(hasWaiting: true), at(milliseconds: 500))
        XCTAssertEqual(lifecycle.requestWaiting(now: at(milliseconds: 500)), .connect(deadline: at(milliseconds: 1500)))
    }

    func testConnectionLostBeforeReadyIsAFailedAttemptWithConnectFailed() throws {
        var lifecycle = try connecting("redis://:secret@127.0.0.1:6390")
        XCTAssertEqual(lifecycle.connected(now: start), .handshake([.auth]))
        let action = lifecycle.connectionLost(lifecycle.closedByServer(), now: at(milliseconds: 2))
        guard case .close(let error, failWaiting: true) = action else { return XCTFail("\(action)") }
        XCTAssertEqual(error.code, .connectFailed)
        XCTAssertEqual(error.message, lifecycle.closedByServer().message)
        XCTAssertEqual(lifecycle.failures, 1)
        XCTAssertEqual(lifecycle.nextDeadline(hasWaiting: true), at(milliseconds: 52))
    }

    func testClosingForGoodReturnsToDisconnected() throws {
        var lifecycle = try connecting()
        XCTAssertEqual(lifecycle.connected(now: start), .ready)
        lifecycle.closed()
        XCTAssertEqual(lifecycle.phase, .disconnected)
        XCTAssertEqual(lifecycle.deadlinePassed(now: at(milliseconds: 10_000), hasWaiting: false), .none)
    }

    func testRequestsTimingOutWhileWaitingAreToldTheLastConnectionError() throws {
        var lifecycle = try connecting()
        XCTAssertFalse(lifecycle.timedOutWaitingForConnection().message.contains("last connection error"))
        _ = lifecycle.attemptFailed(lifecycle.cannotConnect("Connection refused"), now: start)
        let error = lifecycle.timedOutWaitingForConnection()
        XCTAssertEqual(error.code, .commandTimeout)
        XCTAssertTrue(
            error.message.contains("(last connection error: cannot connect (Connection refused)"), error.message)
    }

    func testEveryErrorNamesTheAddressAndNeverThePassword() throws {
        let lifecycle = try lifecycle("redis://admin:hunter2@10.1.2.3:6390/4")
        let errors = [
            lifecycle.cannotResolve("Name or service not known"), lifecycle.unixPathTooLong(),
            lifecycle.cannotConnect("Connection refused"), lifecycle.closedByServer(),
            lifecycle.ioFailed("reading", "Connection reset by peer"), lifecycle.protocolError("bad byte"),
            lifecycle.commandTimedOut(), lifecycle.resetAfterTimeout(of: "GET"),
            lifecycle.timedOutWaitingForConnection(),
            lifecycle.serverError("ERR unknown command", command: "FOO"),
        ]
        for error in errors {
            XCTAssertEqual(error.address, "10.1.2.3:6390")
            XCTAssertTrue(error.description.contains("10.1.2.3:6390"), error.description)
            XCTAssertFalse(
                error.description.contains("hunter2") || error.description.contains("admin"), error.description)
        }
        XCTAssertTrue(lifecycle.resetAfterTimeout(of: "BLPOP").message.contains("(BLPOP) timed out"))
        XCTAssertEqual(
            lifecycle.serverError("NOAUTH Authentication required.", command: "GET").code, .authenticationFailed)
        XCTAssertEqual(lifecycle.serverError("WRONGPASS invalid", command: "GET").code, .authenticationFailed)
        XCTAssertEqual(lifecycle.serverError("WRONGTYPE Operation", command: "GET").code, .server)
        XCTAssertEqual(lifecycle.serverError("WRONGTYPE Operation", command: "GET").command, "GET")
    }
}
