// chaos: the chaos suite's command line.
//
//   chaos run [--scenario NAME]... [--all] [--soak DURATION] [--json] [--database-url URL]
//
// With no --scenario: the spec's five. --all adds the extras; --soak 10m runs the soak (alone, or after the
// others when --all or --scenario is given too). DURATION is like 90s, 10m, 1h.
//
// Progress lines go to stdout (stderr with --json, where stdout carries only the JSON report). Exit 0 only
// when every scenario passed, 1 when one failed, 64 on a usage error.
import Chaos
import Foundation

#if canImport(Glibc)
import Glibc
#endif

func usage(_ message: String) -> Never {
    FileHandle.standardError.write(Data("chaos: \(message)\nusage: chaos run [--scenario NAME]... [--all] [--soak 10m] [--json] [--database-url URL]\n".utf8))
    exit(64)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.first == "run" else { usage("the only command is `run`") }
arguments.removeFirst()
var names: [String] = []
var json = false
var all = false
var soak: Duration?
var databaseURL = ProcessInfo.processInfo.environment["CHAOS_DATABASE_URL"]
var iterator = arguments.makeIterator()
while let flag = iterator.next() {
    switch flag {
    case "--scenario": names.append(iterator.next() ?? "")
    case "--json": json = true
    case "--all": all = true
    case "--soak":
        let text = iterator.next() ?? ""
        guard let parsed = SoakDuration.parse(text) else { usage("--soak takes a duration like 90s or 10m, not '\(text)'") }
        soak = parsed
    case "--database-url": databaseURL = iterator.next()
    default: usage("unknown option \(flag)")
    }
}
let available = ChaosRunner.specScenarios + ChaosRunner.extraScenarios
let unknown = names.filter { name in !available.contains { $0.name == name } }
guard unknown.isEmpty else {
    usage("unknown scenario \(unknown[0]); known: \(available.map(\.name).joined(separator: ", "))")
}
var chosen: [any Scenario] =
    !names.isEmpty ? available.filter { names.contains($0.name) }
    : all ? available : soak == nil ? ChaosRunner.specScenarios : []
if let soak { chosen.append(SoakScenario(duration: soak)) }
let jsonOutput = json
let progress: @Sendable (String) -> Void = { line in
    FileHandle(fileDescriptor: jsonOutput ? 2 : 1).write(Data((line + "\n").utf8))
}

let runner: ChaosRunner
do {
    let configuration = ChaosRunner.Configuration(databaseURL: databaseURL, progress: progress)
    runner = try await OwnThread.run { try ChaosRunner(configuration: configuration) }
} catch {
    FileHandle.standardError.write(Data("chaos: \(error)\n".utf8))
    exit(2)
}
let report = await runner.run(chosen)
runner.shutdown()
for line in report.summary { progress(line) }
if json {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
}
exit(report.passed == report.scenarios.count && !report.scenarios.isEmpty ? 0 : 1)
