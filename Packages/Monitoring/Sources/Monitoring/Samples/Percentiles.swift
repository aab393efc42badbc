/// Nearest-rank percentiles of a sample, for the baseline figures. Pure.
///
/// Nearest rank (the value at position ⌈q·n⌉ of the sorted sample) always answers a value that was
/// measured, which is what a latency baseline should compare. AIModelCache's `p95LoadTimeMs` uses the same
/// definition but cannot call this (AIModelCache sits below Monitoring); ``Median`` stays apart because the
/// Redis latency threshold compares the classic median (mean of the middle two).
public struct Percentiles: Sendable, Equatable {
    /// The sample, sorted ascending.
    public let sorted: [Double]

    /// Sorts `values` once; every percentile then costs O(1).
    public init(_ values: [Double]) {
        sorted = values.sorted()
    }

    /// The number of values.
    public var count: Int { sorted.count }

    /// The `quantile` (0...1) by nearest rank; nil for an empty sample. 0 answers the minimum, 1 the maximum.
    public func value(at quantile: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((Double(sorted.count) * min(max(quantile, 0), 1)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
