/// JSON string literals written by hand, where a document is assembled as text (BullMQ's stored options,
/// structured log lines) and must not depend on an encoder succeeding.
public enum JSONString {
    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped, `/` kept.
    public static func quoted(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }

    /// Appends `text` as a JSON string literal to `out`. Works on UTF-8 bytes (a multi-byte sequence never
    /// needs escaping), so long texts such as a flow's job data cost one pass and one append.
    public static func append(_ text: String, to out: inout String) {
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            case ..<0x20: bytes += unicodeEscape(byte)
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// `\u00XX` for a control byte, as UTF-8.
    private static func unicodeEscape(_ byte: UInt8) -> [UInt8] {
        let hex = String(byte, radix: 16)
        return Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
    }
}
