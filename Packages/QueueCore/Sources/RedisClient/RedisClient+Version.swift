internal import CHiredis

extension RedisClient {
    /// This client library's version (SemVer), matching the package's `VERSION` file.
    public static let version = "0.1.0"

    /// The hiredis version compiled against, e.g. `0.14.1` (its RESP reader parses replies).
    public static let hiredisVersion = "\(HIREDIS_MAJOR).\(HIREDIS_MINOR).\(HIREDIS_PATCH)"
}
