import Foundation

/// Where the programs the suite runs live: `maxctl` (its `worker` command is the worker process every
/// scenario starts) and `monitoring-api`, both release binaries in the repository's `bin/` (`make build`).
public struct Binaries: Sendable {
    /// `maxctl`; scenarios run `maxctl worker --events --processor scripted --record-to …`.
    public var maxctl: String
    /// The monitoring server (`monitoring-api`).
    public var monitoringAPI: String

    /// Creates paths explicitly.
    public init(maxctl: String, monitoringAPI: String) {
        self.maxctl = maxctl
        self.monitoringAPI = monitoringAPI
    }

    /// Whether both are absolute paths, i.e. were found rather than left to a PATH lookup.
    public var found: Bool { maxctl.hasPrefix("/") && monitoringAPI.hasPrefix("/") }

    /// Finds them: the given paths when set (maxctl passes `MAXCTL` / `MONITORING_API`); else this executable
    /// itself when it is `maxctl` (`maxctl chaos run`); else `bin/maxctl` and `bin/monitoring-api` in the nearest
    /// parent of the current directory or of this executable's that has them (the repo root); else the bare
    /// names, looked up on PATH.
    public static func locate(maxctl given: String? = nil, monitoringAPI givenAPI: String? = nil) -> Binaries {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var maxctl = given.flatMap { $0.isEmpty ? nil : $0 }
        if maxctl == nil, executable.lastPathComponent == "maxctl",
            FileManager.default.isExecutableFile(atPath: executable.path)
        {
            maxctl = executable.path
        }
        var monitoring = givenAPI.flatMap { $0.isEmpty ? nil : $0 }
        for start in [FileManager.default.currentDirectoryPath, executable.deletingLastPathComponent().path] {
            var parent = URL(fileURLWithPath: start)
            while parent.path != "/" {
                let api = parent.appendingPathComponent("bin/monitoring-api").path
                if monitoring == nil, FileManager.default.isExecutableFile(atPath: api) { monitoring = api }
                let ctl = parent.appendingPathComponent("bin/maxctl").path
                if maxctl == nil, FileManager.default.isExecutableFile(atPath: ctl) { maxctl = ctl }
                parent = parent.deletingLastPathComponent()
            }
        }
        return Binaries(maxctl: maxctl ?? "maxctl", monitoringAPI: monitoring ?? "monitoring-api")
    }
}
