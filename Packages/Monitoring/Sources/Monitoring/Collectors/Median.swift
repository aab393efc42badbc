/// The median of a sample, for latency figures. Pure.
///
/// The classic median (mean of the middle two), which `maxRedisLatency` compares; baselines use nearest-rank
/// ``Percentiles`` instead, so that every figure they record is a value that was measured.
enum Median {
    /// The median of `values` (mean of the middle two for an even count); nil when empty.
    static func of(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
