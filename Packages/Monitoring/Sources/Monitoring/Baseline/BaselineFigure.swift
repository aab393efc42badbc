/// One figure of a baseline: how many samples, and their percentiles in milliseconds.
///
/// A measured figure has every percentile (nearest rank, ``Percentiles``); a figure taken from what an
/// endpoint already summarises (model load times: a mean and a p95) has only those, the others nil. A figure
/// without samples has `count` 0 and no percentiles.
public struct BaselineFigure: Codable, Sendable, Equatable {
    /// How many samples the figure summarises (model loads: the cache's loads since start).
    public var count: Int
    /// Median, ms.
    public var p50Ms: Double?
    /// 90th percentile, ms.
    public var p90Ms: Double?
    /// 95th percentile, ms (the percentile `compare` decides on first).
    public var p95Ms: Double?
    /// 99th percentile, ms (decides only with enough samples, ``BaselineComparison/minimumCountForP99``).
    public var p99Ms: Double?
    /// Largest sample, ms.
    public var maxMs: Double?
    /// Arithmetic mean, ms, where only a mean is known (model loads).
    public var meanMs: Double?

    /// The percentiles of `samples` (ms); count 0 and no percentiles when empty.
    public init(samples: [Double]) {
        let percentiles = Percentiles(samples)
        count = percentiles.count
        p50Ms = percentiles.value(at: 0.5)
        p90Ms = percentiles.value(at: 0.9)
        p95Ms = percentiles.value(at: 0.95)
        p99Ms = percentiles.value(at: 0.99)
        maxMs = percentiles.value(at: 1)
    }

    /// A figure known only as a summary (`count` samples with this mean and p95); no percentiles when
    /// `count` is 0.
    public init(count: Int, meanMs: Double, p95Ms: Double) {
        self.count = count
        if count > 0 {
            self.meanMs = meanMs
            self.p95Ms = p95Ms
        }
    }

    /// Every figure multiplied by `factor` (the tests' doctored baselines).
    public func scaled(by factor: Double) -> BaselineFigure {
        var copy = self
        for path in [\BaselineFigure.p50Ms, \.p90Ms, \.p95Ms, \.p99Ms, \.maxMs, \.meanMs] {
            copy[keyPath: path] = self[keyPath: path].map { $0 * factor }
        }
        return copy
    }
}
