/// When a chunk read from one side may be written to the other, given the fault: the proxy's timing logic,
/// apart from its sockets. Times are nanoseconds on a monotonic clock.
struct DeliverySchedule: Sendable, Equatable {
    /// When the last chunk in this direction is due; later chunks never overtake it.
    private(set) var lastDue: Int64 = 0

    /// The due time of a chunk of `size` bytes read at `now`; `random` in 0..<1 picks the jitter.
    mutating func due(size: Int, now: Int64, fault: Fault, random: Double) -> Int64 {
        var due = now
        switch fault {
        case .latency(let latency, let jitter):
            let jitterNanos = Double(jitter.nanoseconds) * (random * 2 - 1)
            due = now + max(0, latency.nanoseconds + Int64(jitterNanos))
            due = max(due, lastDue)
        case .bandwidth(let rate):
            let start = max(now, lastDue)
            due = start + Int64(size) * 1_000_000_000 / Int64(max(rate, 1))
        case .none, .reset, .blackhole, .down:
            due = max(now, lastDue)
        }
        lastDue = due
        return due
    }
}

extension Duration {
    /// The whole duration in nanoseconds (saturating past ~292 years).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
