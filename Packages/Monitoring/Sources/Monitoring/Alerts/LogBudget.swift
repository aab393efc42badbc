/// The decision logic of ``RateLimitedLog``: at most `limit` lines of one event per window; the rest are
/// counted, and the count is reported once the window has ended. Pure: every call takes the time.
///
/// A window opens with the first line after the previous one ended (it is not aligned to the clock), so a
/// burst gets `limit` lines, then one summary of what it suppressed.
public struct LogBudget: Sendable, Equatable {
    /// What to do with one line.
    public struct Decision: Sendable, Equatable {
        /// Write the line (false: it is counted as suppressed).
        public var write: Bool
        /// Lines suppressed in an earlier window that ended: log the summary before this line (0: none).
        public var summary: Int
        /// When this line is the first suppressed in its window: when that window ends, so the summary can be
        /// logged then (``flush(nowMs:)``) even if no further line comes. Nil otherwise.
        public var flushAtMs: Int64?
    }

    /// Lines written per window.
    public let limit: Int
    /// The window, ms.
    public let windowMs: Int64
    private var windowStartMs: Int64?
    private var written = 0
    private var suppressed = 0

    /// A budget of `limit` (at least 1) lines per `windowMs` (at least 1 ms).
    public init(limit: Int, windowMs: Int64) {
        self.limit = max(limit, 1)
        self.windowMs = max(windowMs, 1)
    }

    /// Decides about a line at `nowMs` (ms, any monotonic or wall clock the caller keeps using).
    public mutating func admit(nowMs: Int64) -> Decision {
        let summary = closeEndedWindow(nowMs: nowMs)
        let start = windowStartMs ?? nowMs
        windowStartMs = start
        if written < limit {
            written += 1
            return Decision(write: true, summary: summary, flushAtMs: nil)
        }
        suppressed += 1
        return Decision(write: false, summary: summary, flushAtMs: suppressed == 1 ? start + windowMs : nil)
    }

    /// The lines suppressed in a window that has ended by `nowMs` (then the window is closed); 0 when nothing
    /// was suppressed or the window is still open.
    public mutating func flush(nowMs: Int64) -> Int {
        closeEndedWindow(nowMs: nowMs)
    }

    private mutating func closeEndedWindow(nowMs: Int64) -> Int {
        guard let start = windowStartMs, nowMs >= start + windowMs else { return 0 }
        defer {
            windowStartMs = nil
            written = 0
            suppressed = 0
        }
        return suppressed
    }
}
