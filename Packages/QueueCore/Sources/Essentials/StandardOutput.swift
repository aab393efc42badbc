#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered lines on stdout, for output other processes follow line by line (event protocols, `tail -f`
/// style commands), where Swift's `print` would sit in a buffer while stdout is a pipe.
public enum StandardOutput {
    /// Writes `line` and a newline with one `write(2)`. Thread-safe: concurrent lines never interleave
    /// (POSIX keeps a pipe or file write of this size whole).
    public static func writeLine(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
