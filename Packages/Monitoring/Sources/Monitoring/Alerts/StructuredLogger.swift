import Dispatch
import Essentials
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes JSON lines (`{"time":…,"level":…,"event":…, fields…}`) at or above a minimum level, to
/// stderr by default. Thread-safe; writes happen on a serial queue the logger owns, so callers on the
/// cooperative pool never block on the file descriptor.
public final class StructuredLogger: Sendable {
    /// A field value.
    public enum Value: Sendable, Equatable {
        /// A JSON string.
        case string(String)
        /// A JSON number (non-finite numbers are written as null).
        case number(Double)
        /// A JSON integer.
        case integer(Int64)
        /// A JSON boolean.
        case bool(Bool)
    }

    /// Lines below this level are dropped.
    public let minimumLevel: LogLevel
    private let output: @Sendable (String) -> Void
    private let queue = DispatchQueue(label: "Monitoring.StructuredLogger")

    /// Creates a logger.
    ///
    /// - Parameters:
    ///   - minimumLevel: `LOG_LEVEL`; default `info`.
    ///   - output: receives each line with its trailing newline, on the logger's queue; default writes to stderr.
    public init(minimumLevel: LogLevel = .info, output: (@Sendable (String) -> Void)? = nil) {
        self.minimumLevel = minimumLevel
        self.output = output ?? Self.writeToStandardError
    }

    /// Writes one line if `level` is at or above the minimum. `timeMs` defaults to now.
    public func log(_ level: LogLevel, _ event: String, timeMs: Int64? = nil, _ fields: [(String, Value)] = []) {
        guard level >= minimumLevel else { return }
        let line = Self.line(
            level: level, event: event, timeMs: timeMs ?? MonitoringJSON.nowMilliseconds(), fields: fields)
        queue.async { [output] in output(line) }
    }

    /// Writes `line` to fd 2, retrying `EINTR` and short writes; other errors (a closed stderr) drop the
    /// line rather than crash, as `FileHandle.write` would.
    private static func writeToStandardError(_ line: String) {
        var bytes = Array(line.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            if written > 0 {
                bytes = bytes.dropFirst(written)
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    /// Waits until every line logged so far has been handed to the output (for tests and shutdown).
    public func flush() {
        queue.sync {}
    }

    /// The JSON line for the given parts, keys in the given order, with a trailing newline.
    static func line(level: LogLevel, event: String, timeMs: Int64, fields: [(String, Value)]) -> String {
        var parts = [
            "\"time\":\(JSONString.quoted(MonitoringJSON.timestamp(milliseconds: timeMs)))",
            "\"level\":\(JSONString.quoted(level.rawValue))",
            "\"event\":\(JSONString.quoted(event))",
        ]
        for (key, value) in fields {
            let text: String =
                switch value {
                case .string(let string): JSONString.quoted(string)
                case .number(let number): number.isFinite ? jsonNumber(number) : "null"
                case .integer(let integer): String(integer)
                case .bool(let bool): bool ? "true" : "false"
                }
            parts.append("\(JSONString.quoted(key)):\(text)")
        }
        return "{" + parts.joined(separator: ",") + "}\n"
    }

    private static func jsonNumber(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }
}
