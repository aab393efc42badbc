/// Lowercase hexadecimal text of bytes: the one hex writer (digests, PostgreSQL bytea literals).
extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal, two digits each (digests in headers and logs).
    public var lowercaseHex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
