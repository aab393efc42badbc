import Foundation

/// One past post of a user: when it went out, its features and the engagement it got.
public struct EngagementSample: Sendable, Hashable {
    /// The hour of the week it was published.
    public var hour: HourOfWeek
    /// Its feature vector (`PostFeatures.vector`).
    public var features: [Float]
    /// Engagement observed (likes, shares and comments per 1,000 followers).
    public var engagement: Double

    /// Creates a sample.
    public init(hour: HourOfWeek, features: [Float], engagement: Double) {
        self.hour = hour
        self.features = features
        self.engagement = engagement
    }
}

/// A user's engagement history: real data when the platform has it, or generated from a seed for demos,
/// benchmarks and tests.
public struct EngagementHistory: Sendable {
    /// The samples, in publication order.
    public var samples: [EngagementSample]

    /// A history made of `samples`.
    public init(samples: [EngagementSample]) { self.samples = samples }

    private static let vocabulary = [
        "launch", "sale", "new", "today", "thanks", "team", "video", "live", "update", "tips", "how", "why",
        "free", "guide", "event", "join", "story", "behind", "scenes", "product", "release", "music", "tour",
        "album", "single", "studio", "fans", "weekend", "morning", "night", "#promo", "#music", "#news",
        "@friends", "link", "photo", "limited", "offer", "question", "poll",
    ]

    /// A reproducible history for `userID`: `postsPerHour` posts in every hour of the week, texts drawn from a
    /// small vocabulary, engagement from a user-specific curve (a peak hour, an evening bump, a taste for some
    /// words) plus noise. The same user, dimension and seed always give the same history.
    public static func generate(userID: String, dimension: Int, postsPerHour: Int = 6, seed: UInt64 = 0)
        -> EngagementHistory
    {
        var random = SeededGenerator(key: userID, seed: seed)
        let peak = Int.random(in: 0..<HourOfWeek.count, using: &random)
        let eveningHour = Int.random(in: 17...21, using: &random)
        var taste = (0..<max(dimension, 1)).map { _ in Float(random.normal()) }
        let tasteNorm = taste.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        taste = taste.map { $0 / max(tasteNorm, .ulpOfOne) }
        var samples: [EngagementSample] = []
        samples.reserveCapacity(HourOfWeek.count * postsPerHour)
        for round in 0..<max(postsPerHour, 1) {
            for index in 0..<HourOfWeek.count {
                _ = round
                let words = (0..<Int.random(in: 4...14, using: &random)).map { _ in
                    vocabulary[Int.random(in: 0..<vocabulary.count, using: &random)]
                }
                let features = PostFeatures.vector(for: words.joined(separator: " "), dimension: dimension)
                let hour = HourOfWeek(index)
                let fromPeak = Double(circularDistance(index, peak, period: HourOfWeek.count))
                let fromEvening = Double(circularDistance(hour.hour, eveningHour, period: 24))
                let preference = zip(taste, features).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                let engagement =
                    10 + 40 * exp(-fromPeak * fromPeak / 12.5) + 8 * exp(-fromEvening * fromEvening / 8)
                    + 12 * Double(preference) + random.normal(deviation: 2)
                samples.append(EngagementSample(hour: hour, features: features, engagement: max(engagement, 0)))
            }
        }
        return EngagementHistory(samples: samples)
    }

    /// Mean engagement per hour of the week (nil for hours without samples).
    public func meanEngagementByHour() -> [Double?] {
        var sums = [Double](repeating: 0, count: HourOfWeek.count)
        var counts = [Int](repeating: 0, count: HourOfWeek.count)
        for sample in samples {
            sums[sample.hour.index] += sample.engagement
            counts[sample.hour.index] += 1
        }
        return (0..<HourOfWeek.count).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : nil }
    }

    /// The hour whose posts got the highest mean engagement (the earliest on ties); nil for an empty history.
    public func bestHour() -> HourOfWeek? {
        let means = meanEngagementByHour()
        var best: (index: Int, mean: Double)?
        for (index, mean) in means.enumerated() {
            guard let mean else { continue }
            if best == nil || mean > best!.mean { best = (index, mean) }
        }
        return best.map { HourOfWeek($0.index) }
    }

    private static func circularDistance(_ a: Int, _ b: Int, period: Int) -> Int {
        let distance = abs(a - b) % period
        return min(distance, period - distance)
    }
}
