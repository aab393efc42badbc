// chaos: the chaos suite's command line.
//
//   chaos run [--scenario NAME]... [--json] [--database-url URL]
//
// Progress lines go to stdout (stderr with --json, where stdout carries only the JSON report). Exit 0 only
// when every scenario passed, 1 when one failed, 64 on a usage error.
import Chaos
import Foundation

#if canImport(Glibc)
import Glibc
#endif

func usage(_ message: String) -> Never {
    FileHandle.standardError.write(Data("chaos: \(message)\nusage: chaos run [--scenario NAME]... [--json] [--database-url URL]\n".utf8))
    exit(64)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.first == "run" else { usage("the only command is `run`") }
arguments.removeFirst()
var names: [String] = []
var json = false
var databaseURL = ProcessInfo.processInfo.environment["CHAOS_DATABASE_URL"]
var iterator = arguments.makeIterator()
while let flag = iterator.next() {
    switch flag {
    case "--scenario": names.append(iterator.next() ?? "")
    case "--json": json = true
    case "--database-url": databaseURL = iterator.next()
    default: usage("unknown option \(flag)")
    }
}
let available = ChaosRunner.specScenarios
let unknown = names.filter { name in !available.contains { $0.name == name } }
guard unknown.isEmpty else {
    usage("unknown scenario \(unknown[0]); known: \(available.map(\.name).joined(separator: ", "))")
}
let chosen = names.isEmpty ? available : available.filter { names.contains($0.name) }
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
