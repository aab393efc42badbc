/// The one error type of the ScheduledPosts module: invalid posts, unknown ids, refused transitions.
///
/// `field` names the offending input field for validation errors (the API answers 400 naming it). Messages
/// never include post content. Database and Redis failures arrive as `PostgresError` / `QueueError`.
public struct ScheduledPostsError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name, e.g. `invalidPost`.
        public var description: String { name }

        /// A field of a new post or a reschedule is invalid; `field` names it.
        public static let invalidPost = Code("invalidPost")
        /// No post has this id.
        public static let notFound = Code("notFound")
        /// The post's status does not allow the change (e.g. cancelling a published post).
        public static let invalidTransition = Code("invalidTransition")
        /// A configuration value is out of range.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// The publisher refused or failed to publish a post (the post's own failure: it counts as an attempt).
        public static let publishFailed = Code("publishFailed")
        /// The publisher could not be reached or is overloaded (no answer, 5xx, 408, 429): an infrastructure
        /// failure, which does not spend the post's attempts (see `InfrastructureFailure`).
        public static let publisherUnavailable = Code("publisherUnavailable")
    }

    /// The kind of failure.
    public let code: Code
    /// The input field at fault (`userId`, `platform`, `content`, `scheduledAt`), for `.invalidPost`.
    public let field: String?
    /// A human message that says what to do.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, field: String? = nil, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    /// `ScheduledPosts <code>[ (<field>)]: <message>`.
    public var description: String {
        "ScheduledPosts \(code)\(field.map { " (\($0))" } ?? ""): \(message)"
    }
}
