import Foundation

/// A deterministic random number generator (SplitMix64): the same seed gives the same sequence on every
/// platform and run, so generated histories and fitted models are reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator seeded from a string (FNV-1a of its UTF-8 bytes) mixed with `seed`.
    public init(key: String, seed: UInt64 = 0) {
        self.init(seed: StableHash.fnv1a(key) ^ (seed &* 0x9E37_79B9_7F4A_7C15))
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A normally distributed draw (Box–Muller) with the given mean and standard deviation.
    public mutating func normal(mean: Double = 0, deviation: Double = 1) -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return mean + deviation * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// A hash that is stable across processes (Swift's `Hasher` is seeded per process, so it cannot name buckets
/// that must match between training and prediction).
enum StableHash {
    /// 64-bit FNV-1a of the UTF-8 bytes of `text`.
    static func fnv1a(_ text: some StringProtocol) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
