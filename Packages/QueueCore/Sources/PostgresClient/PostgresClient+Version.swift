internal import CLibPQ

extension PostgresClient {
    /// The version of the libpq linked into this process, e.g. `15.18` (for `maxctl doctor`).
    public static var libpqVersion: String {
        let version = PQlibVersion()
        return "\(version / 10000).\(version % 10000)"
    }
}
