import Foundation

/// The time source of a ``ModelCache``: monotonic nanoseconds for idle expiry and for load times, and
/// wall time for eviction-log timestamps.
///
/// Two implementations: ``SystemCacheClock`` in production and ``ManualCacheClock`` in tests, so idle
/// expiry is tested without sleeping.
public protocol CacheClock: Sendable {
    /// Nanoseconds since an arbitrary fixed point; never decreases. Read on every lookup to stamp and
    /// check idleness, so it must be cheap and must not block; a resolution of a few milliseconds is fine.
    func now() -> UInt64
    /// Nanoseconds on the same scale as ``now()`` at full resolution; read twice per load to time it.
    func preciseNow() -> UInt64
    /// The wall-clock time, for eviction-log timestamps only.
    func wallTime() -> Date
}
