import Glibc

/// The outcome of a non-blocking system call, with `EINTR` already retried.
enum SyscallResult: Equatable {
    /// The call succeeded with this return value.
    case done(Int)
    /// `EAGAIN`/`EWOULDBLOCK`: nothing to do until epoll says so.
    case wouldBlock
    /// Any other failure, with its `errno`.
    case failed(Int32)
}

/// The one place system calls are made retrying `EINTR` (a signal must never take the server down)
/// and reading `errno` immediately after the call.
enum Syscall {
    @inline(__always)
    static func run(_ call: () -> Int) -> SyscallResult {
        while true {
            let result = call()
            if result >= 0 { return .done(result) }
            let error = errno
            switch error {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case EBADF: preconditionFailure("system call on a closed file descriptor: a bug in HTTPServe")
            default: return .failed(error)
            }
        }
    }

    /// `strerror` as a Swift string, for messages.
    static func describe(_ error: Int32) -> String {
        String(cString: strerror(error))
    }
}
