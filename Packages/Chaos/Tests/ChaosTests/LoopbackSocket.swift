import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A blocking client socket for the proxy tests, with a receive timeout so no read waits forever.
final class LoopbackSocket {
    let fd: Int32

    /// Connects to 127.0.0.1:`port`; nil when refused.
    init?(port: Int, receiveTimeout: Duration = .seconds(2)) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(0x7f00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            return nil
        }
        let (seconds, attoseconds) = receiveTimeout.components
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// What one read returned: bytes, `closed` (EOF), `reset` (ECONNRESET) or `timedOut`.
    enum ReadResult: Equatable {
        case bytes(String)
        case closed
        case reset
        case timedOut
    }

    func receive() -> ReadResult {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count > 0 { return .bytes(String(decoding: buffer[0..<count], as: UTF8.self)) }
        if count == 0 { return .closed }
        return errno == ECONNRESET ? .reset : .timedOut
    }

    /// Reads until `count` bytes have arrived (or the timeout, EOF or reset).
    func receive(atLeast count: Int) -> String {
        var text = ""
        while text.utf8.count < count, case .bytes(let more) = receive() { text += more }
        return text
    }
}
