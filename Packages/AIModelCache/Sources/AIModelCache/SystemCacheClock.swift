import Foundation
import Glibc

/// The production clock: `CLOCK_MONOTONIC` (a vDSO call, no syscall, no blocking) and `Date()`.
public struct SystemCacheClock: CacheClock {
    /// Creates the clock.
    public init() {}

    /// Nanoseconds of `CLOCK_MONOTONIC`.
    @inlinable
    public func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// `Date()`.
    public func wallTime() -> Date { Date() }
}
