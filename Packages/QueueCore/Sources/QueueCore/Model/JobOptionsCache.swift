import Synchronization

/// Parsed `opts` by their JSON text: jobs of one producer mostly share the same options text, and a
/// worker parses every fetched job's options, so this saves a JSON decode per job.
enum JobOptionsCache {
    /// Most distinct texts kept; the cache is emptied when full (cheap, and the common case is a handful).
    static let capacity = 512
    private static let entries = Mutex<[String: JobOptions]>([:])

    /// The options for `text`, parsed leniently; invalid text gives the defaults (the job still runs).
    static func options(for text: String) -> JobOptions {
        if let cached = entries.withLock({ $0[text] }) { return cached }
        let parsed = (try? JobOptions(json: text)) ?? JobOptions()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[text] = parsed
        }
        return parsed
    }
}
