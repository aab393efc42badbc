/// Percent-decoding that cannot be used to escape a path.
///
/// Path segments are decoded one at a time after splitting on `/`, and a segment that decodes to
/// `.`, `..`, or contains `/`, `\` or NUL is refused: `%2e%2e%2f` cannot climb out of a directory,
/// whatever a handler later does with the value (FlyingFox shipped path traversal twice).
public enum PercentDecoding {
    /// Decodes one path segment; throws a 400 `HTTPServeError.response` for unsafe or malformed input.
    public static func decodePathSegment(_ segment: Substring) throws -> String {
        let decoded = try decode(segment, plusAsSpace: false)
        if decoded == "." || decoded == ".." {
            throw HTTPServeError.response(status: 400, code: "bad_path", message: "dot segments are not allowed")
        }
        if decoded.utf8.contains(where: { $0 == 0x2F || $0 == 0x5C || $0 == 0 }) {
            throw HTTPServeError.response(
                status: 400, code: "bad_path", message: "encoded slash, backslash or NUL in a path segment")
        }
        return decoded
    }

    /// Splits a raw path (`/a/b%20c`) into decoded segments, refusing anything unsafe.
    public static func pathSegments(_ path: String) throws -> [String] {
        guard path.first == "/" else {
            throw HTTPServeError.response(status: 400, code: "bad_path", message: "the path must start with /")
        }
        return try path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(decodePathSegment)
    }

    /// Decodes a query name or value: `+` is a space, escapes must be valid and form UTF-8.
    public static func decodeQueryComponent(_ component: Substring) throws -> String {
        try decode(component, plusAsSpace: true)
    }

    private static func decode(_ text: Substring, plusAsSpace: Bool) throws -> String {
        let utf8 = text.utf8
        guard utf8.contains(UInt8(ascii: "%")) || (plusAsSpace && utf8.contains(UInt8(ascii: "+"))) else {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(HTTPSyntax.hexValue),
                    let low = iterator.next().flatMap(HTTPSyntax.hexValue)
                else {
                    throw HTTPServeError.response(
                        status: 400, code: "bad_encoding", message: "malformed percent escape")
                }
                bytes.append(UInt8(high << 4 | low))
            case UInt8(ascii: "+") where plusAsSpace:
                bytes.append(0x20)
            default:
                bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw HTTPServeError.response(status: 400, code: "bad_encoding", message: "escapes do not form UTF-8")
        }
        return decoded
    }
}
