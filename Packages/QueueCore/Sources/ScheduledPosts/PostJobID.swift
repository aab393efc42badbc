/// The queue job of a post: id `post-<id>-v<n>` and the job's data.
///
/// Deriving the id from the post makes adding twice harmless (BullMQ keeps the existing job); the version
/// `n` lets a reschedule add a new job even while the old job's hash still exists. The form has no `:` and
/// is not an integer, so Node BullMQ accepts it too.
public enum PostJobID {
    /// The job name used on the queue.
    public static let jobName = "publish-post"

    /// `post-<postID>-v<version>`.
    public static func make(postID: Int, version: Int) -> String { "post-\(postID)-v\(version)" }

    /// The post id and version of a job id made by `make`, or nil for any other id.
    public static func parse(_ jobID: String) -> (postID: Int, version: Int)? {
        let parts = jobID.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "post", parts[2].first == "v",
            let postID = Int(parts[1]), let version = Int(parts[2].dropFirst()), postID > 0, version > 0
        else { return nil }
        return (postID, version)
    }
}

/// The data of a post's queue job (JSON `{"postId":…,"version":…}`); the row holds everything else.
public struct PostJobData: Sendable, Hashable, Codable {
    /// The post id.
    public var postId: Int
    /// The job version the job was added for.
    public var version: Int

    /// Creates job data.
    public init(postId: Int, version: Int) {
        self.postId = postId
        self.version = version
    }
}
