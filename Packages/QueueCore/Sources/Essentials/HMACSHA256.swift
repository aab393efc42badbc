/// HMAC-SHA-256 (RFC 2104 over ``SHA256``): a keyed digest that proves a message came from someone holding the
/// key (the alert webhook's `X-MaxBooster-Signature`). Keys longer than a block are hashed first, as the RFC says.
public enum HMACSHA256 {
    /// The 32-byte authentication code of `message` under `key`.
    public static func authenticationCode<Key: Sequence, Message: Sequence>(
        for message: Message, key: Key
    ) -> [UInt8] where Key.Element == UInt8, Message.Element == UInt8 {
        var block = Array(key)
        if block.count > SHA256.blockLength { block = SHA256.hash(block) }
        block += [UInt8](repeating: 0, count: SHA256.blockLength - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// Compares two codes in time independent of where they differ (a receiver checking a signature).
    public static func isEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
