import XCTest

@testable import HTTPServe

/// Hostile and edge-case requests with the status each must get. Sources of the cases, in our own
/// words: RFC 9112 (framing, obs-fold, bare CR), request smuggling vectors from llhttp's tests and the
/// http-garden bug list (CL/TE disagreements, malformed chunk sizes, whitespace tricks), and FlyingFox's
/// bug list (duplicate Content-Length, no header limits).
final class HostileInputTests: XCTestCase {
    enum Expected: Equatable {
        /// Parsed into this many requests without failure.
        case accepted(Int)
        /// Refused with this status.
        case refused(Int)
    }

    struct Case {
        let name: String
        let bytes: [UInt8]
        let expected: Expected

        init(_ name: String, _ text: String, _ expected: Expected) {
            self.name = name
            self.bytes = Array(text.utf8)
            self.expected = expected
        }

        init(_ name: String, bytes: [UInt8], _ expected: Expected) {
            self.name = name
            self.bytes = bytes
            self.expected = expected
        }
    }

    static let get = "GET / HTTP/1.1\r\nHost: x\r\n"
    static let post = "POST / HTTP/1.1\r\nHost: x\r\n"

    static let cases: [Case] = [
        // Host
        Case("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", .refused(400)),
        Case("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .refused(400)),
        Case("Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", .refused(400)),
        Case("Host with a slash", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", .refused(400)),
        Case("Host with userinfo", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", .refused(400)),
        Case("HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n", .accepted(1)),
        Case("empty Host is allowed", "GET / HTTP/1.1\r\nHost:\r\n\r\n", .accepted(1)),
        // Content-Length
        Case(
            "CL and TE together", post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            .refused(400)),
        Case(
            "TE and CL together", post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
            .refused(400)),
        Case("duplicate equal CL", post + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", .refused(400)),
        Case("duplicate different CL", post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", .refused(400)),
        Case("CL as a list", post + "Content-Length: 5, 5\r\n\r\nhello", .refused(400)),
        Case("CL with plus sign", post + "Content-Length: +5\r\n\r\nhello", .refused(400)),
        Case("CL minus zero", post + "Content-Length: -0\r\n\r\n", .refused(400)),
        Case("CL with an inner space", post + "Content-Length: 5 5\r\n\r\nhello", .refused(400)),
        Case("CL in hex", post + "Content-Length: 0x5\r\n\r\nhello", .refused(400)),
        Case("CL with a trailing letter", post + "Content-Length: 5a\r\n\r\nhello", .refused(400)),
        Case("CL overflow", post + "Content-Length: 99999999999999999999999\r\n\r\n", .refused(400)),
        Case("empty CL", post + "Content-Length:\r\n\r\n", .refused(400)),
        Case("CL with surrounding whitespace", post + "Content-Length: \t5 \r\n\r\nhello", .accepted(1)),
        Case("CL over the body limit", post + "Content-Length: 2000000\r\n\r\n", .refused(413)),
        Case("CL zero then a pipelined GET", post + "Content-Length: 0\r\n\r\n" + get + "\r\n", .accepted(2)),
        // Transfer-Encoding
        Case("TE gzip only", post + "Transfer-Encoding: gzip\r\n\r\n", .refused(501)),
        Case("TE identity", post + "Transfer-Encoding: identity\r\n\r\n", .refused(501)),
        Case("TE unknown token", post + "Transfer-Encoding: xchunked\r\n\r\n", .refused(501)),
        Case("TE gzip then chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", .refused(501)),
        Case("TE chunked not last", post + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", .refused(400)),
        Case(
            "TE chunked twice in one field", post + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
            .refused(400)),
        Case(
            "TE chunked in two fields",
            post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .refused(400)),
        Case("TE empty list element", post + "Transfer-Encoding: ,chunked\r\n\r\n0\r\n\r\n", .refused(400)),
        Case("TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .refused(400)),
        Case("TE with vertical tab", post + "Transfer-Encoding: chunked\u{0B}\r\n\r\n0\r\n\r\n", .refused(400)),
        Case("TE mixed case is chunked", post + "Transfer-Encoding: ChUnKeD\r\n\r\n0\r\n\r\n", .accepted(1)),
        Case("TE name with space before colon", post + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n", .refused(400)),
        Case(
            "TE value folded onto the next line", post + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n",
            .refused(400)),
        // Chunked bodies
        Case(
            "chunk size with 0x prefix", post + "Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n",
            .refused(400)),
        Case("negative chunk size", post + "Transfer-Encoding: chunked\r\n\r\n-1\r\n\r\n", .refused(400)),
        Case(
            "space before chunk extension", post + "Transfer-Encoding: chunked\r\n\r\n5 ;a=b\r\nhello\r\n0\r\n\r\n",
            .refused(400)),
        Case(
            "chunk size overflow", post + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffff1\r\nx\r\n0\r\n\r\n",
            .refused(400)),
        Case(
            "chunk data longer than its size", post + "Transfer-Encoding: chunked\r\n\r\n5\r\nhelloX\r\n0\r\n\r\n",
            .refused(400)),
        Case(
            "chunk data ends in bare LF", post + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\n0\r\n\r\n",
            .refused(400)),
        Case(
            "chunk size line ends in bare LF", post + "Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n",
            .refused(400)),
        Case("empty chunk size line", post + "Transfer-Encoding: chunked\r\n\r\n\r\nhello\r\n0\r\n\r\n", .refused(400)),
        Case(
            "NUL in chunk extension", post + "Transfer-Encoding: chunked\r\n\r\n5;a\u{0}\r\nhello\r\n0\r\n\r\n",
            .refused(400)),
        Case("chunked body over the limit", post + "Transfer-Encoding: chunked\r\n\r\n200000\r\n", .refused(413)),
        Case(
            "chunked with extension and trailer",
            post + "Transfer-Encoding: chunked\r\n\r\n5;x=\"y\"\r\nhello\r\n0\r\nT: v\r\n\r\n", .accepted(1)),
        Case(
            "malformed trailer", post + "Transfer-Encoding: chunked\r\n\r\n0\r\nBad Trailer: v\r\n\r\n", .refused(400)),
        // Field syntax
        Case("obs-fold continuation line", get + "X: a\r\n b\r\n\r\n", .refused(400)),
        Case("first field line starts with whitespace", "GET / HTTP/1.1\r\n Host: x\r\n\r\n", .refused(400)),
        Case("whitespace before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", .refused(400)),
        Case("tab before colon", "GET / HTTP/1.1\r\nHost\t: x\r\n\r\n", .refused(400)),
        Case("empty field name", get + ": v\r\n\r\n", .refused(400)),
        Case("separator in field name", get + "X(y): v\r\n\r\n", .refused(400)),
        Case("field line without colon", get + "JustAName\r\n\r\n", .refused(400)),
        Case("NUL in field value", get + "X: a\u{0}b\r\n\r\n", .refused(400)),
        Case("bare CR in field value", get + "X: a\rb\r\n\r\n", .refused(400)),
        Case("DEL in field value", get + "X: a\u{7F}\r\n\r\n", .refused(400)),
        Case(
            "obs-text in field value",
            bytes: Array(get.utf8) + Array("X: ".utf8) + [0xE9, 0xFF] + Array("\r\n\r\n".utf8), .accepted(1)),
        Case("bare LF line endings", "GET / HTTP/1.1\nHost: x\n\n", .refused(400)),
        Case("bare LF after the headers", get + "\n", .refused(400)),
        Case("headers over 16 KiB", get + "X: " + String(repeating: "a", count: 17000) + "\r\n\r\n", .refused(431)),
        Case("101 header fields", get + String(repeating: "X: y\r\n", count: 100) + "\r\n", .refused(431)),
        // Request line
        Case(
            "request line over 8 KiB", "GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            .refused(414)),
        Case("separator in method", "GE(T / HTTP/1.1\r\nHost: x\r\n\r\n", .refused(400)),
        Case("empty method", " / HTTP/1.1\r\nHost: x\r\n\r\n", .refused(400)),
        Case("lowercase method is a valid token", "get / HTTP/1.1\r\nHost: x\r\n\r\n", .accepted(1)),
        Case("two spaces after the method", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", .refused(400)),
        Case("space after the version", "GET / HTTP/1.1 \r\nHost: x\r\n\r\n", .refused(400)),
        Case("tab inside the target", "GET /a\t HTTP/1.1\r\nHost: x\r\n\r\n", .refused(400)),
        Case("bare CR inside the request line", "GET /\r HTTP/1.1\r\nHost: x\r\n\r\n", .refused(400)),
        Case("no version (HTTP/0.9 style)", "GET /\r\n\r\n", .refused(400)),
        Case("raw UTF-8 in the target", "GET /é HTTP/1.1\r\nHost: x\r\n\r\n", .refused(400)),
        Case("fragment in the target", "GET /a#b HTTP/1.1\r\nHost: x\r\n\r\n", .refused(400)),
        Case("target not in origin form", "GET a HTTP/1.1\r\nHost: x\r\n\r\n", .refused(400)),
        Case("asterisk target with GET", "GET * HTTP/1.1\r\nHost: x\r\n\r\n", .refused(400)),
        Case("asterisk target with OPTIONS", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", .accepted(1)),
        Case("absolute-form target", "GET http://x/a?b HTTP/1.1\r\nHost: x\r\n\r\n", .accepted(1)),
        Case("CONNECT", "CONNECT x:443 HTTP/1.1\r\nHost: x:443\r\n\r\n", .refused(501)),
        Case("lowercase protocol name", "GET / http/1.1\r\nHost: x\r\n\r\n", .refused(400)),
        Case("two-digit minor version", "GET / HTTP/1.10\r\nHost: x\r\n\r\n", .refused(400)),
        Case("HTTP/0.9 version", "GET / HTTP/0.9\r\n\r\n", .refused(505)),
        Case("HTTP/1.2 version", "GET / HTTP/1.2\r\nHost: x\r\n\r\n", .refused(505)),
        Case("HTTP/2.0 version", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", .refused(505)),
        Case("HTTP/2 connection preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", .refused(505)),
        Case("one empty line before the request", "\r\n" + get + "\r\n", .accepted(1)),
        Case("many empty lines before the request", String(repeating: "\r\n", count: 6) + get + "\r\n", .refused(400)),
        // Expect
        Case("unknown expectation", post + "Expect: 200-ok\r\nContent-Length: 1\r\n\r\nx", .refused(417)),
        Case(
            "100-continue ignored from HTTP/1.0",
            "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx", .accepted(1)),
        Case("100-continue in mixed case", post + "Expect: 100-Continue\r\nContent-Length: 1\r\n\r\nx", .accepted(1)),
    ]

    func testTableHasAtLeastSixtyCases() {
        XCTAssertGreaterThanOrEqual(Self.cases.count, 60)
        XCTAssertEqual(Set(Self.cases.map(\.name)).count, Self.cases.count, "case names must be unique")
    }

    func testEveryHostileInputGetsItsStatusFedAtOnce() {
        for testCase in Self.cases {
            XCTAssertEqual(Self.outcome(parse(testCase.bytes)), testCase.expected, testCase.name)
        }
    }

    func testEveryHostileInputGetsItsStatusFedByteByByte() {
        for testCase in Self.cases {
            let pieces = Array(repeating: 1, count: testCase.bytes.count)
            XCTAssertEqual(Self.outcome(parse(testCase.bytes, pieces: pieces)), testCase.expected, testCase.name)
        }
    }

    func testEveryHostileInputGetsItsStatusFedInRandomSplits() {
        for (index, testCase) in Self.cases.enumerated() {
            for seed in 0..<4 {
                let pieces = randomPieces(count: testCase.bytes.count, seed: UInt64(index * 10 + seed), max: 40)
                XCTAssertEqual(
                    Self.outcome(parse(testCase.bytes, pieces: pieces)), testCase.expected,
                    "\(testCase.name), seed \(seed)")
            }
        }
    }

    private static func outcome(_ result: ParseOutcome) -> Expected {
        if let failure = result.failure { return .refused(failure) }
        return .accepted(result.requests.count)
    }
}
