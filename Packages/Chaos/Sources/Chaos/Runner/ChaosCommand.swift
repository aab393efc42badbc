import CommandLineArguments
import Essentials
import Foundation
import PrivateServices

/// The command line of `maxctl chaos run` (and so of `make chaos`).
///
///     maxctl chaos run [--scenario NAME]... [--all] [--soak DURATION [--kill-worker-every D]
///                      [--crash-postgres-every D] [--kill-redis-every D]] [--json] [--database URL]
///
/// Parsed by the shared `ParsedArguments` (docs/cli.md). With no `--scenario`: the spec's five. `--all` adds
/// the extras; `--soak 10m` runs the soak (alone, or after the others when `--all` or `--scenario` is given
/// too); its disturbers are the rates named (``SoakPlan``; none named: a worker SIGKILL every 6 s). `--database` (else the caller's `databaseURL`, maxctl's `CHAOS_DATABASE_URL`) names a PostgreSQL to use
/// instead of the suite's own. The caller resolves its settings; this package reads no environment.
/// Progress goes to stdout, or to stderr with `--json`, where stdout carries only the JSON report.
public enum ChaosCommand {
    /// The usage line.
    public static let usage =
        "usage: maxctl chaos run [--scenario NAME]... [--all] [--soak 10m [--kill-worker-every 6s] "
        + "[--crash-postgres-every 10s] [--kill-redis-every 30s]] [--json] [--database URL]"

    /// Runs the command (`arguments` start after `run`) and returns the exit status: 0 only when every scenario
    /// passed, 1 when one failed, 2 when the services could not start, 3 (`UsageError.exitStatus`) on a usage
    /// error.
    ///
    /// - Parameters:
    ///   - databaseURL: the PostgreSQL used when `--database` is not given; nil starts the suite's own.
    ///   - binaries: the programs the scenarios run (``Binaries/locate(maxctl:monitoringAPI:)``).
    public static func run(
        _ arguments: [String], databaseURL: String? = nil, binaries: Binaries = .locate()
    ) async -> Int32 {
        let parsed: ParsedArguments
        let soak: Duration?
        var rates: [String: Duration] = [:]
        do {
            parsed = try ParsedArguments(
                arguments, valueOptions: Set(["scenario", "soak", "database"] + disturberOptions),
                flagOptions: ["all", "json"])
            soak = try parsed.duration("soak")
            for option in disturberOptions { rates[option] = try parsed.duration(option) }
        } catch {
            return usageError(error.description)
        }
        if parsed.help {
            print(usage)
            return 0
        }
        if let operand = parsed.positionals.first { return usageError("unexpected argument '\(operand)'") }
        if let soak, soak <= .zero { return usageError("--soak must be more than 0, e.g. 90s or 10m") }
        if let (option, _) = rates.first(where: { $0.value <= .zero }) {
            return usageError("--\(option) must be more than 0, e.g. 2s")
        }
        if soak == nil, let option = rates.keys.sorted().first {
            return usageError("--\(option) sets a soak disturber: give --soak DURATION too")
        }
        let names = parsed.values("scenario")
        let available = ChaosRunner.specScenarios + ChaosRunner.extraScenarios
        if let unknown = names.first(where: { name in !available.contains { $0.name == name } }) {
            return usageError("unknown scenario \(unknown); known: \(available.map(\.name).joined(separator: ", "))")
        }
        let json = parsed.flag("json")
        var chosen: [any Scenario] =
            !names.isEmpty
            ? available.filter { names.contains($0.name) }
            : parsed.flag("all") ? available : soak == nil ? ChaosRunner.specScenarios : []
        if let soak {
            chosen.append(
                SoakScenario(
                    plan: SoakPlan(
                        duration: soak, workerKillEvery: rates["kill-worker-every"],
                        postgresCrashEvery: rates["crash-postgres-every"], redisKillEvery: rates["kill-redis-every"])))
        }

        let progress: @Sendable (String) -> Void = { [json] line in
            FileHandle(fileDescriptor: json ? 2 : 1).write(Data((line + "\n").utf8))
        }
        let runner: ChaosRunner
        do {
            let configuration = ChaosRunner.Configuration(
                databaseURL: parsed.value("database") ?? databaseURL, binaries: binaries, progress: progress)
            runner = try await offPool { try ChaosRunner(configuration: configuration) }
        } catch {
            FileHandle.standardError.write(Data("maxctl chaos run: \(error)\n".utf8))
            return 2
        }
        let report = await runner.run(chosen)
        runner.shutdown()
        for line in report.summary { progress(line) }
        if json {
            if let data = try? JSONCoding.encoder(pretty: true).encode(report) {
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            }
        }
        return report.passed == report.scenarios.count && !report.scenarios.isEmpty ? 0 : 1
    }

    /// The soak's disturber rates, one option each.
    private static let disturberOptions = ["kill-worker-every", "crash-postgres-every", "kill-redis-every"]

    private static func usageError(_ message: String) -> Int32 {
        FileHandle.standardError.write(Data("maxctl chaos run: \(message) (see `maxctl chaos --help`)\n".utf8))
        return UsageError.exitStatus
    }
}
