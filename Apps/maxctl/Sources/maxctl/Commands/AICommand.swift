import CommandLineArguments
import Monitoring

/// `maxctl ai`: the AI model cache telemetry from monitoring-api (the spec's `npm run monitor:ai`).
struct AICommand {
    static let help = """
        USAGE: maxctl ai [options]

        Asks monitoring-api for /api/monitoring/ai-models and prints both caches (size, bound, loads,
        evictions, hit rate, load times), memory, the most recent evictions and the alerts firing.

        OPTIONS:
        \(CommonOptions.help)

        EXIT STATUS: 0 healthy, 1 a warning alert, 2 a critical alert, 3 API unreachable or bad arguments.
        """

    let options: CommonOptions

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let parsed = try ParsedArguments(
            arguments, valueOptions: CommonOptions.valueOptions, flagOptions: CommonOptions.flagOptions)
        guard parsed.positionals.isEmpty else {
            throw UsageError("ai takes no operands (got '\(parsed.positionals[0])')")
        }
        options = try CommonOptions(parsed, environment: environment)
    }

    func run() async -> ExitCode {
        do {
            let report = try await APIClient(options: options).get("/api/monitoring/ai-models", as: AIModelsReport.self)
                .body
            options.json ? Output.printJSON(report) : Output.printAIModels(report)
            return ExitCode(rawValue: report.status.exitCode) ?? .unknown
        } catch {
            Output.printError(error.description)
            return .unknown
        }
    }
}
