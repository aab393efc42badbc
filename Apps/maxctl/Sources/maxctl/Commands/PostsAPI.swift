import Foundation
import HTTPServe
import ScheduledPosts

/// monitoring-api's posts API for `maxctl posts schedule|show|list|cancel`: any method with the bearer token,
/// every wait bounded by `--timeout`, answers decoded with ISO 8601 dates.
struct PostsAPI {
    let options: CommonOptions

    /// Sends `method path` with a JSON `body` and decodes a 2xx answer as `T`.
    ///
    /// - Throws: `APIClient.Failure` naming the URL when the API is unreachable, refuses the token, answers
    ///   an error (its message, e.g. the field a 400 names) or a body that is not `T`.
    func send<T: Decodable>(_ method: String, _ path: String, body: [UInt8] = [], as type: T.Type)
        async throws(APIClient.Failure) -> T
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
            if !body.isEmpty { headers.add(name: "Content-Type", value: "application/json") }
            response = try await client.send(method: method, url: url, headers: headers, body: body)
        } catch {
            throw APIClient.Failure(
                description: "cannot reach monitoring-api at \(url): \(error) (start it with `make run`, or set --api)")
        }
        guard (200..<300).contains(response.status) else {
            let message =
                response.status == 401
                ? "refused the token: pass --token or set MAXCTL_TOKEN to its API_TOKEN"
                : "answered HTTP \(response.status): \(Self.errorMessage(response.body))"
            throw APIClient.Failure(description: "monitoring-api at \(url) \(message)")
        }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(T.self, from: Data(response.body))
        } catch {
            throw APIClient.Failure(
                description:
                    "monitoring-api at \(url) answered JSON maxctl cannot read (\(T.self)): is it the same version?")
        }
    }

    /// The `message` of a JSON error body (`{"error":{"code","message"}}`), or a short note.
    private static func errorMessage(_ body: [UInt8]) -> String {
        let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        return (object?["error"] as? [String: Any])?["message"] as? String ?? "no error message"
    }
}
