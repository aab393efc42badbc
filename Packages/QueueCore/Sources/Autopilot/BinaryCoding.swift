/// Little-endian encoding of the stored model formats.
enum BinaryCoding {
    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Reads numbers from the front of a byte array, throwing `.corruptModel` past its end.
    struct Reader {
        let bytes: [UInt8]
        let kind: String
        private(set) var offset = 0

        init(bytes: [UInt8], kind: String) {
            self.bytes = bytes
            self.kind = kind
        }

        var remaining: Int { bytes.count - offset }

        mutating func expectMagic(_ magic: [UInt8]) throws {
            guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
                throw AutopilotError(.corruptModel, "stored \(kind) model weights have the wrong header; re-seed it")
            }
            offset = magic.count
        }

        mutating func uint32() throws -> UInt32 {
            UInt32(truncatingIfNeeded: try read(4))
        }

        mutating func uint64() throws -> UInt64 { try read(8) }

        private mutating func read(_ count: Int) throws -> UInt64 {
            guard remaining >= count else {
                throw AutopilotError(.corruptModel, "stored \(kind) model weights are truncated; re-seed it")
            }
            var value: UInt64 = 0
            for index in 0..<count { value |= UInt64(bytes[offset + index]) << (8 * index) }
            offset += count
            return value
        }
    }
}
