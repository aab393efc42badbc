// chaos: the chaos suite's command line (`ChaosCommand` does the work; `maxctl chaos run` is the same).
//
//   chaos run [--scenario NAME]... [--all] [--soak DURATION] [--json] [--database-url URL]
import Chaos
import Foundation

#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.first == "run" else {
    FileHandle.standardError.write(Data("chaos: the only command is `run`\n\(ChaosCommand.usage)\n".utf8))
    exit(64)
}
exit(await ChaosCommand.run(Array(arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
