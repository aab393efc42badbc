/// Line scanning: CRLF-terminated lines under a limit, and the header-section budget.
extension HTTPRequestParser {
    /// Finds the next CRLF-terminated line of at most `limit` bytes and consumes it.
    mutating func nextLine(limit: Int, overLimit: HTTPParseError) -> LineResult {
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

    mutating func countField(_ range: Range<Int>) -> HTTPParseError? {
        headerCount += 1
        headerBytes += range.count + 2
        guard headerCount <= limits.maxHeaderCount else {
            return HTTPParseError(status: 431, reason: "more header fields than the limit")
        }
        return nil
    }
}
