import Foundation

/// A user's social engagement model: for each hour of the week, a bias and a weight vector over post
/// features; the prediction for a post at an hour is `bias[hour] + weights[hour] · features`.
///
/// The feature dimension follows from the requested size (`dimension(sizeKB:)`), so a model of 64 KB really
/// holds 64 KB of weights. Immutable once built, hence `Sendable` and safe to share from a cache.
public final class SocialEngagementModel: Sendable {
    /// The user the model belongs to.
    public let userID: String
    /// Entries in a feature vector.
    public let dimension: Int
    /// Whether it was fitted to history (false for the default model of a user without one).
    public let isTrained: Bool
    /// One bias per hour of the week (168).
    let bias: [Float]
    /// `dimension` weights per hour of the week, hour-major.
    let weights: [Float]

    static let magic: [UInt8] = Array("MBSE".utf8)
    static let formatVersion: UInt32 = 1

    init(userID: String, dimension: Int, isTrained: Bool, bias: [Float], weights: [Float]) {
        precondition(bias.count == HourOfWeek.count && weights.count == HourOfWeek.count * dimension)
        self.userID = userID
        self.dimension = dimension
        self.isTrained = isTrained
        self.bias = bias
        self.weights = weights
    }

    /// The feature dimension that makes a model of about `sizeKB` kilobytes (at least 1).
    public static func dimension(sizeKB: Int) -> Int {
        max(1, (max(sizeKB, 0) * 1024 - HourOfWeek.count * 4) / (HourOfWeek.count * 4))
    }

    /// Memory held by the weights, in bytes (what a model cache should count).
    public var estimatedBytes: Int { (bias.count + weights.count) * MemoryLayout<Float>.stride + 128 }

    /// The default for a user without a trained model: an evening-peaked daily curve, no feature weights.
    public static func untrained(userID: String, dimension: Int) -> SocialEngagementModel {
        let bias = (0..<HourOfWeek.count).map { index -> Float in
            let distance = Float(abs(HourOfWeek(index).hour - 19))
            return 10 + 8 * exp(-distance * distance / 8)
        }
        return SocialEngagementModel(
            userID: userID, dimension: max(dimension, 1), isTrained: false, bias: bias,
            weights: [Float](repeating: 0, count: HourOfWeek.count * max(dimension, 1)))
    }

    /// Fits a model to `history`: the bias of each hour is its mean engagement, then `epochs` passes of
    /// stochastic gradient descent (with a little weight decay) fit the hour's weights to what the bias leaves
    /// unexplained. Runs on the caller's thread; a 64 KB model on 1,000 samples takes about a millisecond.
    public static func fit(userID: String, history: EngagementHistory, dimension: Int, epochs: Int = 8) throws
        -> SocialEngagementModel
    {
        guard dimension >= 1 else { throw AutopilotError(.invalidParameter, "dimension must be at least 1") }
        guard !history.samples.isEmpty else {
            throw AutopilotError(.insufficientData, "no engagement history for user \(userID); use the default")
        }
        guard history.samples.allSatisfy({ $0.features.count == dimension }) else {
            throw AutopilotError(.invalidParameter, "every sample needs \(dimension) features")
        }
        let overall = history.samples.reduce(0) { $0 + $1.engagement } / Double(history.samples.count)
        let bias = history.meanEngagementByHour().map { Float($0 ?? overall) }
        var weights = [Float](repeating: 0, count: HourOfWeek.count * dimension)
        let rate: Float = 0.3
        let decay: Float = 0.001
        for _ in 0..<max(epochs, 0) {
            for sample in history.samples {
                let base = sample.hour.index * dimension
                var prediction = bias[sample.hour.index]
                for feature in 0..<dimension { prediction += weights[base + feature] * sample.features[feature] }
                let error = Float(sample.engagement) - prediction
                for feature in 0..<dimension {
                    weights[base + feature] +=
                        rate * (error * sample.features[feature] - decay * weights[base + feature])
                }
            }
        }
        return SocialEngagementModel(
            userID: userID, dimension: dimension, isTrained: true, bias: bias, weights: weights)
    }

    /// Predicted engagement of a post with `features` at `hour`; nil features mean a typical post (bias only).
    /// Features of another dimension are ignored past the shorter length.
    public func predict(hour: HourOfWeek, features: [Float]? = nil) -> Double {
        var value = bias[hour.index]
        if let features {
            let base = hour.index * dimension
            for feature in 0..<min(dimension, features.count) { value += weights[base + feature] * features[feature] }
        }
        return Double(value)
    }

    /// Predicted engagement of `text` posted at `date`.
    public func predictedEngagement(text: String, at date: Date) -> Double {
        predict(hour: HourOfWeek(date: date), features: PostFeatures.vector(for: text, dimension: dimension))
    }

    /// The hour of the week with the highest predicted engagement (the earliest on ties); nil features mean a
    /// typical post.
    public func bestHour(features: [Float]? = nil) -> HourOfWeek {
        var best = (index: 0, value: -Double.infinity)
        for index in 0..<HourOfWeek.count {
            let value = predict(hour: HourOfWeek(index), features: features)
            if value > best.value { best = (index, value) }
        }
        return HourOfWeek(best.index)
    }
}
