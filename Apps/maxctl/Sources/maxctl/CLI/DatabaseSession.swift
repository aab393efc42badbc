import CommandLineArguments
import PostgresClient

/// `--database` (``MaxctlSettings``) and `--json` for the commands that read PostgreSQL directly
/// (`models seed`, `posts suggest-time`), and the one way they open and close the client.
struct DatabaseSession {
    /// The PostgreSQL URL.
    let url: String
    /// Print JSON.
    let json: Bool

    /// Reads `--database` (or `DATABASE_URL`, or the default) and `--json` from `parsed`.
    init(_ parsed: ParsedArguments, environment: [String: String]) {
        url = MaxctlSettings(parsed, environment: environment).string(.database)
        json = parsed.flag("json")
    }

    /// Runs `body` with a client that is closed afterwards. A failure is printed as
    /// `<what> failed: <error> (check --database / DATABASE_URL)` and exits 3.
    func run(_ what: String, _ body: (PostgresClient) async throws -> Void) async -> ExitCode {
        do {
            let database = try PostgresClient(configuration: .init(url: url))
            defer { database.close() }
            try await body(database)
            return .ok
        } catch {
            Output.printError("\(what) failed: \(error) (check --database / DATABASE_URL)")
            return .unknown
        }
    }
}
