import Foundation

/// Temporary directories for throwaway servers and for tests that need a folder of their own.
public enum Directories {
    /// Creates a fresh directory under the system temporary directory, e.g. `/tmp/mbs-redis-1a2b3c`.
    public static func make(_ purpose: String) throws -> String {
        let path = NSTemporaryDirectory() + "mbs-\(purpose)-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
