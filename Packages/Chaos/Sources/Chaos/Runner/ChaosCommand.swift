import Foundation

/// The `chaos run` command line, shared by the `chaos` executable and `maxctl chaos run`.
///
///     run [--scenario NAME]... [--all] [--soak DURATION] [--json] [--database-url URL]
///
/// With no `--scenario`: the spec's five. `--all` adds the extras; `--soak 10m` runs the soak (alone, or after
/// the others when `--all` or `--scenario` is given too). Progress goes to stdout, or to stderr with `--json`,
/// where stdout carries only the JSON report.
public enum ChaosCommand {
    /// The usage line.
    public static let usage = "usage: run [--scenario NAME]... [--all] [--soak 10m] [--json] [--database-url URL]"

    /// Runs the command (`arguments` start after `run`) and returns the exit status: 0 only when every scenario
    /// passed, 1 when one failed, 2 when the services could not start, 64 on a usage error.
    public static func run(_ arguments: [String], environment: [String: String]) async -> Int32 {
        var names: [String] = []
        var json = false
        var all = false
        var soak: Duration?
        var databaseURL = environment["CHAOS_DATABASE_URL"]
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            switch flag {
            case "--scenario": names.append(iterator.next() ?? "")
            case "--json": json = true
            case "--all": all = true
            case "--database-url": databaseURL = iterator.next()
            case "--soak":
                let text = iterator.next() ?? ""
                guard let parsed = SoakDuration.parse(text) else {
                    return usageError("--soak takes a duration like 90s or 10m, not '\(text)'")
                }
                soak = parsed
            default: return usageError("unknown option \(flag)")
            }
        }
        let available = ChaosRunner.specScenarios + ChaosRunner.extraScenarios
        if let unknown = names.first(where: { name in !available.contains { $0.name == name } }) {
            return usageError("unknown scenario \(unknown); known: \(available.map(\.name).joined(separator: ", "))")
        }
        var chosen: [any Scenario] =
            !names.isEmpty
            ? available.filter { names.contains($0.name) }
            : all ? available : soak == nil ? ChaosRunner.specScenarios : []
        if let soak { chosen.append(SoakScenario(duration: soak)) }

        let progress: @Sendable (String) -> Void = { [json] line in
            FileHandle(fileDescriptor: json ? 2 : 1).write(Data((line + "\n").utf8))
        }
        let runner: ChaosRunner
        do {
            let configuration = ChaosRunner.Configuration(databaseURL: databaseURL, progress: progress)
            runner = try await OwnThread.run { try ChaosRunner(configuration: configuration) }
        } catch {
            FileHandle.standardError.write(Data("chaos: \(error)\n".utf8))
            return 2
        }
        let report = await runner.run(chosen)
        runner.shutdown()
        for line in report.summary { progress(line) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            if let data = try? encoder.encode(report) { FileHandle.standardOutput.write(data + Data("\n".utf8)) }
        }
        return report.passed == report.scenarios.count && !report.scenarios.isEmpty ? 0 : 1
    }

    private static func usageError(_ message: String) -> Int32 {
        FileHandle.standardError.write(Data("chaos: \(message)\n\(usage)\n".utf8))
        return 64
    }
}
