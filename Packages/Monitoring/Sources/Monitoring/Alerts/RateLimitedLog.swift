import Dispatch
import Essentials
import Synchronization

/// One event kind logged through a ``StructuredLogger`` at most ``LogBudget/limit`` times per window; lines
/// beyond that are dropped and counted, and one summary line (`summaryEvent`, field `suppressed`) reports
/// them (with `suppressedEvent`, `windowMs`) when the window ends, whether or not another line follows. For events that can come in bursts
/// (model evictions), so a burst cannot flood the log.
///
/// Thread-safe; ``log(_:)`` never blocks (a lock held for a few instructions, then the logger's queue). The
/// end-of-window summary is written from a timer on a serial queue this type owns.
public final class RateLimitedLog: Sendable {
    /// The logger lines go to.
    public let logger: StructuredLogger
    /// The event of each line.
    public let event: String
    /// The event of the summary line.
    public let summaryEvent: String
    /// The level of both.
    public let level: LogLevel
    private let budget: Mutex<LogBudget>
    private let now: @Sendable () -> Int64
    private let timers = DispatchQueue(label: "Monitoring.RateLimitedLog")

    /// Creates the log.
    ///
    /// - Parameters:
    ///   - limit: lines of `event` written per window (default 20).
    ///   - window: the window (default 1 s).
    ///   - now: the clock in ms (default the wall clock, ``MonitoringJSON/nowMilliseconds()``).
    public init(
        logger: StructuredLogger, level: LogLevel = .info, event: String, summaryEvent: String, limit: Int = 20,
        window: Duration = .seconds(1), now: @escaping @Sendable () -> Int64 = MonitoringJSON.nowMilliseconds
    ) {
        self.logger = logger
        self.level = level
        self.event = event
        self.summaryEvent = summaryEvent
        self.budget = Mutex(LogBudget(limit: limit, windowMs: max(window.wholeMilliseconds, 1)))
        self.now = now
    }

    /// Logs one `event` line with `fields` if the budget allows, else counts it for the summary.
    public func log(_ fields: [(String, StructuredLogger.Value)]) {
        guard level >= logger.minimumLevel else { return }
        let nowMs = now()
        let decision = budget.withLock { $0.admit(nowMs: nowMs) }
        if decision.summary > 0 { logSummary(decision.summary) }
        if decision.write { logger.log(level, event, fields) }
        if let flushAtMs = decision.flushAtMs { scheduleFlush(atMs: flushAtMs) }
    }

    private func logSummary(_ suppressed: Int) {
        logger.log(
            level, summaryEvent,
            [
                ("suppressedEvent", .string(event)), ("suppressed", .integer(Int64(suppressed))),
                ("windowMs", .integer(budget.withLock { $0.windowMs })),
            ])
    }

    /// Logs the window's summary once it has ended (checked against ``now``, retried if the timer was early).
    private func scheduleFlush(atMs flushAtMs: Int64) {
        let delayMs = max(flushAtMs - now(), 0) + 1
        timers.asyncAfter(deadline: .now() + .milliseconds(Int(delayMs))) { [self] in
            let nowMs = now()
            guard nowMs >= flushAtMs else { return scheduleFlush(atMs: flushAtMs) }
            let suppressed = budget.withLock { $0.flush(nowMs: nowMs) }
            if suppressed > 0 { logSummary(suppressed) }
        }
    }
}
