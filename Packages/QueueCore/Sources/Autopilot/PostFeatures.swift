/// Turns a post's text into the social model's feature vector (feature hashing).
///
/// Each lowercased word adds ±1 to one of `dimension` buckets chosen by a stable hash, so the same text gives
/// the same vector in every process; the vector is scaled to unit length. Bucket 0 carries the text's length
/// (longer posts behave differently) and hashtags, links and mentions add to their own words' buckets.
public enum PostFeatures {
    /// The feature vector of `text` with `dimension` entries (at least 1).
    public static func vector(for text: String, dimension: Int) -> [Float] {
        let dimension = max(dimension, 1)
        var vector = [Float](repeating: 0, count: dimension)
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "#" && $0 != "@" }
        for word in words {
            let hash = StableHash.fnv1a(word)
            let bucket = Int(hash % UInt64(dimension))
            vector[bucket] += (hash >> 63) == 0 ? 1 : -1
        }
        // Length in [−1, 1]: about 0 for a 140-character post.
        vector[0] += Float(min(max((Double(text.count) - 140) / 140, -1), 1))
        let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }
}
