import Autopilot

/// Feeding a streaming parser in pieces, for tests that prove a parser gives the same result however its
/// input is split across reads.
public enum SplitFeeding {
    /// Random piece sizes (1…`max`) covering `count` bytes, the same for the same `seed` (Autopilot's
    /// SplitMix64 `SeededGenerator`), so a failing split replays from its seed.
    public static func randomPieces(count: Int, seed: UInt64, max: Int = 17) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var pieces: [Int] = []
        var remaining = count
        while remaining > 0 {
            let piece = Int.random(in: 1...max, using: &generator)
            pieces.append(min(piece, remaining))
            remaining -= piece
        }
        return pieces
    }

    /// Hands `bytes` to `feed` in pieces of the given sizes (all at once when nil; the last piece takes
    /// whatever the sizes leave). Stops early when `feed` returns false (the parser has failed).
    public static func feed(
        _ bytes: [UInt8], pieces: [Int]?, _ feed: (ArraySlice<UInt8>) -> Bool
    ) {
        var sizes = pieces ?? [bytes.count]
        if sizes.reduce(0, +) < bytes.count { sizes.append(bytes.count - sizes.reduce(0, +)) }
        var offset = 0
        for size in sizes where offset < bytes.count {
            let end = min(bytes.count, offset + size)
            guard feed(bytes[offset..<end]) else { return }
            offset = end
        }
    }
}
