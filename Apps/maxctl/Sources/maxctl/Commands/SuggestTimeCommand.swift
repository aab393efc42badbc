import Autopilot
import CommandLineArguments
import Foundation
import PostgresClient

/// `maxctl posts suggest-time --user u`: the best hour of the week for the user's posts, from its social
/// model in Postgres (`SocialEngagementModel.bestHour()`); a user without a model gets the default.
struct SuggestTimeCommand {
    let userID: String
    let database: DatabaseSession

    init(_ parsed: ParsedArguments, environment: [String: String]) throws(UsageError) {
        guard let user = parsed.value("user"), !user.isEmpty else { throw UsageError("suggest-time needs --user") }
        userID = user
        database = DatabaseSession(parsed, environment: environment)
    }

    func run() async throws -> ExitCode {
        await database.run("suggest-time for \(userID)") { database in
            let model = try await ModelStore(database: database).socialModel(for: userID)
            let suggestion = TimeSuggestion(
                userID: userID, model: model ?? .untrained(userID: userID, dimension: 1), now: Date())
            if self.database.json {
                Output.printJSON(suggestion)
            } else {
                let note = model == nil ? " (no model stored: the default; seed with `maxctl models seed`)" : ""
                print(
                    "\(userID): best hour \(suggestion.label), next \(ISO8601DateFormatter().string(from: suggestion.next))\(note)"
                )
            }
        }
    }
}
