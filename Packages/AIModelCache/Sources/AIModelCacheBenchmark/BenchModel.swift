import AIModelCache

/// The model both caches hold in the benchmark: one small object, reporting 1 KiB.
final class BenchModel: CacheableModel {
    let estimatedBytes = 1024
    let user: String

    init(user: String) { self.user = user }
}
