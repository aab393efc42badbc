/// Turns a `Response` into the bytes of an HTTP/1.1 response, adding the framing fields.
enum ResponseSerializer {
    /// How the response relates to its request.
    struct Context {
        /// The request was `HEAD`: send the head only, with the body's `Content-Length`.
        var isHead = false
        /// Close the connection after this response (`Connection: close`).
        var close = false
        /// An HTTP/1.0 client asked for keep-alive and gets it (`Connection: keep-alive`).
        var http10KeepAlive = false
        /// Echoed as `X-Request-Id` when set.
        var requestID: String?
    }

    private static let framingFields = ["content-length", "date", "connection", "transfer-encoding"]

    /// Serialises `response`. Framing fields a handler set are replaced; header values with CR or LF
    /// are dropped, so a handler echoing input cannot split the response.
    static func serialize(_ response: Response, context: Context) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(160 + response.body.count + response.headers.count * 40)
        bytes.append(contentsOf: "HTTP/1.1 \(response.status) \(HTTPStatus.reasonPhrase(response.status))\r\n".utf8)
        for field in response.headers {
            let lowered = HTTPSyntax.lowercased(field.name)
            if framingFields.contains(lowered) { continue }
            if lowered == "x-request-id", context.requestID != nil { continue }
            if field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) { continue }
            if !field.name.utf8.allSatisfy({ HTTPSyntax.tokenTable[Int($0)] }) { continue }
            append(field.name, field.value, to: &bytes)
        }
        if let requestID = context.requestID { append("X-Request-Id", requestID, to: &bytes) }
        bytes.append(contentsOf: "Date: ".utf8)
        bytes.append(contentsOf: HTTPDate.shared.current())
        bytes.append(contentsOf: "\r\n".utf8)
        let bodyAllowed = !(response.status < 200 || response.status == 204 || response.status == 304)
        if bodyAllowed { append("Content-Length", String(response.body.count), to: &bytes) }
        if context.close {
            bytes.append(contentsOf: "Connection: close\r\n".utf8)
        } else if context.http10KeepAlive {
            bytes.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        bytes.append(contentsOf: "\r\n".utf8)
        if bodyAllowed, !context.isHead { bytes.append(contentsOf: response.body) }
        return bytes
    }

    private static func append(_ name: String, _ value: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: ": ".utf8)
        bytes.append(contentsOf: value.utf8)
        bytes.append(contentsOf: "\r\n".utf8)
    }
}
