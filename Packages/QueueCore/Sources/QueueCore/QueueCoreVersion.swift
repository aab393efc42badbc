/// The QueueCore package's version (SemVer), the same as its `VERSION` file; it versions every module of the
/// package (RedisClient, PostgresClient, QueueCore, …) together.
public enum QueueCoreVersion {
    /// The version string, e.g. `0.1.0`.
    public static let string = "0.1.0"
}
