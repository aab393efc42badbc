import Foundation
import HTTPServe
import Monitoring

/// monitoring-api over HTTP, for `maxctl health`, `ai`, `posts` and `baseline`: any method with the bearer token,
/// every wait bounded by `--timeout`.
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
        let response = try await request("GET", path, accepted: accepted.contains)
        return (response.status, try decode(response, as: T.self, path: path, decoder: JSONDecoder()))
    }

    /// GETs `path` and answers its status, whatever it is (503 included), without reading the body: a
    /// round trip for latency sampling (`maxctl baseline capture`).
    ///
    /// - Throws: ``Failure`` naming the URL when the API is unreachable, times out or refuses the token.
    func status(_ path: String) async throws(Failure) -> Int {
        try await request("GET", path) { _ in true }.status
    }

    /// Sends `method path` with a JSON `body` and decodes a 2xx answer as `T`, dates as ISO 8601 (the posts API).
    ///
    /// - Throws: ``Failure`` naming the URL when the API is unreachable, refuses the token, answers an error
    ///   (its message, e.g. the field a 400 names) or a body that is not `T`.
    func send<T: Decodable>(_ method: String, _ path: String, body: [UInt8] = [], as type: T.Type)
        async throws(Failure) -> T
    {
        let response = try await request(method, path, body: body) { (200..<300).contains($0) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decode(response, as: T.self, path: path, decoder: decoder)
    }

    /// One request; a status `accepted` refuses (and 401 always) becomes a ``Failure`` with the API's message.
    private func request(
        _ method: String, _ path: String, body: [UInt8] = [], accepted: (Int) -> Bool
    ) async throws(Failure) -> HTTPClient.Response {
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
        guard accepted(response.status) else {
            throw Failure(
                description:
                    "monitoring-api at \(url) answered HTTP \(response.status): \(Self.errorMessage(response.body))")
        }
        return response
    }

    private func decode<T: Decodable>(
        _ response: HTTPClient.Response, as type: T.Type, path: String, decoder: JSONDecoder
    ) throws(Failure) -> T {
        do {
            return try response.decodeJSON(T.self, decoder: decoder)
        } catch {
            throw Failure(
                description:
                    "monitoring-api at \(options.api + path) answered JSON maxctl cannot read (\(T.self)): is it the same version?"
            )
        }
    }

    /// The `message` of a JSON error body (`{"error":{"code","message"}}`), or a short note.
    private static func errorMessage(_ body: [UInt8]) -> String {
        struct ErrorBody: Decodable {
            struct Detail: Decodable { let message: String }
            let error: Detail
        }
        return (try? JSONDecoder().decode(ErrorBody.self, from: Data(body)).error.message) ?? "no error message"
    }
}
