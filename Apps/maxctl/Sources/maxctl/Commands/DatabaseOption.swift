import CommandLineArguments

/// `--database URL` of the commands that go straight to PostgreSQL, then `DATABASE_URL`, then the default.
enum DatabaseOption {
    /// The default database (scripts/services.sh writes the real one to `DATABASE_URL`).
    static let defaultURL = "postgres://127.0.0.1:5432/maxbooster"

    /// The URL to use.
    static func url(_ parsed: ParsedArguments, environment: [String: String]) -> String {
        if let value = parsed.value("database"), !value.isEmpty { return value }
        if let value = environment["DATABASE_URL"], !value.isEmpty { return value }
        return defaultURL
    }
}
