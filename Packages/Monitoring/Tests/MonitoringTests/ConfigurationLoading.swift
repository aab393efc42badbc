import Foundation

@testable import Monitoring

/// Loads a configuration from injected flags, environment and file text (never the process's), as the
/// configuration tests do: a `file` is read from `/etc/monitoring.json` unless a path is given.
func loadConfiguration(
    flags: [String: String] = [:], environment: [String: String] = [:], file: String? = nil
) throws -> MonitoringConfiguration {
    var environment = environment
    if file != nil && environment["MONITORING_CONFIG"] == nil && flags["config"] == nil {
        environment["MONITORING_CONFIG"] = "/etc/monitoring.json"
    }
    return try MonitoringConfiguration.load(flags: flags, environment: environment) { _ in Data((file ?? "").utf8) }
}
