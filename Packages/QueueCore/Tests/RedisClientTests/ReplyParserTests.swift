import Autopilot
import QueueCoreTestSupport
import XCTest

@testable import RedisClient

/// hiredis's reader behind `ReplyParser`, in memory: every RESP2 type, fed at once, byte by byte and in
/// random splits (a socket may cut a reply anywhere).
final class ReplyParserTests: XCTestCase {
    /// Every input must parse the same at once, byte by byte and in random splits.
    @discardableResult
    private func assertSplitInvariant(
        _ bytes: [UInt8], maxPiece: Int = 17, bytewise: Bool = true, file: StaticString = #filePath,
        line: UInt = #line
    ) -> ParsedReplies {
        let whole = parseReplies(bytes)
        if bytewise {
            XCTAssertEqual(
                parseReplies(bytes, pieces: Array(repeating: 1, count: bytes.count)), whole, "byte by byte",
                file: file, line: line)
        }
        for seed in 1...8 {
            let split = parseReplies(
                bytes, pieces: SplitFeeding.randomPieces(count: bytes.count, seed: UInt64(seed), max: maxPiece))
            XCTAssertEqual(split, whole, "random split with seed \(seed)", file: file, line: line)
        }
        return whole
    }

    @discardableResult
    private func assertSplitInvariant(_ text: String, file: StaticString = #filePath, line: UInt = #line)
        -> ParsedReplies
    {
        assertSplitInvariant(Array(text.utf8), file: file, line: line)
    }

    func testSimpleStringsAndErrorsKeepTheirText() {
        let outcome = assertSplitInvariant(
            "+OK\r\n+PONG\r\n-ERR unknown command 'FOO'\r\n-WRONGTYPE Operation\r\n+\r\n")
        XCTAssertEqual(
            outcome,
            ParsedReplies(replies: [
                .simpleString("OK"), .simpleString("PONG"), .error("ERR unknown command 'FOO'"),
                .error("WRONGTYPE Operation"), .simpleString(""),
            ]))
    }

    func testIntegersIncludingNegativeAndTheInt64Limits() {
        let outcome = assertSplitInvariant(
            ":0\r\n:42\r\n:-7\r\n:9223372036854775807\r\n:-9223372036854775808\r\n")
        XCTAssertEqual(outcome.replies, [.integer(0), .integer(42), .integer(-7), .integer(.max), .integer(.min)])
        XCTAssertNil(outcome.error)
    }

    func testBulkStringsAreBinarySafe() {
        let binary: [UInt8] = [0, 13, 10, 255, 36, 42, 13, 10, 0]
        let bytes = Array("$5\r\nhello\r\n$0\r\n\r\n$9\r\n".utf8) + binary + Array("\r\n$6\r\nhéllo\r\n".utf8)
        let outcome = assertSplitInvariant(bytes)
        XCTAssertEqual(
            outcome.replies,
            [.bulkString(Array("hello".utf8)), .bulkString([]), .bulkString(binary), .bulkString(Array("héllo".utf8))])
        XCTAssertEqual(outcome.replies.last?.string, "héllo")
    }

    func testNilBulkAndNilArrayAreNullAndEmptyArrayIsNot() {
        let outcome = assertSplitInvariant("$-1\r\n*-1\r\n*0\r\n")
        XCTAssertEqual(outcome.replies, [.null, .null, .array([])])
    }

    func testArraysHoldEveryTypeAndNestInOrder() {
        // What EXEC or a script answers: mixed types, nil and error elements, arrays inside arrays.
        let text =
            "*6\r\n+OK\r\n:1\r\n$3\r\nabc\r\n$-1\r\n-ERR inside\r\n*3\r\n*-1\r\n*2\r\n:2\r\n$1\r\nx\r\n*0\r\n"
        let outcome = assertSplitInvariant(text)
        XCTAssertEqual(
            outcome.replies,
            [
                .array([
                    .simpleString("OK"), .integer(1), .bulkString(Array("abc".utf8)), .null, .error("ERR inside"),
                    .array([.null, .array([.integer(2), .bulkString(Array("x".utf8))]), .array([])]),
                ])
            ])
    }

    func testArraysNestAsDeepAsTheReaderAllows() {
        // hiredis 0.14 keeps seven levels of nested arrays below the top one; deeper is a protocol error.
        let supported = String(repeating: "*1\r\n", count: 8) + ":5\r\n"
        var expected = RedisValue.integer(5)
        for _ in 0..<8 { expected = .array([expected]) }
        XCTAssertEqual(assertSplitInvariant(supported), ParsedReplies(replies: [expected]))
        let tooDeep = assertSplitInvariant(String(repeating: "*1\r\n", count: 9) + ":5\r\n")
        XCTAssertEqual(tooDeep.replies, [])
        XCTAssertNotNil(tooDeep.error)
    }

    func testLargeBulkStringArrivesWhole() {
        var generator = SeededGenerator(seed: 42)
        let payload = (0..<(256 * 1024)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let bytes = Array("$\(payload.count)\r\n".utf8) + payload + Array("\r\n+after\r\n".utf8)
        let outcome = assertSplitInvariant(bytes, maxPiece: 8192)
        XCTAssertEqual(outcome.replies, [.bulkString(payload), .simpleString("after")])
    }

    func testMultiMegabyteBulkInSocketSizedReadsMatchesOneFeed() {
        var generator = SeededGenerator(seed: 7)
        let payload = (0..<(8 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let bytes = Array("*2\r\n$\(payload.count)\r\n".utf8) + payload + Array("\r\n:1\r\n".utf8)
        let outcome = assertSplitInvariant(bytes, maxPiece: 64 * 1024, bytewise: false)
        XCTAssertEqual(outcome.replies, [.array([.bulkString(payload), .integer(1)])])
    }

    func testManyPipelinedRepliesComeOutInOrder() {
        var text = ""
        for index in 0..<200 {
            text += index % 2 == 0 ? ":\(index)\r\n" : "$\(String(index).utf8.count)\r\n\(index)\r\n"
        }
        let outcome = assertSplitInvariant(text)
        XCTAssertEqual(outcome.replies.map(\.int), (0..<200).map { $0 })
    }

    func testIncompleteReplyWaitsForMoreBytes() throws {
        let parser = ReplyParser()
        for prefix in ["+OK", "+OK\r", ":12", "$5\r\nhel", "$5\r\nhello\r", "*2\r\n:1\r\n", "*2\r\n*1\r\n", "$-1\r"] {
            let parser = ReplyParser()
            XCTAssertTrue(Array(prefix.utf8).withUnsafeBytes { parser.feed($0) })
            XCTAssertNil(try parser.next(), prefix)
        }
        XCTAssertTrue(Array("$5\r\nhel".utf8).withUnsafeBytes { parser.feed($0) })
        XCTAssertNil(try parser.next())
        XCTAssertTrue(Array("lo\r\n".utf8).withUnsafeBytes { parser.feed($0) })
        XCTAssertEqual(try parser.next(), .bulkString(Array("hello".utf8)))
        XCTAssertNil(try parser.next())
    }

    func testResetDropsAPartialReply() throws {
        // After a reconnect, half a reply from the old connection must not prefix the new one's replies.
        let parser = ReplyParser()
        XCTAssertTrue(Array("*2\r\n$5\r\nhel".utf8).withUnsafeBytes { parser.feed($0) })
        XCTAssertNil(try parser.next())
        parser.reset()
        XCTAssertTrue(Array("+OK\r\n".utf8).withUnsafeBytes { parser.feed($0) })
        XCTAssertEqual(try parser.next(), .simpleString("OK"))
    }

    func testUnknownTypeByteIsAProtocolErrorAfterTheRepliesBeforeIt() {
        let outcome = assertSplitInvariant("+OK\r\n:1\r\n!oops\r\n+never\r\n")
        XCTAssertEqual(outcome.replies, [.simpleString("OK"), .integer(1)])
        XCTAssertTrue(outcome.error?.contains("Protocol error") == true, "\(outcome)")
    }

    func testHTTPResponseIsNotRESP() {
        // What a client pointed at a web server reads.
        let outcome = assertSplitInvariant("HTTP/1.1 400 Bad Request\r\n\r\n")
        XCTAssertEqual(outcome.replies, [])
        XCTAssertNotNil(outcome.error)
    }

    func testEveryTypeTogetherParsesTheSameInAnySplit() {
        var generator = SeededGenerator(seed: 2026)
        let pieces = [
            "+OK\r\n", "-ERR x\r\n", ":-12\r\n", "$3\r\nabc\r\n", "$-1\r\n", "*-1\r\n", "*0\r\n",
            "*2\r\n*1\r\n+in\r\n$0\r\n\r\n",
        ]
        var text = ""
        var expected: [RedisValue] = []
        let values: [RedisValue] = [
            .simpleString("OK"), .error("ERR x"), .integer(-12), .bulkString(Array("abc".utf8)), .null, .null,
            .array([]), .array([.array([.simpleString("in")]), .bulkString([])]),
        ]
        for _ in 0..<100 {
            let index = Int.random(in: 0..<pieces.count, using: &generator)
            text += pieces[index]
            expected.append(values[index])
        }
        let bytes = Array(text.utf8)
        XCTAssertEqual(parseReplies(bytes), ParsedReplies(replies: expected))
        for seed in 100..<150 {
            let split = parseReplies(
                bytes, pieces: SplitFeeding.randomPieces(count: bytes.count, seed: UInt64(seed), max: 9))
            XCTAssertEqual(split.replies, expected, "seed \(seed)")
            XCTAssertNil(split.error, "seed \(seed)")
        }
    }
}
