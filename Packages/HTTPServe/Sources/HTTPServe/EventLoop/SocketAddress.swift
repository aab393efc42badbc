import Glibc

/// IPv4 socket addresses and the socket options HTTPServe sets.
enum SocketAddress {
    /// Parses a dotted-quad `host` (or `localhost`) into a `sockaddr_in`, or `nil` when it is not one.
    static func ipv4(_ host: String, port: Int) -> sockaddr_in? {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        let name = host == "localhost" ? "127.0.0.1" : host
        guard inet_pton(AF_INET, name, &address.sin_addr) == 1 else { return nil }
        return address
    }

    /// The local port a socket is bound to.
    static func localPort(_ fd: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func setOption(_ fd: Int32, _ level: Int32, _ option: Int32, _ value: Int32 = 1) {
        var value = value
        _ = setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Checks that nobody listens on `host:port` and returns the port to use (a free one for port 0).
    ///
    /// The loops' listeners share the port through `SO_REUSEPORT`, which would also let them silently
    /// share it with another process that set it; a plain bind first makes "port in use" an error.
    static func reservePort(host: String, port: Int) throws -> Int {
        guard var address = ipv4(host, port: port) else {
            throw HTTPServeError(.invalidConfiguration, "host \(host) is not an IPv4 address")
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw HTTPServeError(.bindFailed, "cannot create a socket: \(Syscall.describe(errno))") }
        defer { close(fd) }
        setOption(fd, SOL_SOCKET, SO_REUSEADDR)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            throw HTTPServeError(
                .bindFailed,
                "cannot listen on \(host):\(port): \(Syscall.describe(errno)); stop the process using the port or choose another"
            )
        }
        return localPort(fd)
    }

    /// A non-blocking, close-on-exec listening socket with `SO_REUSEADDR` (and `SO_REUSEPORT` so each
    /// loop can own one listener on the same port).
    static func listen(host: String, port: Int, backlog: Int) throws -> Int32 {
        guard var address = ipv4(host, port: port) else {
            throw HTTPServeError(.invalidConfiguration, "host \(host) is not an IPv4 address")
        }
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = socket(AF_INET, type, 0)
        guard fd >= 0 else {
            throw HTTPServeError(.bindFailed, "cannot create a socket: \(Syscall.describe(errno))")
        }
        setOption(fd, SOL_SOCKET, SO_REUSEADDR)
        setOption(fd, SOL_SOCKET, SO_REUSEPORT)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(fd, Int32(backlog)) == 0 else {
            let reason = Syscall.describe(errno)
            close(fd)
            throw HTTPServeError(
                .bindFailed,
                "cannot listen on \(host):\(port): \(reason); stop the process using the port or choose another")
        }
        return fd
    }
}
