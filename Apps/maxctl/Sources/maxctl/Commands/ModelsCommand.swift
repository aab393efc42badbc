import Autopilot
import CommandLineArguments
import Foundation
import PostgresClient

/// `maxctl models seed --users n [--size-kb k]`: fits a social and an advertising model per user
/// (`user-1`…`user-n`) from generated history and stores them in `ai_models` (`ModelStore.seed`).
struct ModelsCommand {
    static let help = """
        USAGE: maxctl models seed --users N [--size-kb K] [--database URL] [--json]

        Fits one social model (about K KB of weights, default 64) and one advertising model per user
        user-1…user-N from generated engagement history and stores them in PostgreSQL (ai_models,
        created if missing). Re-seeding bumps the stored versions. Prints each user's best hour.

        OPTIONS:
          --users N           how many users (1…100000)
          --size-kb K         social model size in KB (1…65536, default 64)
          --database URL      PostgreSQL (env DATABASE_URL, default postgres://127.0.0.1:5432/maxbooster)
          --json              print one JSON document
          --help              show this help

        EXIT STATUS: 0 seeded, 3 database unreachable or bad arguments.
        """

    /// What `--json` prints.
    struct Seeded: Encodable {
        let users: Int
        let socialModelBytes: Int
        let bestHours: [String: String]
    }

    let users: Int
    let sizeKB: Int
    let database: DatabaseSession

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let parsed = try ParsedArguments(
            arguments, valueOptions: ["users", "size-kb", "database"], flagOptions: ["json"])
        guard parsed.positionals == ["seed"] else { throw UsageError("models takes one subcommand: seed") }
        guard let users = Int(parsed.value("users") ?? ""), (1...100_000).contains(users) else {
            throw UsageError("models seed needs --users N, 1…100000")
        }
        guard let sizeKB = Int(parsed.value("size-kb") ?? "64"), (1...65_536).contains(sizeKB) else {
            throw UsageError("--size-kb must be 1…65536")
        }
        self.users = users
        self.sizeKB = sizeKB
        database = DatabaseSession(parsed, environment: environment)
    }

    func run() async -> ExitCode {
        await database.run("models seed") { database in
            let store = ModelStore(database: database)
            try await store.migrate()
            let report = try await store.seed(users: users, sizeKB: sizeKB)
            let seeded = Seeded(
                users: report.userIDs.count, socialModelBytes: report.socialModelBytes,
                bestHours: report.bestHours.mapValues(\.description))
            if self.database.json {
                Output.printJSON(seeded)
            } else {
                print("seeded \(seeded.users) users, \(seeded.socialModelBytes) bytes per social model")
                var table = Table("USER", "BEST HOUR (UTC)")
                for user in report.userIDs { table.add(user, seeded.bestHours[user] ?? "-") }
                print(table.text)
            }
        }
    }
}
