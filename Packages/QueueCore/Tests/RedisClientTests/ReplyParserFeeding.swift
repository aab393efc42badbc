@testable import RedisClient

/// What a reply parser run produced: the replies in order, and the protocol error if it ended in one.
struct ParsedReplies: Equatable, CustomStringConvertible {
    var replies: [RedisValue] = []
    var error: String?

    var description: String { "\(replies.count) replies \(replies.prefix(4))… error=\(error ?? "none")" }
}

/// Feeds a fresh `ReplyParser` in pieces of the given sizes (the last piece takes the rest), taking every
/// complete reply after each piece, as `LoopConnection` does after each `read`.
func parseReplies(_ bytes: [UInt8], pieces: [Int]? = nil) -> ParsedReplies {
    let parser = ReplyParser()
    var outcome = ParsedReplies()
    var offset = 0
    var sizes = pieces ?? [bytes.count]
    if sizes.reduce(0, +) < bytes.count { sizes.append(bytes.count - sizes.reduce(0, +)) }
    for size in sizes where offset < bytes.count {
        let end = min(bytes.count, offset + size)
        let fed = bytes[offset..<end].withUnsafeBytes { parser.feed($0) }
        offset = end
        guard fed else {
            outcome.error = "hiredis refused the bytes"
            return outcome
        }
        do {
            while let reply = try parser.next() { outcome.replies.append(reply) }
        } catch {
            outcome.error = error.message
            return outcome
        }
    }
    return outcome
}

func parseReplies(_ text: String, pieces: [Int]? = nil) -> ParsedReplies {
    parseReplies(Array(text.utf8), pieces: pieces)
}

/// SplitMix64, so a failing random split can be reproduced from its seed. The same algorithm as
/// Autopilot's `SeededGenerator`, which this test target does not depend on (RedisClient's tests see only
/// RedisClient and TestServices), and as HTTPServe's parser tests, another package.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random piece sizes (1…`max`) covering `count` bytes.
func randomPieces(count: Int, seed: UInt64, max: Int = 17) -> [Int] {
    var generator = SplitMix(state: seed)
    var pieces: [Int] = []
    var remaining = count
    while remaining > 0 {
        let piece = Int.random(in: 1...max, using: &generator)
        pieces.append(min(piece, remaining))
        remaining -= piece
    }
    return pieces
}
