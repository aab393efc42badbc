extension SocialEngagementModel {
    /// The stored form (`ai_models.weights`): magic `MBSE`, format version, dimension, the 168 biases, then the
    /// weights; every number little-endian (floats as IEEE 754 bit patterns).
    public func encoded() -> [UInt8] {
        var bytes = Self.magic
        bytes.reserveCapacity(16 + (bias.count + weights.count) * 4)
        BinaryCoding.append(Self.formatVersion, to: &bytes)
        BinaryCoding.append(UInt32(dimension), to: &bytes)
        for value in bias { BinaryCoding.append(value.bitPattern, to: &bytes) }
        for value in weights { BinaryCoding.append(value.bitPattern, to: &bytes) }
        return bytes
    }

    /// Decodes the stored form; throws `.corruptModel` when magic, version or length do not match.
    public convenience init(userID: String, encoded bytes: [UInt8]) throws {
        var reader = BinaryCoding.Reader(bytes: bytes, kind: "social")
        try reader.expectMagic(Self.magic)
        guard try reader.uint32() == Self.formatVersion else {
            throw AutopilotError(.corruptModel, "social model of \(userID) has an unknown format version; re-seed it")
        }
        let dimension = Int(try reader.uint32())
        let expected = HourOfWeek.count * (dimension + 1) * 4
        guard dimension >= 1, reader.remaining == expected else {
            throw AutopilotError(
                .corruptModel,
                "social model of \(userID) has \(reader.remaining) weight bytes, expected \(expected); re-seed it")
        }
        let bias = try (0..<HourOfWeek.count).map { _ in Float(bitPattern: try reader.uint32()) }
        let weights = try (0..<HourOfWeek.count * dimension).map { _ in Float(bitPattern: try reader.uint32()) }
        self.init(userID: userID, dimension: dimension, isTrained: true, bias: bias, weights: weights)
    }
}
