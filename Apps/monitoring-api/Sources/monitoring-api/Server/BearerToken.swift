/// The `API_TOKEN` check: `Authorization: Bearer <token>`, compared in constant time.
struct BearerToken: Sendable {
    private let expected: [UInt8]

    /// A check for `token` (never logged).
    init(_ token: String) {
        expected = Array(token.utf8)
    }

    /// True when `header` (the `Authorization` value, or nil) carries the token.
    ///
    /// The scheme is case-insensitive (RFC 9110); the comparison touches every byte of the longer of
    /// the two tokens whatever they hold, so its time does not reveal how much of a guess was right.
    func accepts(_ header: String?) -> Bool {
        guard let header else { return false }
        let prefix = "bearer "
        guard header.utf8.count > prefix.utf8.count, header.prefix(prefix.count).lowercased() == prefix else {
            return false
        }
        let given = Array(header.utf8.dropFirst(prefix.utf8.count))
        return Self.constantTimeEqual(given, expected)
    }

    /// Compares two byte strings in time that depends only on their lengths.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: lhs.count ^ rhs.count)
        let length = max(lhs.count, rhs.count)
        for index in 0..<length {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
        }
        // `lhs.count ^ rhs.count` may be a multiple of 256; compare the lengths too.
        return difference == 0 && lhs.count == rhs.count
    }
}
