/// An incremental, strict HTTP/1.1 request parser (RFC 9112) as a plain value type.
///
/// Feed bytes with `append(_:)` as they arrive and call `next()` until it answers `.needMoreData`.
/// The result is the same however the bytes are split. It does no I/O and keeps no clock, so it is
/// tested in memory and fuzzed; the connection owner applies the deadlines.
///
/// Strictness: ambiguous framing is refused, never guessed (both `Content-Length` and
/// `Transfer-Encoding`, duplicate or malformed `Content-Length`, obs-fold, bare CR or LF, whitespace
/// before a colon, NUL). After a failure the parser stays failed: the connection must be answered with
/// the error's status and closed, because where the next request starts is unknown.
public struct HTTPRequestParser: Sendable {
    /// What `next()` produced.
    public enum Step: Sendable, Equatable {
        /// The buffered bytes hold no complete request yet; append more.
        case needMoreData
        /// The head asked for `Expect: 100-continue` and its body has not arrived: answer
        /// `100 Continue` (or a final status) now. Emitted at most once per request.
        case expectContinue(HTTPRequestHead)
        /// A complete request; call `next()` again for a pipelined one.
        case request(ParsedRequest)
        /// The input is malformed or over a limit; answer `error.status` and close.
        case failure(HTTPParseError)
    }

    /// Where the parser is within the current request; the connection picks its deadline from it.
    public enum Phase: Sendable, Equatable {
        /// Between requests, nothing buffered.
        case idle
        /// Part of a request line or header section has arrived.
        case head
        /// The head is complete and the body is being read.
        case body
        /// A failure was returned; the parser accepts no more input.
        case failed
    }

    private enum State: Sendable {
        case requestLine(emptyLines: Int)
        case headerLines
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case failed(HTTPParseError)
    }

    private enum LineResult {
        case line(Range<Int>)
        case needMore
        case failure(HTTPParseError)
    }

    /// The limits this parser enforces.
    public let limits: Limits

    private var buffer: [UInt8] = []
    /// The first byte not yet consumed.
    private var readIndex = 0
    /// Where the search for the next line feed resumes, so byte-by-byte input stays linear.
    private var scanIndex = 0
    private var state: State = .requestLine(emptyLines: 0)
    private var head = HTTPRequestHead(method: "", target: "")
    private var body: [UInt8] = []
    private var headerBytes = 0
    private var headerCount = 0
    private var continueAnnounced = false

    /// Creates a parser enforcing `limits`.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// The current phase.
    public var phase: Phase {
        switch state {
        case .failed: return .failed
        case .requestLine: return readIndex == buffer.count ? .idle : .head
        case .headerLines: return .head
        default: return .body
        }
    }

