import Foundation

/// URLs as logs and errors show them: scheme, host, port and (unless it holds the secret) path, never user, password
/// or query. The one redaction of every outgoing URL (the post publisher's webhook, the alert sinks).
public enum URLRedaction {
    /// `url` without credentials or query; with `keepPath: false` the path becomes `/…` (Slack's incoming webhook URLs
    /// carry their secret in the path). `<invalid URL>` when it does not parse.
    public static func redacted(_ url: String, keepPath: Bool = true) -> String {
        guard let components = URLComponents(string: url), let host = components.host else {
            return "<invalid URL>"
        }
        let port = components.port.map { ":\($0)" } ?? ""
        let path = keepPath ? components.path : (components.path.isEmpty ? "" : "/…")
        return "\(components.scheme ?? "http")://\(host)\(port)\(path)"
    }
}
