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

    enum State: Sendable {
        case requestLine(emptyLines: Int)
        case headerLines
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case failed(HTTPParseError)
    }

    enum LineResult {
        case line(Range<Int>)
        case needMore
        case failure(HTTPParseError)
    }

    /// The limits this parser enforces.
    public let limits: Limits

    var buffer: [UInt8] = []
    /// The first byte not yet consumed.
    var readIndex = 0
    /// Where the search for the next line feed resumes, so byte-by-byte input stays linear.
    var scanIndex = 0
    var state: State = .requestLine(emptyLines: 0)
    var head = HTTPRequestHead(method: "", target: "")
    var body: [UInt8] = []
    var headerBytes = 0
    var headerCount = 0
    var continueAnnounced = false

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

    // MARK: - Transitions

    mutating func awaitBody() -> Step {
        if head.expectsContinue, !continueAnnounced {
            continueAnnounced = true
            return .expectContinue(head)
        }
        return .needMoreData
    }

    mutating func complete() -> Step {
        let request = ParsedRequest(head: head, body: body)
        state = .requestLine(emptyLines: 0)
        head = HTTPRequestHead(method: "", target: "")
        body = []
        headerBytes = 0
        headerCount = 0
        continueAnnounced = false
        return .request(request)
    }

    mutating func fail(_ error: HTTPParseError) -> Step {
        state = .failed(error)
        buffer = []
        readIndex = 0
        scanIndex = 0
        return .failure(error)
    }

    /// Drops consumed bytes before appending, cheaply: only when all or most of the buffer is consumed.
    mutating func compact() {
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
