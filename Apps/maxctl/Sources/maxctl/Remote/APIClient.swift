import Foundation
import HTTPServe
import Monitoring

/// monitoring-api over HTTP, for `maxctl health` and `maxctl ai`: GET with the bearer token, every
/// wait bounded by `--timeout`.
struct APIClient {
    /// Why an answer could not be had; maxctl prints it and exits 3 (unknown).
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let options: CommonOptions

    /// GETs `path` and decodes the body as `T`; statuses in `accepted` count as answers.
    ///
    /// - Throws: ``Failure`` naming the URL when the API is unreachable, times out, refuses the token,
    ///   answers another status or a body that is not `T`.
    func get<T: Decodable>(_ path: String, as type: T.Type, accepted: Set<Int> = [200]) async throws(Failure)
        -> (status: Int, body: T)
    {
        let url = options.api + path
        let response: HTTPClient.Response
        do {
            let client = try HTTPClient(
                configuration: .init(connectTimeout: options.timeout, requestTimeout: options.timeout, keepAlive: false)
            )
            defer { client.shutdown() }
            var headers = HTTPHeaders()
            if let token = options.token { headers.add(name: "Authorization", value: "Bearer \(token)") }
            response = try await client.get(url, headers: headers)
        } catch {
            throw Failure(
                description:
                    "cannot reach monitoring-api at \(url): \(error) (start it with `make run`, or set --api / MAXCTL_API)"
            )
        }
        if response.status == 401 {
            throw Failure(
                description:
                    "monitoring-api at \(url) refused the token: pass --token or set MAXCTL_TOKEN to its API_TOKEN")
        }
        guard accepted.contains(response.status) else {
            throw Failure(
                description:
                    "monitoring-api at \(url) answered HTTP \(response.status): \(Self.errorMessage(response.body))")
        }
        do {
            return (response.status, try response.decodeJSON(T.self))
        } catch {
            throw Failure(
                description:
                    "monitoring-api at \(url) answered JSON maxctl cannot read (\(T.self)): is it the same version?")
        }
    }

    /// The `message` of a JSON error body, or a short note.
    private static func errorMessage(_ body: [UInt8]) -> String {
        struct ErrorBody: Decodable {
            struct Detail: Decodable { let message: String }
            let error: Detail
        }
        return (try? JSONDecoder().decode(ErrorBody.self, from: Data(body)).error.message) ?? "no error message"
    }
}
