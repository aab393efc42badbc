import Foundation
import Synchronization

/// A clock that moves only when told to, for tests of idle expiry and load times without sleeps.
///
/// Thread-safe (an atomic). Wall time is a fixed epoch plus the monotonic reading.
public final class ManualCacheClock: CacheClock {
    private let nanoseconds: Atomic<UInt64>
    private let epoch: Date

    /// Creates a clock reading `start` nanoseconds, with wall time `epoch` at reading zero.
    public init(start: UInt64 = 0, epoch: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        self.nanoseconds = Atomic(start)
        self.epoch = epoch
    }

    /// The current reading in nanoseconds.
    public func now() -> UInt64 { nanoseconds.load(ordering: .acquiring) }

    /// The same as ``now()``: a manual clock has one resolution.
    public func preciseNow() -> UInt64 { now() }

    /// `epoch` plus the current reading.
    public func wallTime() -> Date { epoch.addingTimeInterval(Double(now()) / 1e9) }

    /// Moves the clock forward by `duration` (must not be negative).
    public func advance(by duration: Duration) {
        nanoseconds.add(duration.nanosecondsClamped, ordering: .releasing)
    }
}

extension Duration {
    /// The duration in whole nanoseconds, clamped to `0...UInt64.max`.
    var nanosecondsClamped: UInt64 {
        let (seconds, attoseconds) = components
        if seconds < 0 { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return .max }
        let (sum, overflow2) = whole.addingReportingOverflow(UInt64(attoseconds / 1_000_000_000))
        return overflow2 ? .max : sum
    }
}
