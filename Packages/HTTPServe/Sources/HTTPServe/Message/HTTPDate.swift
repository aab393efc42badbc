import Glibc
import Synchronization

/// The `Date` header value (IMF-fixdate), formatted at most once per second and shared by all threads.
final class HTTPDate: Sendable {
    /// The process-wide instance.
    static let shared = HTTPDate()

    private let cache = Mutex<(second: Int, value: [UInt8])>((second: -1, value: []))

    /// The current date as `Sun, 06 Nov 1994 08:49:37 GMT` bytes.
    func current() -> [UInt8] {
        let now = Int(time(nil))
        return cache.withLock { cached in
            if cached.second != now {
                cached = (second: now, value: Array(Self.format(now).utf8))
            }
            return cached.value
        }
    }

    /// Formats seconds since the epoch as an IMF-fixdate (RFC 9110 5.6.7).
    static func format(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
