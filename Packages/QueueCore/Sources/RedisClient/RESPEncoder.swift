/// Encodes commands as RESP arrays of bulk strings (what `redisAppendCommandArgv` would produce), on the
/// caller's thread, so the event loop only copies finished bytes. Pure.
enum RESPEncoder {
    /// Appends one command (`*N\r\n$len\r\narg\r\n...`) to `buffer`.
    static func append(_ command: [String], to buffer: inout [UInt8]) {
        appendHeader(UInt8(ascii: "*"), command.count, to: &buffer)
        for argument in command {
            var argument = argument
            argument.withUTF8 { bytes in
                appendHeader(UInt8(ascii: "$"), bytes.count, to: &buffer)
                buffer.append(contentsOf: bytes)
            }
            buffer.append(13)
            buffer.append(10)
        }
    }

    /// Appends one command of binary arguments to `buffer`.
    static func append(bytes command: [[UInt8]], to buffer: inout [UInt8]) {
        appendHeader(UInt8(ascii: "*"), command.count, to: &buffer)
        for argument in command {
            appendHeader(UInt8(ascii: "$"), argument.count, to: &buffer)
            buffer.append(contentsOf: argument)
            buffer.append(13)
            buffer.append(10)
        }
    }

    /// One command as a new buffer.
    static func encode(_ command: [String]) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 + command.reduce(0) { $0 + $1.utf8.count + 16 })
        append(command, to: &buffer)
        return buffer
    }

    private static func appendHeader(_ marker: UInt8, _ value: Int, to buffer: inout [UInt8]) {
        buffer.append(marker)
        appendDecimal(value, to: &buffer)
        buffer.append(13)
        buffer.append(10)
    }

    private static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        if value < 10 {
            buffer.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var remaining = value
        var count = 0
        withUnsafeMutableBytes(of: &digits) { digits in
            while remaining > 0 {
                digits[count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(digits[index]) }
        }
    }
}
