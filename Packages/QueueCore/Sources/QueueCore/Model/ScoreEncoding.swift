/// BullMQ's sorted-set score encodings (the Lua scripts write the same; these read and check them).
public enum ScoreEncoding {
    /// The `delayed` score: due time in ms × 4096 + a sequence (0…4095) keeping same-ms jobs FIFO.
    public static func delayedScore(dueMs: Int64, sequence: Int = 0) -> Double {
        Double(dueMs) * 4096 + Double(min(max(sequence, 0), 4095))
    }

    /// The due time in ms of a `delayed` score.
    public static func dueMs(ofDelayedScore score: Double) -> Int64 { Int64((score / 4096).rounded(.down)) }

    /// The `prioritized` score: priority × 2^32 + (counter mod 2^32): best priority first, FIFO within one.
    public static func prioritizedScore(priority: Int, counter: Int64) -> Double {
        Double(priority) * 4_294_967_296 + Double(counter % 4_294_967_296)
    }

    /// The priority of a `prioritized` score.
    public static func priority(ofPrioritizedScore score: Double) -> Int { Int((score / 4_294_967_296).rounded(.down)) }
}
