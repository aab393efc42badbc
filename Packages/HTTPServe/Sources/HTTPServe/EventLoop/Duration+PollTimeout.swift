extension Duration {
    /// This duration as an `epoll_wait`/`poll` timeout: milliseconds rounded up (so a wait never ends a
    /// hair early and spins until the deadline), at most an hour.
    ///
    /// HTTPServe's own copy of QueueCore's `Essentials` millisecond helpers: HTTPServe depends on nothing
    /// by design (docs/architecture.md, Shared helpers).
    var pollTimeoutMilliseconds: Int32 {
        let (seconds, attoseconds) = components
        return Int32(min(seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1, 3_600_000))
    }
}
