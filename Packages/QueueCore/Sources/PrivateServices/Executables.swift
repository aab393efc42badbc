import Foundation

/// Finds the server programs: on `PATH`, then where Debian keeps PostgreSQL's (`/usr/lib/postgresql/N/bin`).
public enum Executables {
    /// The absolute path of `name`, or nil when it is not installed.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let candidates =
            path.split(separator: ":").map { "\($0)/\(name)" } + postgresBinDirectories().map { "\($0)/\(name)" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Debian's versioned PostgreSQL binary directories, newest first.
    private static func postgresBinDirectories() -> [String] {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted(by: >).map { "\(root)/\($0)/bin" }
    }
}
