/// The last `METRICS_RETENTION` samples of one queue, oldest first, with a summary. Value type.
public struct QueueHistory: Sendable {
    private var buffer: RingBuffer<QueueSample>

    /// Creates an empty history keeping at most `retention` (≥ 1) samples.
    public init(retention: Int) {
        buffer = RingBuffer(capacity: retention)
    }

    /// Appends a sample, dropping the oldest beyond the retention.
    public mutating func append(_ sample: QueueSample) { buffer.append(sample) }

    /// The retained samples, oldest first.
    public var samples: [QueueSample] { buffer.elements }

    /// The newest sample.
    public var latest: QueueSample? { buffer.last }

    /// How many samples are retained.
    public var count: Int { buffer.count }

    /// Min/max/avg of the key figures over the retained samples.
    public var summary: HistorySummary { HistorySummary(buffer.elements) }
}
