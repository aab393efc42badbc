/// An HTTP response a handler returns.
///
/// The server owns framing: `Content-Length`, `Date`, `Connection` and `Transfer-Encoding` set here
/// are replaced when the response is written. For `HEAD` the body is counted but not sent.
public struct Response: Sendable {
    /// The status code (200 by default).
    public var status: Int
    /// Header fields to send, besides the framing fields the server adds.
    public var headers: HTTPHeaders
    /// The body bytes.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int = 200, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: Int = 200) -> Response {
        Response(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// The JSON error body `{"error":{"code":…,"message":…}}` with `status`.
    public static func error(status: Int, code: String? = nil, message: String) -> Response {
        let code = code ?? HTTPStatus.errorCode(status)
        let body = "{\"error\":{\"code\":\(JSONText.quoted(code)),\"message\":\(JSONText.quoted(message))}}"
        return Response(
            status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: Array(body.utf8))
    }
}

/// Minimal JSON string quoting for error bodies, which must not depend on an encoder succeeding.
///
/// HTTPServe's own copy of QueueCore's `Essentials.JSONString`: HTTPServe depends on nothing by design
/// (docs/architecture.md, Shared helpers).
enum JSONText {
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
