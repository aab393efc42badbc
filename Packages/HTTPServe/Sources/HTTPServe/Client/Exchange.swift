/// One request-response exchange of `HTTPClient`, run on its worker thread.
struct Exchange {
    let configuration: HTTPClient.Configuration
    let idle: IdleConnections

    private static let idempotent: Set<String> = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]

    func perform(method: String, url: ClientURL, headers: HTTPHeaders, body: [UInt8]) throws -> HTTPClient.Response {
        let key = "\(url.host):\(url.port)"
        if let reused = idle.take(key) {
            do {
                return try exchange(on: reused, method: method, url: url, headers: headers, body: body)
            } catch let error as HTTPServeError where error.code == .connectionClosed && !reused.receivedAny {
                // The server closed the idle connection while we were not looking; safe to retry once
                // for idempotent methods on a fresh connection.
                guard Self.idempotent.contains(method) else { throw error }
            }
        }
        let connection = try ClientConnection.connect(
            host: url.host, port: url.port, deadline: .now + configuration.connectTimeout)
        return try exchange(on: connection, method: method, url: url, headers: headers, body: body)
    }

    private func exchange(
        on connection: ClientConnection, method: String, url: ClientURL, headers: HTTPHeaders, body: [UInt8]
    ) throws -> HTTPClient.Response {
        let deadline = ContinuousClock.now + configuration.requestTimeout
        connection.beginExchange()
        var head = "\(method) \(url.target) HTTP/1.1\r\nHost: \(url.host):\(url.port)\r\n"
        for field in headers {
            let lowered = HTTPSyntax.lowercased(field.name)
            if ["host", "content-length", "connection", "transfer-encoding"].contains(lowered) { continue }
            head += "\(field.name): \(field.value)\r\n"
        }
        if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        if !configuration.keepAlive { head += "Connection: close\r\n" }
        head += "\r\n"
        try connection.write(Array(head.utf8) + body, deadline: deadline)

        var (status, fields) = try readHead(connection, deadline: deadline)
        while (100...199).contains(status) {
            (status, fields) = try readHead(connection, deadline: deadline)
        }
        let responseHeaders = HTTPHeaders(fields)
        let limit = configuration.maxResponseBytes
        let responseBody: [UInt8]
        var reusable = configuration.keepAlive
        let connectionOptions = responseHeaders.values(for: "connection").flatMap(HTTPSyntax.listElements)
        if connectionOptions.contains("close") { reusable = false }
        if method == "HEAD" || status == 204 || status == 304 {
            responseBody = []
        } else if let codings = responseHeaders["transfer-encoding"] {
            guard HTTPSyntax.listElements(codings).last == "chunked" else {
                throw HTTPServeError(.malformedResponse, "\(connection.key) used an unsupported transfer coding")
            }
            responseBody = try readChunked(connection, limit: limit, deadline: deadline)
        } else if let lengthText = responseHeaders["content-length"] {
            guard let length = Int(lengthText), length >= 0 else {
                throw HTTPServeError(.malformedResponse, "\(connection.key) sent an invalid Content-Length")
            }
            guard length <= limit else {
                throw HTTPServeError(.malformedResponse, "the response from \(connection.key) exceeds \(limit) bytes")
            }
            responseBody = try connection.read(count: length, deadline: deadline)
        } else {
            responseBody = try connection.readToEnd(limit: limit, deadline: deadline)
            reusable = false
        }
        if reusable, !connection.hasBufferedInput { idle.put(connection) }
        return HTTPClient.Response(status: status, headers: responseHeaders, body: responseBody)
    }

    private func readHead(
        _ connection: ClientConnection, deadline: ContinuousClock.Instant
    ) throws -> (Int, [(name: String, value: String)]) {
        let statusLine = try connection.readLine(limit: 8192, deadline: deadline)
        let parts = statusLine.split(separator: 0x20, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].starts(with: "HTTP/1.".utf8), parts[1].count == 3,
            let status = Int(String(decoding: parts[1], as: UTF8.self))
        else {
            throw HTTPServeError(.malformedResponse, "\(connection.key) did not answer with an HTTP/1.x status line")
        }
        var fields: [(name: String, value: String)] = []
        var headerBytes = 0
        while true {
            let line = try connection.readLine(limit: 65536, deadline: deadline)
            if line.isEmpty { break }
            headerBytes += line.count
            guard headerBytes <= 65536, fields.count < 200, let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw HTTPServeError(.malformedResponse, "\(connection.key) sent malformed or oversized headers")
            }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingOWS()
            fields.append((name: name, value: value))
        }
        return (status, fields)
    }

    private func readChunked(
        _ connection: ClientConnection, limit: Int, deadline: ContinuousClock.Instant
    ) throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try connection.readLine(limit: 1024, deadline: deadline)
            let digits = line.prefix { HTTPSyntax.hexValue($0) != nil }
            guard !digits.isEmpty, digits.count <= 15 else {
                throw HTTPServeError(.malformedResponse, "\(connection.key) sent an invalid chunk size")
            }
            let size = digits.reduce(0) { $0 << 4 | Int(HTTPSyntax.hexValue($1)!) }
            if size == 0 {
                while try !connection.readLine(limit: 65536, deadline: deadline).isEmpty {}
                return body
            }
            guard body.count + size <= limit else {
                throw HTTPServeError(.malformedResponse, "the response from \(connection.key) exceeds \(limit) bytes")
            }
            body += try connection.read(count: size, deadline: deadline)
            guard try connection.readLine(limit: 0, deadline: deadline).isEmpty else {
                throw HTTPServeError(.malformedResponse, "\(connection.key) sent chunk data without CRLF")
            }
        }
    }
}
