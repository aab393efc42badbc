/// Picks at most `points` evenly spaced entries of a series, always keeping the first and the last, so a
/// sparkline of 100 retained samples drawn at 60 points keeps its ends and its shape. Pure.
enum Downsampling {
    /// The indices of `count` entries to keep for at most `points` (≥ 2) points, ascending; every index when
    /// `count <= points`.
    static func indices(count: Int, points: Int) -> [Int] {
        guard count > points, points >= 2 else { return Array(0..<max(count, 0)) }
        let last = count - 1
        // Index i of the result is round(i * last / (points - 1)): evenly spaced, first 0 and last `last`.
        return (0..<points).map { ($0 * last + (points - 1) / 2) / (points - 1) }
    }

    /// `values` thinned to at most `points` entries by ``indices(count:points:)``.
    static func thin<T>(_ values: [T], points: Int) -> [T] {
        indices(count: values.count, points: points).map { values[$0] }
    }
}
