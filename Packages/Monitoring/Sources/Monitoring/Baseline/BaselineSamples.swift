/// Collects the raw samples of a capture by figure name and turns them into ``BaselineFigure``s. Pure.
public struct BaselineSamples: Sendable {
    private var samples: [String: [Double]] = [:]

    /// An empty collection.
    public init() {}

    /// The figure name of a queue's timing: `queue/<queue>/<timing>`.
    public static func queueFigure(_ queue: String, _ timing: String) -> String { "queue/\(queue)/\(timing)" }

    /// Declares a figure so that it is recorded (count 0) even without samples.
    public mutating func declare(_ name: String) {
        if samples[name] == nil { samples[name] = [] }
    }

    /// Adds one sample of `name`, in milliseconds.
    public mutating func add(_ name: String, milliseconds: Double) {
        samples[name, default: []].append(milliseconds)
    }

    /// Adds a finished job's timings from BullMQ's job hash fields (ms since 1970): `wait` (`readyAt` →
    /// `processedOn`), `processing` (`processedOn` → `finishedOn`), `endToEnd` (`readyAt` → `finishedOn`).
    /// `readyAt` is the job's `timestamp` plus its `delay` (a delayed job waits from when it became due). A job
    /// without `processedOn` (failed before it ran) adds only `endToEnd`; one without `finishedOn` adds nothing.
    public mutating func addJob(queue: String, readyAt: Int64, processedOn: Int64?, finishedOn: Int64?) {
        guard let finished = finishedOn, readyAt > 0 else { return }
        if let processed = processedOn {
            add(Self.queueFigure(queue, "wait"), milliseconds: Double(max(processed - readyAt, 0)))
            add(Self.queueFigure(queue, "processing"), milliseconds: Double(max(finished - processed, 0)))
        }
        add(Self.queueFigure(queue, "endToEnd"), milliseconds: Double(max(finished - readyAt, 0)))
    }

    /// Every declared or sampled figure with its percentiles.
    public var figures: [String: BaselineFigure] {
        samples.mapValues { BaselineFigure(samples: $0) }
    }
}
