import Glibc
import Synchronization

/// The standard library's `Mutex` with two Linux fixes for a hot, briefly held lock.
///
/// - Spin before sleeping: on Linux `Mutex` is a priority-inheritance futex, whose kernel path hands the
///   lock from thread to thread and never lets a running thread barge in (swiftlang/swift#88440). With
///   critical sections of tens of nanoseconds that turns every collision into two context switches, so
///   `withLock` first retries `withLockIfAvailable` a bounded number of times.
/// - ThreadSanitizer: the kernel hand-off has no user-space atomic for TSan to see, so it reports races
///   inside correctly locked code. When the TSan runtime is present (found with `dlsym`; absent from
///   normal builds, where the checks cost one predictable branch), the body is wrapped in
///   `__tsan_acquire`/`__tsan_release` on a per-lock address.
@usableFromInline
struct StateLock<Value>: ~Copyable, Sendable {
    @usableFromInline typealias Annotation = @convention(c) (UnsafeMutableRawPointer?) -> Void

    /// How many `withLockIfAvailable` attempts precede a blocking `withLock`.
    @usableFromInline static var spinAttempts: Int { 64 }

    @usableFromInline let mutex: Mutex<Value>
    // Safety: an address used only as an identity for TSan; never read or written.
    @usableFromInline nonisolated(unsafe) let raceToken: UnsafeMutableRawPointer
    @usableFromInline let acquire: Annotation?
    @usableFromInline let release: Annotation?

    @usableFromInline
    init(_ value: sending Value) {
        mutex = Mutex(value)
        raceToken = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)
        acquire = Self.annotation("__tsan_acquire")
        release = Self.annotation("__tsan_release")
    }

    deinit { raceToken.deallocate() }

    private static func annotation(_ name: String) -> Annotation? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: Annotation.self)
    }

    /// Runs `body` with exclusive access to the value. Blocks (after a short spin) while another thread
    /// holds the lock; `body` must not block, suspend or re-enter.
    @inlinable
    func withLock<Result>(_ body: (inout sending Value) -> sending Result) -> sending Result {
        for _ in 0..<Self.spinAttempts {
            if let result = mutex.withLockIfAvailable({ value in annotated(&value, body) }) { return result }
        }
        return mutex.withLock { value in annotated(&value, body) }
    }

    @inlinable
    func annotated<Result>(
        _ value: inout sending Value, _ body: (inout sending Value) -> sending Result
    ) -> sending Result {
        acquire?(raceToken)
        defer { release?(raceToken) }
        return body(&value)
    }
}
