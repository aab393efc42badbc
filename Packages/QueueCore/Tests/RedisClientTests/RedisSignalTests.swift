import PrivateServices
import XCTest

@testable import RedisClient

#if canImport(Glibc)
import Glibc
#endif

/// The loop's syscall discipline under signals: an interrupted call (EINTR) is retried, never fatal.
final class RedisSignalTests: XCTestCase {
    func testSignalsInterruptingTheLoopThreadNeitherStopItNorLoseReplies() async throws {
        // A handler without SA_RESTART, so the signal makes the loop's epoll_wait fail with EINTR. It stays
        // installed: a signal still pending when a default action came back would end the test process
        // (and handlers, unlike ignored signals, are not inherited by the servers tests exec).
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        XCTAssertEqual(sigaction(SIGUSR2, &action, nil), 0)

        let url = try await offPool { try TestServices.redisURL() }
        // The loop thread inherits the signal mask of the thread that creates the client, and the
        // cooperative pool's threads block SIGUSR2: create it on a thread that lets the signal through.
        let redis = try await offPool {
            var deliverable = sigset_t()
            sigemptyset(&deliverable)
            sigaddset(&deliverable, SIGUSR2)
            pthread_sigmask(SIG_UNBLOCK, &deliverable, nil)
            return RedisClient(configuration: try RedisConfiguration(url: url, poolSize: 2))
        }
        let key = TestServices.uniqueName("signals")
        try await redis.send("PING")
        let thread = redis.loop.loopThreadID
        XCTAssertNotEqual(thread, 0)
        for round in 1...300 {
            XCTAssertEqual(pthread_kill(pthread_t(thread), SIGUSR2), 0)
            let replies = try await redis.pipeline([["INCR", key], ["GET", key]])
            XCTAssertEqual(try replies[0].get(), .integer(round))
            XCTAssertEqual(try replies[1].get().int, round)
        }
        try await redis.send("DEL", key)
        await redis.close()
    }
}
