/// The median of a sample, for latency figures. Pure.
enum Median {
    /// The median of `values` (mean of the middle two for an even count); nil when empty.
    static func of(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
