/// Byte classes of RFC 9110/9112, as lookup tables: the parser consults them for every byte.
enum HTTPSyntax {
    /// `tchar`: the bytes allowed in methods, header names and transfer-coding names.
    static let tokenTable: [Bool] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(UInt8(byte))
        }
    }

    /// Bytes allowed in a field value: HTAB, SP, VCHAR and obs-text. NUL, CR, LF, other controls and
    /// DEL are not, which is what stops header injection and bare-CR smuggling.
    static let fieldValueTable: [Bool] = (0..<256).map { byte in
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }

    /// Bytes allowed in a request target: visible ASCII only (no spaces, controls or raw UTF-8).
    static let targetTable: [Bool] = (0..<256).map { byte in byte >= 0x21 && byte <= 0x7E }

    static func isToken(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        for byte in bytes where !tokenTable[Int(byte)] { return false }
        return true
    }

    static func hexValue(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt64(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt64(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// ASCII-lowercases a header value for comparisons of tokens like `chunked` or `close`.
    static func lowercased(_ value: String) -> String {
        String(decoding: value.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Splits a comma-separated field value into trimmed, lowercased elements (empty ones kept).
    static func listElements(_ value: String) -> [String] {
        value.split(separator: ",", omittingEmptySubsequences: false).map {
            lowercased(String($0).trimmingOWS())
        }
    }
}

extension String {
    /// Removes leading and trailing spaces and tabs (optional whitespace, "OWS").
    func trimmingOWS() -> String {
        let bytes = Array(utf8)
        var lower = 0
        var upper = bytes.count
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}
