import Foundation

/// Where the programs the suite runs live.
public struct Binaries: Sendable {
    /// The recording worker (`chaos-worker`).
    public var worker: String
    /// The monitoring server (`monitoring-api`).
    public var monitoringAPI: String

    /// Creates paths explicitly.
    public init(worker: String, monitoringAPI: String) {
        self.worker = worker
        self.monitoringAPI = monitoringAPI
    }

    /// Finds them: `CHAOS_WORKER` / `MONITORING_API` when set; else `chaos-worker` beside this executable
    /// (SwiftPM's build directory) and `bin/monitoring-api` in the first parent directory of the current
    /// one that has it (the repo root, filled by `make build`); else the bare names, looked up on PATH.
    public static func locate() -> Binaries {
        let environment = ProcessInfo.processInfo.environment
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        if directory.path.hasSuffix(".xctest/Contents/MacOS") || directory.lastPathComponent.hasSuffix(".xctest") {
            directory = directory.deletingLastPathComponent()
        }
        let beside = directory.appendingPathComponent("chaos-worker").path
        let worker =
            environment["CHAOS_WORKER"]
            ?? (FileManager.default.isExecutableFile(atPath: beside) ? beside : "chaos-worker")
        var monitoring = environment["MONITORING_API"]
        var parent = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while monitoring == nil && parent.path != "/" {
            let candidate = parent.appendingPathComponent("bin/monitoring-api").path
            if FileManager.default.isExecutableFile(atPath: candidate) { monitoring = candidate }
            parent = parent.deletingLastPathComponent()
        }
        return Binaries(worker: worker, monitoringAPI: monitoring ?? "monitoring-api")
    }
}
