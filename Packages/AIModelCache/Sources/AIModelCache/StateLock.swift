import Glibc
import Synchronization

/// Mutable state behind the standard library's `Mutex`, with two Linux adjustments for a hot, briefly
/// held lock.
///
/// - Spin before sleeping: on Linux `Mutex` is a priority-inheritance futex whose kernel path hands the
///   lock from thread to thread and never lets a running thread barge in (swiftlang/swift#88440). With
///   critical sections of tens of nanoseconds that turns every collision into context switches, so
///   `withLock` first retries `withLockIfAvailable` a bounded number of times.
/// - ThreadSanitizer cannot see `Mutex`'s synchronisation (the futex operations live in the
///   uninstrumented runtime and the kernel) and reports races inside correctly locked code. When the TSan
///   runtime is loaded (found with `dlsym`; never in normal builds) the same state is guarded by a
///   `pthread_mutex_t` instead, which TSan intercepts, so the sanitizer still checks every access to the
///   state. Normal builds never touch the pthread mutex.
///
/// The state lives in its own allocation so both locks guard the same storage.
@usableFromInline
struct StateLock<Value>: ~Copyable, @unchecked Sendable {
    // Safety: `storage` is read and written only inside `withLock`, while holding `mutex` or, under
    // ThreadSanitizer, `sanitizerMutex`.
    /// How many `withLockIfAvailable` attempts precede a blocking `withLock`.
    @usableFromInline static var spinAttempts: Int { 64 }

    @usableFromInline let mutex = Mutex<Void>(())
    @usableFromInline let storage: UnsafeMutablePointer<Value>
    @usableFromInline let sanitizerMutex: UnsafeMutablePointer<pthread_mutex_t>?

    @usableFromInline
    init(_ value: Value) {
        storage = .allocate(capacity: 1)
        storage.initialize(to: value)
        if threadSanitizerIsActive {
            let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
            pthread_mutex_init(mutex, nil)
            sanitizerMutex = mutex
        } else {
            sanitizerMutex = nil
        }
    }

    deinit {
        storage.deinitialize(count: 1)
        storage.deallocate()
        if let sanitizerMutex {
            pthread_mutex_destroy(sanitizerMutex)
            sanitizerMutex.deallocate()
        }
    }

    /// Runs `body` with exclusive access to the value. Blocks (after a short spin) while another thread
    /// holds the lock; `body` must not block, suspend or re-enter.
    @inlinable
    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        if let sanitizerMutex {
            pthread_mutex_lock(sanitizerMutex)
            defer { pthread_mutex_unlock(sanitizerMutex) }
            return body(&storage.pointee)
        }
        // The result travels out through a local: `Mutex`'s closures demand a `sending` result, and the
        // value never escapes this lock's protection without the caller's own synchronisation.
        var result: Result?
        for _ in 0..<Self.spinAttempts {
            if mutex.withLockIfAvailable({ _ in result = body(&storage.pointee) }) != nil { return result! }
        }
        mutex.withLock { _ in result = body(&storage.pointee) }
        return result!
    }
}

/// Whether this process runs under ThreadSanitizer (its runtime exports `__tsan_init`).
let threadSanitizerIsActive = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__tsan_init") != nil
