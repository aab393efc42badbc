/// What finished in a sample's window, each figure with its source.
///
/// JSON: `start` and `end` (ISO 8601), `completed`, `failed`, `retries`, `averageProcessingMs`.
public struct WindowFigures: Codable, Sendable, Equatable {
    /// Window start, ms since 1970 (the previous collection, or one interval back on the first); JSON `start`.
    public var startMs: Int64
    /// Window end, ms since 1970 (this collection); JSON `end`.
    public var endMs: Int64
    /// Jobs completed in the window.
    public var completed: WindowFigure<Int>
    /// Jobs failed for good in the window (retries are not failures).
    public var failed: WindowFigure<Int>
    /// Retries scheduled in the window (with or without backoff).
    public var retries: WindowFigure<Int>
    /// Mean processing time (finished − processed) of the jobs finished in the window, ms.
    public var averageProcessingMs: WindowFigure<Double>

    /// Creates figures.
    public init(
        startMs: Int64, endMs: Int64, completed: WindowFigure<Int>, failed: WindowFigure<Int>,
        retries: WindowFigure<Int>, averageProcessingMs: WindowFigure<Double>
    ) {
        self.startMs = startMs
        self.endMs = endMs
        self.completed = completed
        self.failed = failed
        self.retries = retries
        self.averageProcessingMs = averageProcessingMs
    }

    /// The window's length in ms (at least 1, so rates never divide by zero).
    public var durationMs: Int64 { max(endMs - startMs, 1) }

    /// failed ÷ (completed + failed) as a ratio 0–1; nil when nothing finished or a count is unavailable.
    public var failedRate: Double? {
        guard let completed = completed.value, let failed = failed.value, completed + failed > 0 else { return nil }
        return Double(failed) / Double(completed + failed)
    }

    /// completed + failed, or nil when a count is unavailable.
    public var finished: Int? {
        guard let completed = completed.value, let failed = failed.value else { return nil }
        return completed + failed
    }

    /// Jobs completed per minute over the window; nil when the count is unavailable.
    public var completedPerMinute: Double? {
        completed.value.map { Double($0) * 60_000 / Double(durationMs) }
    }

    /// Jobs failed per minute over the window; nil when the count is unavailable.
    public var failedPerMinute: Double? {
        failed.value.map { Double($0) * 60_000 / Double(durationMs) }
    }
}

extension WindowFigures {
    private enum CodingKeys: String, CodingKey {
        case start, end, completed, failed, retries, averageProcessingMs
    }

    /// Reads the JSON of ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            startMs: try container.decodeTimestamp(forKey: .start), endMs: try container.decodeTimestamp(forKey: .end),
            completed: try container.decode(WindowFigure<Int>.self, forKey: .completed),
            failed: try container.decode(WindowFigure<Int>.self, forKey: .failed),
            retries: try container.decode(WindowFigure<Int>.self, forKey: .retries),
            averageProcessingMs: try container.decode(WindowFigure<Double>.self, forKey: .averageProcessingMs))
    }

    /// Writes the figures with `start` and `end` in the spec's timestamp form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeTimestamp(startMs, forKey: .start)
        try container.encodeTimestamp(endMs, forKey: .end)
        try container.encode(completed, forKey: .completed)
        try container.encode(failed, forKey: .failed)
        try container.encode(retries, forKey: .retries)
        try container.encode(averageProcessingMs, forKey: .averageProcessingMs)
    }
}
