/// Thinning a time series for a chart: at most `points` elements, evenly spaced over the series, always keeping the
/// first and the newest. Pure.
public enum Downsampling {
    /// The fewest points a downsampled series may ask for (a line needs two).
    public static let minimumPoints = 2

    /// `series` when it has at most `points` elements (or `points` is nil), else `points` of them picked at evenly
    /// spaced positions from the first to the last.
    public static func evenly<Element>(_ series: [Element], to points: Int?) -> [Element] {
        guard let points, points >= minimumPoints, series.count > points else { return series }
        let last = series.count - 1
        return (0..<points).map { index in series[(index * last) / (points - 1)] }
    }
}
