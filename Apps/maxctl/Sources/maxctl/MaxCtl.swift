import Foundation

/// `maxctl`, the admin CLI of Max Booster Safeguards.
@main
enum MaxCtl {
    /// This tool's version (Apps/maxctl/VERSION).
    static let version = "0.1.0"

    /// The Swift language version the binary was built with.
    static var swiftVersion: String {
        #if compiler(>=6.3)
            "6.3+"
        #elseif compiler(>=6.2)
            "6.2"
        #else
            "6.0"
        #endif
    }

    static let help = """
        maxctl \(version) — the admin CLI of Max Booster Safeguards

        USAGE: maxctl <command> [options]

        COMMANDS:
          doctor      check the toolchain, Redis and PostgreSQL, with a fix hint for each problem
          version     print the version

        Run `maxctl <command> --help` for a command's options. Every command takes --json.
        """

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let code = await run(arguments, environment: ProcessInfo.processInfo.environment)
        exit(code.rawValue)
    }

    static func run(_ arguments: [String], environment: [String: String]) async -> ExitCode {
        guard let command = arguments.first, command != "--help", command != "-h", command != "help" else {
            print(help)
            return arguments.isEmpty ? .unknown : .ok
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "doctor":
                if rest.contains("--help") {
                    print(DoctorCommand.help)
                    return .ok
                }
                let doctor = try DoctorCommand(arguments: rest, environment: environment)
                let report = await doctor.run()
                doctor.json ? Output.printJSON(report) : Output.printDoctor(report)
                return report.exitCode
            case "version", "--version":
                print("maxctl \(version)")
                return .ok
            default:
                throw UsageError("unknown command '\(command)'")
            }
        } catch {
            Output.printError("\(error) (see `maxctl \(command == "doctor" ? "doctor " : "")--help`)")
            return .unknown
        }
    }
}
