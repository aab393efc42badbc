import Foundation
import Glibc

/// The production clock: `CLOCK_MONOTONIC_COARSE` for lookups, `CLOCK_MONOTONIC` for load times, `Date()`.
///
/// Both are vDSO reads (no syscall, no blocking). The coarse clock costs about a quarter of the precise one
/// on the hit path; its resolution (the kernel tick, 1–4 ms) only blurs idle expiry by that much against
/// timeouts of minutes.
public struct SystemCacheClock: CacheClock {
    /// Creates the clock.
    public init() {}

    /// Nanoseconds of `CLOCK_MONOTONIC_COARSE`.
    @inlinable
    public func now() -> UInt64 { Self.read(CLOCK_MONOTONIC_COARSE) }

    /// Nanoseconds of `CLOCK_MONOTONIC`.
    @inlinable
    public func preciseNow() -> UInt64 { Self.read(CLOCK_MONOTONIC) }

    /// `Date()`.
    public func wallTime() -> Date { Date() }

    @inlinable
    static func read(_ clock: clockid_t) -> UInt64 {
        var time = timespec()
        clock_gettime(clock, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
