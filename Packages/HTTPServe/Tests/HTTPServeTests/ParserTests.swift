import XCTest

@testable import HTTPServe

final class ParserTests: XCTestCase {
    /// Every input must parse the same at once, byte by byte and in random splits.
    private func assertSplitInvariant(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line)
        -> ParseOutcome
    {
        let whole = parse(bytes)
        XCTAssertEqual(
            parse(bytes, pieces: Array(repeating: 1, count: bytes.count)), whole, "byte by byte", file: file, line: line
        )
        for seed in 1...5 {
            let split = parse(bytes, pieces: randomPieces(count: bytes.count, seed: UInt64(seed)))
            XCTAssertEqual(split, whole, "random split with seed \(seed)", file: file, line: line)
        }
        return whole
    }

    func testSimpleGetParsesMethodTargetVersionAndHeaders() {
        let outcome = assertSplitInvariant(Array("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-Thing:  v \r\n\r\n".utf8))
        XCTAssertNil(outcome.failure)
        let head = outcome.requests.first?.head
        XCTAssertEqual(head?.method, "GET")
        XCTAssertEqual(head?.target, "/a?b=1")
        XCTAssertEqual(head?.version, .http1_1)
        XCTAssertEqual(head?.headers["x-thing"], "v")
        XCTAssertEqual(head?.keepAlive, true)
    }

    func testContentLengthBodyIsReturnedWhole() {
        let outcome = assertSplitInvariant(
            Array("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world".utf8))
        XCTAssertEqual(outcome.requests.map(\.body), [Array("hello world".utf8)])
    }

    func testChunkedBodyIsDechunkedAndTrailersAreDropped() {
        let text =
            "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"
        let outcome = assertSplitInvariant(Array(text.utf8))
        XCTAssertEqual(outcome.requests.map(\.body), [Array("hello world".utf8)])
        XCTAssertEqual(outcome.requests.first?.head.headers["x-trailer"], nil)
    }

    func testPipelinedRequestsComeOutInOrder() {
        var text = ""
        for index in 0..<20 { text += "GET /\(index) HTTP/1.1\r\nHost: x\r\n\r\n" }
        text += "POST /last HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
        let outcome = assertSplitInvariant(Array(text.utf8))
        XCTAssertEqual(outcome.requests.map(\.head.target), (0..<20).map { "/\($0)" } + ["/last"])
    }

    func testHTTP10DefaultsToCloseAndHonoursKeepAlive() {
        XCTAssertEqual(parse("GET / HTTP/1.0\r\n\r\n").requests.first?.head.keepAlive, false)
        XCTAssertEqual(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").requests.first?.head.keepAlive, true)
        XCTAssertEqual(
            parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").requests.first?.head.keepAlive, false)
    }

    func testExpectContinueIsAnnouncedOnceBeforeTheBody() {
        var parser = HTTPRequestParser()
        parser.append(
            contentsOf: Array("PUT /u HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        guard case .expectContinue(let head) = parser.next() else { return XCTFail("expected 100-continue") }
        XCTAssertTrue(head.expectsContinue)
        XCTAssertEqual(parser.next(), .needMoreData)
        parser.append(contentsOf: Array("abc".utf8))
        guard case .request(let request) = parser.next() else { return XCTFail("expected the request") }
        XCTAssertEqual(request.body, Array("abc".utf8))
    }

    func testPhaseFollowsTheRequestBeingRead() {
        var parser = HTTPRequestParser()
        XCTAssertEqual(parser.phase, .idle)
        parser.append(contentsOf: Array("GET / HT".utf8))
        XCTAssertEqual(parser.next(), .needMoreData)
        XCTAssertEqual(parser.phase, .head)
        parser.append(contentsOf: Array("TP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\na".utf8))
        XCTAssertEqual(parser.next(), .needMoreData)
        XCTAssertEqual(parser.phase, .body)
        parser.append(contentsOf: [UInt8(ascii: "b")])
        guard case .request = parser.next() else { return XCTFail("expected a request") }
        XCTAssertEqual(parser.phase, .idle)
    }

    func testFailureIsStickyAndDropsBufferedInput() {
        var parser = HTTPRequestParser()
        parser.append(contentsOf: Array("GET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\nGET / HTTP/1.1\r\n".utf8))
        XCTAssertEqual(parser.next(), .failure(.badRequest("invalid header field name")))
        XCTAssertEqual(parser.phase, .failed)
        parser.append(contentsOf: Array("Host: x\r\n\r\n".utf8))
        guard case .failure = parser.next() else { return XCTFail("a failed parser must stay failed") }
        XCTAssertEqual(parser.bufferedByteCount, 0)
    }

    func testLimitsAreExactBoundaries() {
        let limits = HTTPRequestParser.Limits(
            maxRequestLineBytes: 30, maxHeaderBytes: 40, maxHeaderCount: 2, maxBodyBytes: 4)
        let line30 = "GET /" + String(repeating: "a", count: 16) + " HTTP/1.1"  // 30 bytes
        XCTAssertNil(parse(line30 + "\r\nHost: x\r\n\r\n", limits: limits).failure)
        XCTAssertEqual(
            parse("GET /a" + String(repeating: "a", count: 16) + " HTTP/1.1\r\nHost: x\r\n\r\n", limits: limits)
                .failure, 414)
        XCTAssertEqual(parse("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\n\r\n", limits: limits).failure, 431)
        XCTAssertNil(parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcd", limits: limits).failure)
        XCTAssertEqual(
            parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcde", limits: limits).failure, 413)
    }

    func testOversizedInputFailsBeforeItIsAllBuffered() {
        // A request line that never ends must fail once it passes the limit, not buffer forever.
        var parser = HTTPRequestParser()
        parser.append(contentsOf: Array("GET /".utf8) + Array(repeating: UInt8(ascii: "a"), count: 9000))
        XCTAssertEqual(
            parser.next(), .failure(HTTPParseError(status: 414, reason: "request line longer than the limit")))
    }

    func testRandomGarbageNeverCrashesAndSplitsAgree() {
        var generator = SplitMix(state: 42)
        let alphabet = Array("GET POST / HTTP/1.1\r\n:Host: x Content-Length: 0123 Transfer-Encoding chunked;\t".utf8)
        for _ in 0..<300 {
            let count = Int.random(in: 0...200, using: &generator)
            let bytes = (0..<count).map { _ in
                Bool.random(using: &generator)
                    ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            _ = assertSplitInvariant(bytes)
        }
    }

    func testFuzzCorpusReplaysWithTheSameResultWhateverTheSplit() throws {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
        XCTAssertFalse(files.isEmpty, "the fuzz corpus in \(corpus.path) is empty")
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: corpus.appendingPathComponent(file)))
            let whole = parse(bytes)
            XCTAssertEqual(parse(bytes, pieces: randomPieces(count: bytes.count, seed: 7)), whole, file)
        }
    }
}
