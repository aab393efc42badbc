import QueueCoreTestSupport

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
    SplitFeeding.feed(bytes, pieces: pieces) { piece in
        guard piece.withUnsafeBytes({ parser.feed($0) }) else {
            outcome.error = "hiredis refused the bytes"
            return false
        }
        do throws(ReplyParserError) {
            while let reply = try parser.next() { outcome.replies.append(reply) }
            return true
        } catch {
            outcome.error = error.message
            return false
        }
    }
    return outcome
}

func parseReplies(_ text: String, pieces: [Int]? = nil) -> ParsedReplies {
    parseReplies(Array(text.utf8), pieces: pieces)
}
