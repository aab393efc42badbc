import CommandLineArguments
import Essentials
import Foundation
import ScheduledPosts

/// `maxctl posts schedule|show|list|cancel` over monitoring-api's posts API, and `posts suggest-time`
/// straight from Postgres (``SuggestTimeCommand``).
enum PostsCommand {
    static let help = """
        USAGE: maxctl posts <subcommand> [options]

        SUBCOMMANDS (over monitoring-api's posts API; --api, --token):
          schedule --user U --platform P --content TEXT [--at ISO8601]   schedule a post (--at default: now)
          show <id>                                                     one post
          list [--status scheduled|queued|published|failed|cancelled]   posts, oldest first (up to 1000)
          cancel <id>                                                   cancel a post not yet published
          suggest-time --user U [--database URL]                        the user's best hour (from Postgres)

        OPTIONS:
        \(CommonOptions.help)
          --database URL      PostgreSQL for suggest-time (env DATABASE_URL,
                              default postgres://127.0.0.1:5432/maxbooster)

        EXIT STATUS: 0 done, 3 API or database unreachable, an error answer (its message names the field),
        or bad arguments.
        """

    /// Options of the subcommands beyond the common ones.
    static let valueOptions = CommonOptions.valueOptions.union([
        "user", "platform", "content", "at", "status", "database",
    ])

    /// Runs `arguments` (after `posts`).
    static func run(_ arguments: [String], environment: [String: String]) async throws -> ExitCode {
        let parsed = try ParsedArguments(arguments, valueOptions: valueOptions, flagOptions: CommonOptions.flagOptions)
        guard let subcommand = parsed.positionals.first else {
            throw UsageError("posts needs a subcommand: schedule, show, list, cancel or suggest-time")
        }
        let operands = Array(parsed.positionals.dropFirst())
        if subcommand == "suggest-time" {
            return try await SuggestTimeCommand(parsed, environment: environment).run()
        }
        let options = try CommonOptions(parsed, environment: environment)
        let api = APIClient(options: options)
        do {
            switch subcommand {
            case "schedule":
                guard operands.isEmpty else { throw UsageError("posts schedule takes options only") }
                let body = try scheduleBody(parsed)
                printPost(try await api.send("POST", "/api/posts", body: body, as: ScheduledPost.self), options)
            case "show":
                printPost(
                    try await api.send("GET", "/api/posts/\(try postID(operands))", as: ScheduledPost.self), options)
            case "cancel":
                printPost(
                    try await api.send("DELETE", "/api/posts/\(try postID(operands))", as: ScheduledPost.self), options)
            case "list":
                let query = parsed.value("status").map { "?status=\($0)" } ?? ""
                let list = try await api.send("GET", "/api/posts\(query)", as: [String: [ScheduledPost]].self)
                let posts = list["posts"] ?? []
                if options.json { Output.printJSON(["posts": posts]) } else { Swift.print(table(posts)) }
            default:
                throw UsageError(
                    "unknown posts subcommand '\(subcommand)': schedule, show, list, cancel or suggest-time")
            }
            return .ok
        } catch let failure as APIClient.Failure {
            Output.printError(failure.description)
            return .unknown
        }
    }

    /// The JSON body of `POST /api/posts` from the options.
    private static func scheduleBody(_ parsed: ParsedArguments) throws(UsageError) -> [UInt8] {
        var fields: [String: String] = [:]
        for (option, key) in [("user", "userId"), ("platform", "platform"), ("content", "content")] {
            guard let value = parsed.value(option) else {
                throw UsageError("posts schedule needs --\(option)")
            }
            fields[key] = value
        }
        fields["scheduledAt"] = parsed.value("at") ?? ISO8601DateFormatter().string(from: Date())
        return Array((try? JSONCoding.encoder().encode(fields)) ?? Data())
    }

    private static func postID(_ operands: [String]) throws(UsageError) -> Int {
        guard operands.count == 1, let id = Int(operands[0]), id > 0 else {
            throw UsageError("give one post id, a positive integer (see `maxctl posts list`)")
        }
        return id
    }

    private static func printPost(_ post: ScheduledPost, _ options: CommonOptions) {
        if options.json { Output.printJSON(post) } else { Swift.print(table([post])) }
    }

    /// One line per post.
    static func table(_ posts: [ScheduledPost]) -> String {
        var table = Table("ID", "USER", "PLATFORM", "SCHEDULED", "STATUS", "ATTEMPTS", "ENGAGEMENT", "ERROR")
        let format = ISO8601DateFormatter()
        for post in posts {
            table.add(
                String(post.id), post.userID, post.platform, format.string(from: post.scheduledAt),
                post.status.rawValue,
                String(post.attempts), post.predictedEngagement.map { String(format: "%.3f", $0) } ?? "-",
                post.lastError ?? "")
        }
        return table.text
    }
}
