import Foundation
import HTTPServe
import Monitoring
import PostgresClient

/// `GET /api/monitoring/baseline`: the newest baseline in the `baselines` table of the server's database
/// (`DATABASE_URL`), for the dashboard to draw; 404 with how to capture one when none is stored, 503 when the
/// database cannot be read.
struct BaselineRoute: Sendable {
    /// The store, nil when the database URL could not be used (its error in `problem`).
    let store: BaselineStore?
    /// Why there is no store.
    let problem: String?

    /// A route reading the database at `databaseURL` (one pooled connection, opened on the first request, each
    /// wait bounded by `timeout`).
    init(databaseURL: String, timeout: Duration) {
        do {
            let database = try PostgresClient(
                configuration: .init(
                    url: databaseURL, poolSize: 1, connectTimeout: timeout, statementTimeout: timeout))
            store = BaselineStore(database: database)
            problem = nil
        } catch {
            store = nil
            problem = "\(error)"
        }
    }

    /// The latest baseline as JSON, or the error response saying what to do.
    func response() async -> Response {
        let capture = "capture one with `maxctl baseline capture --database <the server's DATABASE_URL>`"
        guard let store else {
            return .error(
                status: 404, code: "no_baseline",
                message: "no database to read baselines from (\(problem ?? "")): \(capture)")
        }
        let document: BaselineDocument?
        do {
            document = try await store.latest()
        } catch {
            return .error(
                status: 503, code: "baseline_unavailable",
                message:
                    "cannot read baselines from PostgreSQL at \(store.database.address): \(error) (check DATABASE_URL)")
        }
        guard let document else {
            return .error(
                status: 404, code: "no_baseline",
                message: "no baseline stored in PostgreSQL at \(store.database.address): \(capture)")
        }
        do {
            return try Response.json(document, status: 200, encoder: MonitoringJSON.makeEncoder())
        } catch {
            return .error(status: 500, code: "encoding_failed", message: "cannot encode the baseline: \(error)")
        }
    }
}
