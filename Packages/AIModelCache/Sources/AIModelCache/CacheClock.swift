import Foundation

/// The time source of a ``ModelCache``: monotonic nanoseconds for idle expiry and load times, and wall
/// time for eviction-log timestamps.
///
/// Two implementations: ``SystemCacheClock`` in production and ``ManualCacheClock`` in tests, so idle
/// expiry is tested without sleeping.
public protocol CacheClock: Sendable {
    /// Nanoseconds since an arbitrary fixed point; never decreases. Called on the hit path, so it must be
    /// cheap and must not block.
    func now() -> UInt64
    /// The wall-clock time, for eviction-log timestamps only.
    func wallTime() -> Date
}
