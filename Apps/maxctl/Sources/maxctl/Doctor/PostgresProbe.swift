import PostgresClient

/// Measures a PostgreSQL server for `maxctl doctor`: reachable, server version.
struct PostgresProbe {
    let url: String
    let timeout: Duration

    /// The `postgres` check.
    func check() async -> DoctorCheck {
        let address = RedisProbe.displayAddress(url)
        do {
            let configuration = PostgresConfiguration(
                url: url, poolSize: 1, connectTimeout: timeout, statementTimeout: timeout, acquireTimeout: timeout)
            let client = try PostgresClient(configuration: configuration)
            defer { client.close() }
            let rows = try await client.query("SHOW server_version", [])
            let version = try rows.first?.decode(String.self, at: 0) ?? "unknown"
            return DoctorCheck(
                name: "postgres", status: .ok, message: "PostgreSQL \(version) at \(address)",
                details: ["address": address, "version": version])
        } catch {
            return DoctorRules.unreachable(
                "postgres", address: address, error: "\(error)",
                hint: "start PostgreSQL (make services-up), or point --database / DATABASE_URL at a running server")
        }
    }
}
