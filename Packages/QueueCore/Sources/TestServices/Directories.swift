import Foundation

/// Temporary directories for throwaway servers.
enum Directories {
    /// Creates a fresh directory under the system temporary directory, e.g. `/tmp/mbs-redis-1a2b3c`.
    static func make(_ purpose: String) throws -> String {
        let path = NSTemporaryDirectory() + "mbs-\(purpose)-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
