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
    /// (SwiftPM's build directory), else `Packages/Chaos/.build/debug/chaos-worker`, and `bin/monitoring-api`,
    /// in the nearest parent of the current directory or of this executable's that has them (the repo root);
    /// else the bare names, looked up on PATH.
    public static func locate() -> Binaries {
        let environment = ProcessInfo.processInfo.environment
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        if directory.path.hasSuffix(".xctest/Contents/MacOS") || directory.lastPathComponent.hasSuffix(".xctest") {
            directory = directory.deletingLastPathComponent()
        }
        let beside = directory.appendingPathComponent("chaos-worker").path
        var worker =
            environment["CHAOS_WORKER"]
            ?? (FileManager.default.isExecutableFile(atPath: beside) ? beside : nil)
        var monitoring = environment["MONITORING_API"]
        // From `bin/maxctl` or a checkout: the repo root has bin/ and Packages/Chaos's debug build.
        for start in [FileManager.default.currentDirectoryPath, directory.path] {
            var parent = URL(fileURLWithPath: start)
            while parent.path != "/" {
                let api = parent.appendingPathComponent("bin/monitoring-api").path
                if monitoring == nil, FileManager.default.isExecutableFile(atPath: api) { monitoring = api }
                let built = parent.appendingPathComponent("Packages/Chaos/.build/debug/chaos-worker").path
                if worker == nil, FileManager.default.isExecutableFile(atPath: built) { worker = built }
                parent = parent.deletingLastPathComponent()
            }
        }
        return Binaries(worker: worker ?? "chaos-worker", monitoringAPI: monitoring ?? "monitoring-api")
    }
}
