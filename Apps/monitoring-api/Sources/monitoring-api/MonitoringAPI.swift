import AIModelCache
import CommandLineArguments
import Foundation
import HTTPServe
import Monitoring
import QueueCore

/// `monitoring-api`: the deployable monitoring server of Max Booster Safeguards.
///
/// Start-up order: parse arguments, load and validate the configuration, install the signal
/// handlers, bind the port (its first log line names it), then start the queue monitor. SIGTERM or
/// SIGINT drains the HTTP server (up to ``drainDeadline``), stops the monitor and exits 0.
@main
enum MonitoringAPI {
    /// How long requests in flight may take to finish after SIGTERM.
    static let drainDeadline: Duration = .seconds(10)

    static func main() async {
        let code = await run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
        exit(code)
    }

    /// Runs the server until a shutdown signal; returns the exit status.
    ///
    /// The one place the server's configuration is built: `arguments` and `environment` (the process's, or a
    /// test's dictionary) go to `MonitoringConfiguration.load` (flag > variable > `MONITORING_CONFIG` file >
    /// `ALERT_PROFILE` > default); everything started below receives plain values from its result.
    static func run(_ arguments: [String], environment: [String: String]) async -> Int32 {
        let options: CommandLineOptions
        do {
            options = try CommandLineOptions(arguments)
        } catch {
            FileHandle.standardError.write(Data("monitoring-api: \(error) (see monitoring-api --help)\n".utf8))
            return UsageError.exitStatus
        }
        if options.help {
            print(HelpText.text)
            return 0
        }
        if options.version {
            print("monitoring-api \(MonitoringAPIVersion.string)")
            return 0
        }
        let configuration: MonitoringConfiguration
        do {
            configuration = try MonitoringConfiguration.load(flags: options.settings, environment: environment)
            if options.mode != .noWorkers, let url = configuration.workers.publishWebhookURL {
                try WebhookPublisher.Configuration(url: url).validate()
            }
        } catch {
            // A bad setting (flag, variable or file) is bad input like a bad flag: exit 3 (docs/cli.md).
            StructuredLogger().fail("configuration.invalid", "\(error)")
            return UsageError.exitStatus
        }
        let logger = StructuredLogger(minimumLevel: configuration.logLevel)
        do {
            let signals = StopSignals()
            let stop: @Sendable (Duration) async -> Void
            if options.mode == .workersOnly {
                let workers = try await WorkersOnlyRuntime.start(
                    configuration: configuration, logger: logger, metricsPort: options.metricsPort)
                stop = { await workers.stop(drainDeadline: $0) }
            } else {
                let app = try await AppRuntime.start(
                    configuration: configuration, logger: logger, withWorkers: options.mode == .withWorkers)
                stop = { await app.stop(drainDeadline: $0) }
            }
            let signal = await signals.first()
            logger.log(.info, "server.stopping", [("signal", .string(signal))])
            await stop(drainDeadline)
            logger.log(.info, "server.stopped")
            logger.flush()
            return 0
        } catch {
            logger.fail("startup.failed", "\(error)")
            return 1
        }
    }
}

extension StructuredLogger {
    /// Logs a fatal error line and waits until it is written.
    func fail(_ event: String, _ message: String) {
        log(.error, event, [("message", .string(message))])
        flush()
    }
}
