import Essentials

#if canImport(Glibc)
import Glibc
#endif

/// Monotonic nanoseconds (CLOCK_MONOTONIC), the event loop's time base for deadlines.
enum MonotonicTime {
    /// Now, in nanoseconds since an arbitrary start.
    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}

extension UInt64 {
    /// This instant plus `duration`, saturating at `.max` (no deadline).
    func addingDuration(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return self }
        let nanoseconds = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        guard !nanoseconds.overflow else { return .max }
        let (sum, overflow) = self.addingReportingOverflow(
            nanoseconds.partialValue &+ UInt64(attoseconds / 1_000_000_000))
        return overflow ? .max : sum
    }
}

extension Duration {
    /// A readable form for messages: `250ms`, `5s`, `1.5s`.
    var readable: String {
        let milliseconds = wholeMilliseconds
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return "\(Double(milliseconds) / 1000)s"
    }
}
