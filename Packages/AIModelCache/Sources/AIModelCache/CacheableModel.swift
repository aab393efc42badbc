/// A model the cache can hold: immutable or otherwise safe to share, and able to estimate its own size.
///
/// The cache holds the model by value (for a class, one strong reference) and hands the same model to
/// every caller until it is evicted.
public protocol CacheableModel: Sendable {
    /// The estimated memory the model holds, in bytes. Read once when the model enters the cache; must be
    /// non-negative. Used for the optional byte bound and for the `estimatedModelBytes` telemetry.
    var estimatedBytes: Int { get }
}
