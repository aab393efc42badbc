import XCTest

@testable import RedisClient

final class SHA1Tests: XCTestCase {
    func testMatchesTheFIPSAndRedisVectors() {
        XCTAssertEqual(SHA1.hexDigest([]), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        XCTAssertEqual(SHA1.hexDigest(Array("abc".utf8)), "a9993e364706816aba3e25717850c26c9cd0d89d")
        XCTAssertEqual(
            SHA1.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        XCTAssertEqual(
            SHA1.hexDigest(Array("The quick brown fox jumps over the lazy dog".utf8)),
            "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12")
        XCTAssertEqual(
            SHA1.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)),
            "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
        // Every padding boundary around one block.
        for length in 54...66 {
            XCTAssertEqual(SHA1.hexDigest([UInt8](repeating: 0x61, count: length)).count, 40)
        }
    }

    func testScriptHashIsTheOneRedisReportsForReturnOne() {
        // `redis-cli SCRIPT LOAD "return 1"` answers this hash.
        XCTAssertEqual(RedisScript("return 1").sha1, "e0e1f9fabfc9d4800c877a703b823ac0578ff8db")
        XCTAssertEqual(RedisScript("return 1").name, "e0e1f9fa")
        XCTAssertEqual(RedisScript("return 1", name: "one").name, "one")
    }
}

final class RESPEncoderTests: XCTestCase {
    func testEncodesCommandsAsArraysOfBulkStrings() {
        XCTAssertEqual(
            String(decoding: RESPEncoder.encode(["SET", "k", "héllo"]), as: UTF8.self),
            "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$6\r\nhéllo\r\n")
        XCTAssertEqual(String(decoding: RESPEncoder.encode(["PING"]), as: UTF8.self), "*1\r\n$4\r\nPING\r\n")
        XCTAssertEqual(
            String(decoding: RESPEncoder.encode(["GET", ""]), as: UTF8.self), "*2\r\n$3\r\nGET\r\n$0\r\n\r\n")
        let long = String(repeating: "x", count: 12345)
        XCTAssertTrue(
            String(decoding: RESPEncoder.encode(["SET", long]), as: UTF8.self).hasPrefix(
                "*2\r\n$3\r\nSET\r\n$12345\r\n"))
        var buffer: [UInt8] = []
        RESPEncoder.append(bytes: [Array("SET".utf8), [0, 13, 10, 255]], to: &buffer)
        XCTAssertEqual(buffer, Array("*2\r\n$3\r\nSET\r\n$4\r\n".utf8) + [0, 13, 10, 255] + [13, 10])
    }
}

final class BlockingCommandTests: XCTestCase {
    func testFindsTheServerSideTimeoutOfEachBlockingCommand() {
        XCTAssertEqual(BlockingCommand.classify(["BZPOPMIN", "a", "b", "1.5"]), .upTo(.milliseconds(1500)))
        XCTAssertEqual(BlockingCommand.classify(["blpop", "a", "0"]), .indefinitely)
        XCTAssertEqual(BlockingCommand.classify(["BLMOVE", "a", "b", "LEFT", "RIGHT", "2"]), .upTo(.seconds(2)))
        XCTAssertEqual(BlockingCommand.classify(["BZMPOP", "3", "1", "z", "MIN"]), .upTo(.seconds(3)))
        XCTAssertEqual(
            BlockingCommand.classify(["XREAD", "COUNT", "1", "BLOCK", "250", "STREAMS", "s", "$"]),
            .upTo(.milliseconds(250)))
        XCTAssertEqual(
            BlockingCommand.classify(["XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"]),
            .indefinitely)
        XCTAssertEqual(BlockingCommand.classify(["XREAD", "STREAMS", "s", "0"]), .notBlocking)
        XCTAssertEqual(BlockingCommand.classify(["WAIT", "1", "100"]), .upTo(.milliseconds(100)))
        XCTAssertEqual(BlockingCommand.classify(["GET", "BLPOP"]), .notBlocking)
        XCTAssertEqual(BlockingCommand.classify(["BITCOUNT", "k"]), .notBlocking)
        XCTAssertEqual(BlockingCommand.classify(["BLPOP", "a", "soon"]), .notBlocking)
        XCTAssertEqual(BlockingCommand.classify([]), .notBlocking)
    }

    func testDeadlineAddsTheServerTimeoutToTheCommandTimeout() {
        XCTAssertEqual(BlockingCommand.notBlocking.deadline(now: 1_000, commandTimeout: .seconds(1)), 1_000_001_000)
        XCTAssertEqual(BlockingCommand.upTo(.seconds(2)).deadline(now: 0, commandTimeout: .seconds(1)), 3_000_000_000)
        XCTAssertEqual(BlockingCommand.indefinitely.deadline(now: 5, commandTimeout: .seconds(1)), .max)
        XCTAssertEqual(UInt64.max.addingDuration(.seconds(1)), .max)
    }
}

final class ReconnectBackoffTests: XCTestCase {
    func testDoublesFromTheInitialDelayUpToTheCap() {
        let backoff = ReconnectBackoff(initial: .milliseconds(50), maximum: .seconds(2))
        let delays = (0...9).map { backoff.delay(afterFailures: $0) }
        XCTAssertEqual(
            delays,
            [
                .zero, .milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(400),
                .milliseconds(800),
                .milliseconds(1600), .seconds(2), .seconds(2), .seconds(2),
            ])
        XCTAssertEqual(backoff.delay(afterFailures: 10_000), .seconds(2))
    }
}

final class FIFOTests: XCTestCase {
    func testBehavesLikeAnArrayQueueAcrossGrowthAndWrapAround() {
        var fifo = FIFO<Int>()
        var model: [Int] = []
        var generator = SystemRandomNumberGenerator()
        for step in 0..<20_000 {
            if Int.random(in: 0..<3, using: &generator) > 0 {
                fifo.append(step)
                model.append(step)
            } else {
                XCTAssertEqual(fifo.removeFirst(), model.isEmpty ? nil : model.removeFirst())
            }
            XCTAssertEqual(fifo.count, model.count)
            XCTAssertEqual(fifo.first, model.first)
        }
        if !fifo.isEmpty { fifo.updateFirst { $0 = -1 } }
        XCTAssertEqual(fifo.removeAll(), model.isEmpty ? [] : [-1] + model.dropFirst())
        XCTAssertTrue(fifo.isEmpty)
    }
}

final class RedisValueTests: XCTestCase {
    func testAccessorsReadStringsIntegersAndArrays() {
        XCTAssertEqual(RedisValue.bulkString(Array("42".utf8)).int, 42)
        XCTAssertEqual(RedisValue.simpleString("OK").string, "OK")
        XCTAssertEqual(RedisValue.integer(7).int, 7)
        XCTAssertNil(RedisValue.integer(7).string)
        XCTAssertNil(RedisValue.bulkString([0xff, 0xfe]).string)
        XCTAssertEqual(RedisValue.bulkString([0xff]).bytes, [0xff])
        XCTAssertEqual(RedisValue.bulkString(Array("1.5".utf8)).double, 1.5)
        XCTAssertEqual(RedisValue.array([.null]).array, [.null])
        XCTAssertTrue(RedisValue.null.isNull)
        XCTAssertNil(RedisValue.null.int)
    }
}
