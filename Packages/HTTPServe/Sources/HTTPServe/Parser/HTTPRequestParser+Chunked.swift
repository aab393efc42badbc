/// Chunked transfer coding: the chunk-size line.
extension HTTPRequestParser {
    /// `chunk-size [ ";" chunk-ext ]`: hex digits, then nothing or extensions without control bytes.
    func parseChunkSize(_ range: Range<Int>) -> Result<UInt64, HTTPParseError> {
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
}
