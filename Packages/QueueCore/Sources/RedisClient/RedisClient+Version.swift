internal import CHiredis

extension RedisClient {
    /// The hiredis version compiled against, e.g. `0.14.1` (its RESP reader parses replies).
    public static let hiredisVersion = "\(HIREDIS_MAJOR).\(HIREDIS_MINOR).\(HIREDIS_PATCH)"
}
