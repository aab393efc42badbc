/// Minimum, maximum and mean of one figure over the samples that had it.
public struct FigureSummary: Codable, Sendable, Equatable {
    /// Smallest value.
    public var min: Double
    /// Largest value.
    public var max: Double
    /// Arithmetic mean.
    public var avg: Double
    /// How many samples had a value.
    public var count: Int

    /// The summary of `values`, or nil when there are none.
    public init?(_ values: [Double]) {
        guard let first = values.first else { return nil }
        var low = first
        var high = first
        var sum = 0.0
        for value in values {
            low = Swift.min(low, value)
            high = Swift.max(high, value)
            sum += value
        }
        self.min = low
        self.max = high
        self.avg = sum / Double(values.count)
        self.count = values.count
    }
}
