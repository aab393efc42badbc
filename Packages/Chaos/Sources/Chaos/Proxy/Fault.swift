/// What the fault proxy does to traffic; switchable while connections are open (`FaultProxy.set(_:)`).
public enum Fault: Sendable, Equatable, CustomStringConvertible {
    /// Forward bytes as they come.
    case none
    /// Delay every chunk by `latency` ± up to `jitter` (order is kept), in both directions.
    case latency(Duration, jitter: Duration = .zero)
    /// Pace each direction to at most this many bytes per second.
    case bandwidth(bytesPerSecond: Int)
    /// Reset (RST) every open connection now, and every new one as soon as it is accepted.
    case reset
    /// Accept connections and read from them, but never forward or answer anything.
    case blackhole
    /// Refuse new connections (the listener is closed) and reset the open ones; the port comes back on `.none`.
    case down

    public var description: String {
        switch self {
        case .none: "none"
        case .latency(let latency, let jitter): "latency \(latency) ± \(jitter)"
        case .bandwidth(let rate): "bandwidth \(rate) B/s"
        case .reset: "reset"
        case .blackhole: "blackhole"
        case .down: "down"
        }
    }
}
