/// The request line: method token, request target and HTTP version.
extension HTTPRequestParser {
    mutating func parseRequestLine(_ range: Range<Int>) -> HTTPParseError? {
        buffer.withUnsafeBufferPointer { all -> HTTPParseError? in
            let line = UnsafeBufferPointer(rebasing: all[range])
            guard let firstSpace = line.firstIndex(of: 0x20) else {
                return .badRequest("malformed request line")
            }
            let methodBytes = UnsafeBufferPointer(rebasing: line[..<firstSpace])
            guard HTTPSyntax.isToken(methodBytes) else { return .badRequest("invalid method token") }
            let rest = UnsafeBufferPointer(rebasing: line[(firstSpace + 1)...])
            guard let secondSpace = rest.firstIndex(of: 0x20) else {
                return .badRequest("request line without an HTTP version")
            }
            let targetBytes = UnsafeBufferPointer(rebasing: rest[..<secondSpace])
            guard !targetBytes.isEmpty else { return .badRequest("empty request target") }
            for byte in targetBytes where !HTTPSyntax.targetTable[Int(byte)] {
                return .badRequest("invalid byte in request target")
            }
            let versionBytes = UnsafeBufferPointer(rebasing: rest[(secondSpace + 1)...])
            let version: HTTPVersion
            switch parseVersion(versionBytes) {
            case .failure(let error): return error
            case .success(let parsed): version = parsed
            }
            let method = String(decoding: methodBytes, as: UTF8.self)
            let target = String(decoding: targetBytes, as: UTF8.self)
            if let error = Self.validateTarget(target, method: method) { return error }
            head = HTTPRequestHead(method: method, target: target, version: version, keepAlive: true)
            return nil
        }
    }

    func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<HTTPVersion, HTTPParseError> {
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard bytes.count == 8, bytes.starts(with: "HTTP/".utf8), isDigit(bytes[5]), bytes[6] == UInt8(ascii: "."),
            isDigit(bytes[7])
        else { return .failure(.badRequest("malformed HTTP version")) }
        let version = HTTPVersion(major: Int(bytes[5] - 48), minor: Int(bytes[7] - 48))
        guard version == .http1_1 || version == .http1_0 else {
            return .failure(HTTPParseError(status: 505, reason: "only HTTP/1.1 and HTTP/1.0 are supported"))
        }
        return .success(version)
    }

    static func validateTarget(_ target: String, method: String) -> HTTPParseError? {
        if method == "CONNECT" { return HTTPParseError(status: 501, reason: "CONNECT is not supported") }
        if target.utf8.contains(UInt8(ascii: "#")) { return .badRequest("fragment in request target") }
        if target.utf8.first == UInt8(ascii: "/") { return nil }
        if target == "*" { return method == "OPTIONS" ? nil : .badRequest("asterisk target outside OPTIONS") }
        let lowered = HTTPSyntax.lowercased(target)
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return nil }
        return .badRequest("request target is not in origin or absolute form")
    }
}
