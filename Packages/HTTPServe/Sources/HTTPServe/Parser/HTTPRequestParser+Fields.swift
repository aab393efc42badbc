/// Header and trailer field validation: name token, no obs-fold, trimmed value of allowed bytes.
extension HTTPRequestParser {
    func parseField(_ range: Range<Int>) -> Result<(name: String, value: String), HTTPParseError> {
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
}