    /// Bytes received and not yet consumed by a returned request (used for read back-pressure).
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Appends received bytes (ignored once failed). Complexity: amortised O(n) in the bytes appended.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if case .failed = state { return }
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Appends received bytes from any byte collection (ignored once failed).
    public mutating func append(contentsOf bytes: some Collection<UInt8>) {
        if case .failed = state { return }
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Parses as far as the buffered bytes allow and returns the next result.
    public mutating func next() -> Step {
        while true {
            switch state {
            case .failed(let error):
                return .failure(error)

            case .requestLine(let emptyLines):
                let tooLong = HTTPParseError(status: 414, reason: "request line longer than the limit")
                switch nextLine(limit: limits.maxRequestLineBytes, overLimit: tooLong) {
                case .needMore: return .needMoreData
                case .failure(let error): return fail(error)
                case .line(let range):
                    if range.isEmpty {
                        // RFC 9112 2.2: ignore a few empty lines before a request line, not an endless stream.
                        guard emptyLines < 4 else { return fail(.badRequest("empty lines before the request line")) }
                        state = .requestLine(emptyLines: emptyLines + 1)
                        continue
                    }
                    if let error = parseRequestLine(range) { return fail(error) }
                    state = .headerLines
                }

            case .headerLines:
                let tooLarge = HTTPParseError(status: 431, reason: "header section larger than the limit")
                switch nextLine(limit: max(limits.maxHeaderBytes - headerBytes - 2, 0), overLimit: tooLarge) {
                case .needMore: return .needMoreData
                case .failure(let error): return fail(error)
                case .line(let range):
                    if range.isEmpty {
                        if let step = finishHead() { return step }
                        continue
                    }
                    if let error = countField(range) { return fail(error) }
                    switch parseField(range) {
                    case .failure(let error): return fail(error)
                    case .success(let field): head.headers.add(name: field.name, value: field.value)
                    }
                }

            case .fixedBody(let remaining):
                let available = buffer.count - readIndex
                guard available >= remaining else { return awaitBody() }
                body.append(contentsOf: buffer[readIndex..<(readIndex + remaining)])
                readIndex += remaining
                scanIndex = readIndex
                return complete()

            case .chunkSize:
                let tooLong = HTTPParseError.badRequest("chunk size line too long")
                switch nextLine(limit: 1024, overLimit: tooLong) {
                case .needMore: return awaitBody()
                case .failure(let error): return fail(error)
                case .line(let range):
                    switch parseChunkSize(range) {
                    case .failure(let error): return fail(error)
                    case .success(0): state = .trailers
                    case .success(let size):
                        guard size <= UInt64(limits.maxBodyBytes - body.count) else {
                            return fail(HTTPParseError(status: 413, reason: "body larger than the limit"))
                        }
                        state = .chunkData(remaining: Int(size))
                    }
                }

            case .chunkData(let remaining):
                let take = min(remaining, buffer.count - readIndex)
                body.append(contentsOf: buffer[readIndex..<(readIndex + take)])
                readIndex += take
                scanIndex = readIndex
                if take == remaining {
                    state = .chunkDataEnd
                } else {
                    state = .chunkData(remaining: remaining - take)
                    return awaitBody()
                }

            case .chunkDataEnd:
                guard buffer.count - readIndex >= 2 else {
                    if buffer.count > readIndex, buffer[readIndex] != 0x0D {
                        return fail(.badRequest("chunk data not followed by CRLF"))
                    }
                    return awaitBody()
                }
                guard buffer[readIndex] == 0x0D, buffer[readIndex + 1] == 0x0A else {
                    return fail(.badRequest("chunk data not followed by CRLF"))
                }
                readIndex += 2
                scanIndex = readIndex
                state = .chunkSize

            case .trailers:
                let tooLarge = HTTPParseError(status: 431, reason: "trailer section larger than the limit")
                switch nextLine(limit: max(limits.maxHeaderBytes - headerBytes - 2, 0), overLimit: tooLarge) {
                case .needMore: return awaitBody()
                case .failure(let error): return fail(error)
                case .line(let range):
                    if range.isEmpty { return complete() }
                    if let error = countField(range) { return fail(error) }
                    // Trailers are validated like headers, then dropped: nothing downstream reads them.
                    if case .failure(let error) = parseField(range) { return fail(error) }
                }
            }
        }
    }

    // MARK: - Lines

    /// Finds the next CRLF-terminated line of at most `limit` bytes and consumes it.
    private mutating func nextLine(limit: Int, overLimit: HTTPParseError) -> LineResult {
        let start = readIndex
        let searchEnd = min(buffer.count, start + limit + 2)
        let from = scanIndex
        let lineFeed = buffer.withUnsafeBufferPointer { bytes -> Int? in
            var index = from
            while index < searchEnd {
                if bytes[index] == 0x0A { return index }
                index += 1
            }
            return nil
        }
        guard let lineFeed else {
            if buffer.count - start >= limit + 2 { return .failure(overLimit) }
            scanIndex = buffer.count
            return .needMore
        }
        guard lineFeed > start, buffer[lineFeed - 1] == 0x0D else {
            return .failure(.badRequest("line ends in a bare LF"))
        }
        if lineFeed - 1 - start > limit { return .failure(overLimit) }
        readIndex = lineFeed + 1
        scanIndex = readIndex
        return .line(start..<(lineFeed - 1))
    }

    private mutating func countField(_ range: Range<Int>) -> HTTPParseError? {
        headerCount += 1
        headerBytes += range.count + 2
        guard headerCount <= limits.maxHeaderCount else {
            return HTTPParseError(status: 431, reason: "more header fields than the limit")
        }
        return nil
    }

    // MARK: - Request line

    private mutating func parseRequestLine(_ range: Range<Int>) -> HTTPParseError? {
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

    private func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<HTTPVersion, HTTPParseError> {
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

    private static func validateTarget(_ target: String, method: String) -> HTTPParseError? {
        if method == "CONNECT" { return HTTPParseError(status: 501, reason: "CONNECT is not supported") }
        if target.utf8.contains(UInt8(ascii: "#")) { return .badRequest("fragment in request target") }
        if target.utf8.first == UInt8(ascii: "/") { return nil }
        if target == "*" { return method == "OPTIONS" ? nil : .badRequest("asterisk target outside OPTIONS") }
        let lowered = HTTPSyntax.lowercased(target)
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return nil }
        return .badRequest("request target is not in origin or absolute form")
    }

    // MARK: - Fields

    private func parseField(_ range: Range<Int>) -> Result<(name: String, value: String), HTTPParseError> {
        buffer.withUnsafeBufferPointer { all in
            let line = UnsafeBufferPointer(rebasing: all[range])
            if line[0] == 0x20 || line[0] == 0x09 {
                return .failure(.badRequest("obsolete line folding or whitespace before a field name"))
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                return .failure(.badRequest("header field without a colon"))
            }
            let nameBytes = UnsafeBufferPointer(rebasing: line[..<colon])
            guard HTTPSyntax.isToken(nameBytes) else {
                return .failure(.badRequest("invalid header field name"))
            }
            var lower = colon + 1
            var upper = line.count
            while lower < upper, line[lower] == 0x20 || line[lower] == 0x09 { lower += 1 }
            while upper > lower, line[upper - 1] == 0x20 || line[upper - 1] == 0x09 { upper -= 1 }
            let valueBytes = UnsafeBufferPointer(rebasing: line[lower..<upper])
            for byte in valueBytes where !HTTPSyntax.fieldValueTable[Int(byte)] {
                return .failure(.badRequest("invalid byte in header field value"))
            }
            return .success(
                (name: String(decoding: nameBytes, as: UTF8.self), value: String(decoding: valueBytes, as: UTF8.self))
            )
        }
    }

    // MARK: - Head semantics and framing

    /// Applies the rules that need the whole head; returns a step when the request ends here.
    private mutating func finishHead() -> Step? {
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
    private static func parseContentLength(_ value: String) -> Int? {
        let digits = value.utf8
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var result = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            result = result * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return result
    }

    /// `chunk-size [ ";" chunk-ext ]`: hex digits, then nothing or extensions without control bytes.
    private func parseChunkSize(_ range: Range<Int>) -> Result<UInt64, HTTPParseError> {
        buffer.withUnsafeBufferPointer { all in
            let line = UnsafeBufferPointer(rebasing: all[range])
            var size: UInt64 = 0
            var digits = 0
            var index = 0
            while index < line.count, let value = HTTPSyntax.hexValue(line[index]) {
                digits += 1
                guard digits <= 15 else { return .failure(.badRequest("chunk size too large")) }
                size = size << 4 | value
                index += 1
            }
            guard digits > 0 else { return .failure(.badRequest("invalid chunk size")) }
            if index < line.count {
                guard line[index] == UInt8(ascii: ";") else { return .failure(.badRequest("invalid chunk size")) }
                for byte in line[index...] where !HTTPSyntax.fieldValueTable[Int(byte)] {
                    return .failure(.badRequest("invalid chunk extension"))
                }
            }
            return .success(size)
        }
    }

    // MARK: - Transitions

    private mutating func awaitBody() -> Step {
        if head.expectsContinue, !continueAnnounced {
            continueAnnounced = true
            return .expectContinue(head)
        }
        return .needMoreData
    }

    private mutating func complete() -> Step {
        let request = ParsedRequest(head: head, body: body)
        state = .requestLine(emptyLines: 0)
        head = HTTPRequestHead(method: "", target: "")
        body = []
        headerBytes = 0
        headerCount = 0
        continueAnnounced = false
        return .request(request)
    }

    private mutating func fail(_ error: HTTPParseError) -> Step {
        state = .failed(error)
        buffer = []
        readIndex = 0
        scanIndex = 0
        return .failure(error)
    }

    /// Drops consumed bytes before appending, cheaply: only when all or most of the buffer is consumed.
    private mutating func compact() {
        guard readIndex > 0 else { return }
        if readIndex == buffer.count {
            // Keep a small buffer for the next request, but do not let one large body pin its memory
            // for the rest of a keep-alive connection.
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
        } else if readIndex >= 4096, readIndex * 2 >= buffer.count {
            buffer.removeSubrange(0..<readIndex)
        } else {
            return
        }
        scanIndex -= readIndex
        readIndex = 0
    }
}
