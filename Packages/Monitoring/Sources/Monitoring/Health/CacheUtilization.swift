import Foundation

/// The spec's `{current, max, utilizationPercent}` of one model cache; `utilizationPercent` is the
/// spec's one-decimal string (`"12.5"`).
public struct CacheUtilization: Codable, Sendable, Equatable {
    /// Models held.
    public var current: Int
    /// The bound.
    public var max: Int
    /// current ÷ max × 100 with one decimal, as a string.
    public var utilizationPercent: String

    /// Creates the figure; `max` 0 gives `"0.0"`.
    public init(current: Int, max: Int) {
        self.current = current
        self.max = max
        let percent = max > 0 ? Double(current) * 100 / Double(max) : 0
        utilizationPercent = String(format: "%.1f", percent)
    }
}
