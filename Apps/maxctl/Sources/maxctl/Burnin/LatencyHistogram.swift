import Foundation

/// Latencies counted in logarithmic buckets, 8 per doubling from 0.01 ms (a bucket's geometric middle is within
/// 4.5 % of any value in it): mergeable across a burn-in's intervals, so the whole run's percentiles come from its samples
/// without keeping every latency. Encoded sparsely, bucket index → count.
struct LatencyHistogram: Sendable, Codable, Equatable {
    /// Bucket index (as text: JSON object keys) → count.
    private(set) var counts: [String: Int] = [:]

    private static let smallest = 0.01
    private static let perDoubling = 8.0

    /// The histogram of `milliseconds`.
    init(_ milliseconds: [Double] = []) {
        for value in milliseconds { counts[String(Self.bucket(value)), default: 0] += 1 }
    }

    /// How many latencies it holds.
    var count: Int { counts.values.reduce(0, +) }

    /// Adds `other`'s counts.
    mutating func merge(_ other: LatencyHistogram) {
        counts.merge(other.counts, uniquingKeysWith: +)
    }

    /// The geometric middle of the bucket holding the `quantile` (nearest rank), nil when empty.
    func value(at quantile: Double) -> Double? {
        let total = count
        guard total > 0 else { return nil }
        let rank = max(1, Int((Double(total) * min(max(quantile, 0), 1)).rounded(.up)))
        var seen = 0
        for (index, count) in counts.compactMap({ key, count in Int(key).map { ($0, count) } }).sorted(by: {
            $0.0 < $1.0
        }) {
            seen += count
            if seen >= rank { return Self.middle(index) }
        }
        return nil
    }

    static func bucket(_ milliseconds: Double) -> Int {
        guard milliseconds.isFinite, milliseconds > smallest else { return 0 }
        return Int((perDoubling * log2(milliseconds / smallest)).rounded(.down))
    }

    static func middle(_ bucket: Int) -> Double {
        smallest * pow(2, (Double(bucket) + 0.5) / perDoubling)
    }
}
