/// Head semantics and message framing: Host, Connection, Expect, Transfer-Encoding, Content-Length.
extension HTTPRequestParser {
    /// Applies the rules that need the whole head; returns a step when the request ends here.
    mutating func finishHead() -> Step? {
        let headers = head.headers
        let hosts = headers.values(for: "host")
        if head.version == .http1_1, hosts.isEmpty { return fail(.badRequest("missing Host header")) }
        if hosts.count > 1 { return fail(.badRequest("more than one Host header")) }
        if let host = hosts.first, host.utf8.contains(where: { " \t/\\@,".utf8.contains($0) }) {
            return fail(.badRequest("invalid Host header"))
        }

        var keepAlive = head.version == .http1_1
        var closeRequested = false
        for value in headers.values(for: "connection") {
            for option in HTTPSyntax.listElements(value) {
                if option == "close" { closeRequested = true }
                if option == "keep-alive" { keepAlive = true }
            }
        }
        head.keepAlive = keepAlive && !closeRequested

        // HTTP/1.0 clients do not know 100-continue; RFC 9110 10.1.1 says to ignore Expect from them.
        if head.version == .http1_1 {
            let expectations = headers.values(for: "expect")
            if !expectations.isEmpty {
                guard expectations.count == 1, HTTPSyntax.lowercased(expectations[0]) == "100-continue" else {
                    return fail(HTTPParseError(status: 417, reason: "only Expect: 100-continue is supported"))
                }
                head.expectsContinue = true
            }
        }

        let transferEncodings = headers.values(for: "transfer-encoding")
        let contentLengths = headers.values(for: "content-length")
        if !transferEncodings.isEmpty {
            if !contentLengths.isEmpty { return fail(.badRequest("both Content-Length and Transfer-Encoding")) }
            if head.version == .http1_0 { return fail(.badRequest("Transfer-Encoding in an HTTP/1.0 request")) }
            let codings = transferEncodings.flatMap(HTTPSyntax.listElements)
            for coding in codings {
                let valid = coding.utf8.withContiguousStorageIfAvailable { HTTPSyntax.isToken($0) } ?? false
                if !valid { return fail(.badRequest("malformed Transfer-Encoding")) }
            }
            guard codings.last == "chunked" else {
                if codings.contains("chunked") { return fail(.badRequest("chunked is not the final transfer coding")) }
                return fail(HTTPParseError(status: 501, reason: "unsupported transfer coding"))
            }
            if codings.count(where: { $0 == "chunked" }) > 1 { return fail(.badRequest("chunked applied twice")) }
            if codings.count > 1 { return fail(HTTPParseError(status: 501, reason: "unsupported transfer coding")) }
            state = .chunkSize
            return nil
        }
        if !contentLengths.isEmpty {
            guard contentLengths.count == 1 else { return fail(.badRequest("more than one Content-Length")) }
            guard let length = Self.parseContentLength(contentLengths[0]) else {
                return fail(.badRequest("invalid Content-Length"))
            }
            guard length <= limits.maxBodyBytes else {
                return fail(HTTPParseError(status: 413, reason: "body larger than the limit"))
            }
            if length > 0 {
                state = .fixedBody(remaining: length)
                return nil
            }
        }
        return complete()
    }

    /// Digits only: no sign, no inner spaces, no list, at most 18 digits so it cannot overflow.
    static func parseContentLength(_ value: String) -> Int? {
        let digits = value.utf8
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var result = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            result = result * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return result
    }
}
