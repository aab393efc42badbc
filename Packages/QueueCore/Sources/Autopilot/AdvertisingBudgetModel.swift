import Foundation

/// A user's advertising budget-response model: daily conversions for a daily budget follow the saturating
/// curve `saturation · (1 − e^(−budget / scale))`.
///
/// Immutable, hence `Sendable`. Fitted by a log-spaced search over `scale` with the least-squares
/// `saturation` for each; the recommendation spends while a conversion costs less than it is worth.
public final class AdvertisingBudgetModel: Sendable {
    /// The user the model belongs to.
    public let userID: String
    /// Conversions per day at an unlimited budget.
    public let saturation: Double
    /// The budget (currency per day) that reaches 63 % of `saturation`.
    public let scale: Double
    /// Days of history it was fitted to (0 for the default model).
    public let sampleCount: Int

    static let magic: [UInt8] = Array("MBAD".utf8)
    static let formatVersion: UInt32 = 1

    /// A model with the given curve parameters (both must be positive and finite).
    public init(userID: String, saturation: Double, scale: Double, sampleCount: Int = 0) throws {
        guard saturation.isFinite, saturation > 0, scale.isFinite, scale > 0 else {
            throw AutopilotError(.invalidParameter, "saturation and scale must be positive numbers")
        }
        self.userID = userID
        self.saturation = saturation
        self.scale = scale
        self.sampleCount = sampleCount
    }

    /// Memory held by the model, in bytes.
    public var estimatedBytes: Int { 64 }

    /// The default for a user without history: 100 conversions at most, 63 % of them by 500 per day.
    public static func untrained(userID: String) -> AdvertisingBudgetModel {
        // Constant, valid parameters: the initializer cannot fail here.
        try! AdvertisingBudgetModel(userID: userID, saturation: 100, scale: 500)
    }

    /// Expected daily conversions at `budget` (negative budgets count as 0).
    public func conversions(budget: Double) -> Double { saturation * (1 - exp(-max(budget, 0) / scale)) }

    /// The daily budget that maximises `value × conversions − budget`, clamped to `0…maxBudget`: where one more
    /// unit of budget brings exactly one unit of value. Zero when even the first conversion costs too much.
    public func recommendedBudget(valuePerConversion: Double, maxBudget: Double = 10_000) -> Double {
        let ratio = saturation * valuePerConversion / scale
        guard ratio > 1 else { return 0 }
        return min(scale * log(ratio), max(maxBudget, 0))
    }

    /// Fits the curve to `history`; throws `.insufficientData` for fewer than 3 days.
    public static func fit(userID: String, history: BudgetHistory) throws -> AdvertisingBudgetModel {
        guard history.samples.count >= 3 else {
            throw AutopilotError(.insufficientData, "need at least 3 days of budget history for user \(userID)")
        }
        var best: (saturation: Double, scale: Double, error: Double)?
        // Scales from 10 to 100,000, 200 steps per decade is finer than the noise.
        for step in 0...800 {
            let scale = pow(10, 1 + Double(step) / 200)
            var numerator = 0.0
            var denominator = 0.0
            for sample in history.samples {
                let shape = 1 - exp(-sample.budget / scale)
                numerator += sample.conversions * shape
                denominator += shape * shape
            }
            guard denominator > 0 else { continue }
            let saturation = numerator / denominator
            let error = history.samples.reduce(0.0) {
                let residual = $1.conversions - saturation * (1 - exp(-$1.budget / scale))
                return $0 + residual * residual
            }
            if saturation > 0, best == nil || error < best!.error { best = (saturation, scale, error) }
        }
        guard let best else {
            throw AutopilotError(.insufficientData, "budget history of user \(userID) shows no conversions")
        }
        return try AdvertisingBudgetModel(
            userID: userID, saturation: best.saturation, scale: best.scale, sampleCount: history.samples.count)
    }

    /// The stored form: magic `MBAD`, format version, saturation, scale (IEEE 754 bits) and sample count,
    /// little-endian.
    public func encoded() -> [UInt8] {
        var bytes = Self.magic
        BinaryCoding.append(Self.formatVersion, to: &bytes)
        BinaryCoding.append(saturation.bitPattern, to: &bytes)
        BinaryCoding.append(scale.bitPattern, to: &bytes)
        BinaryCoding.append(UInt64(sampleCount), to: &bytes)
        return bytes
    }

    /// Decodes the stored form; throws `.corruptModel` when it does not match.
    public convenience init(userID: String, encoded bytes: [UInt8]) throws {
        var reader = BinaryCoding.Reader(bytes: bytes, kind: "advertising")
        try reader.expectMagic(Self.magic)
        guard try reader.uint32() == Self.formatVersion, reader.remaining == 24 else {
            throw AutopilotError(.corruptModel, "advertising model of \(userID) has an unknown layout; re-seed it")
        }
        let saturation = Double(bitPattern: try reader.uint64())
        let scale = Double(bitPattern: try reader.uint64())
        let count = Int(truncatingIfNeeded: try reader.uint64())
        do {
            try self.init(userID: userID, saturation: saturation, scale: scale, sampleCount: count)
        } catch {
            throw AutopilotError(.corruptModel, "advertising model of \(userID) holds invalid parameters; re-seed it")
        }
    }
}
