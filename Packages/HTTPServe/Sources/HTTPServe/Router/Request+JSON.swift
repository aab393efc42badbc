import Foundation

extension Request {
    /// Decodes the body as JSON into `type`.
    ///
    /// Throws a 400 `HTTPServeError.response` (`invalid_json`) when the body does not decode; the
    /// message names the problem without echoing the body.
    public func decodeJSON<T: Decodable>(_ type: T.Type, decoder: JSONDecoder = JSONDecoder()) throws -> T {
        do {
            return try decoder.decode(type, from: Data(body))
        } catch {
            throw HTTPServeError.response(
                status: 400, code: "invalid_json", message: "the request body is not valid JSON for \(T.self)")
        }
    }
}

extension Response {
    /// A JSON response of `value`, encoded with `encoder` (sorted keys by default, for stable output).
    public static func json<T: Encodable>(
        _ value: T, status: Int = 200, encoder: JSONEncoder = Response.defaultEncoder()
    ) throws -> Response {
        Response(
            status: status, headers: ["Content-Type": "application/json; charset=utf-8"],
            body: Array(try encoder.encode(value)))
    }

    /// The encoder `json(_:)` uses when none is given: sorted keys, ISO 8601 dates. (HTTPServe's own copy of
    /// the shared `JSONCoding` set-up: it depends on nothing by design.)
    public static func defaultEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
