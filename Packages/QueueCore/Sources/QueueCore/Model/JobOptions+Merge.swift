extension JobOptions {
    /// These options with `defaults` filling every option left at its default value.
    public func merged(over defaults: JobOptions) -> JobOptions {
        var merged = self
        if delay == 0 { merged.delay = defaults.delay }
        if priority == 0 { merged.priority = defaults.priority }
        if attempts == 0 { merged.attempts = defaults.attempts }
        if !lifo { merged.lifo = defaults.lifo }
        merged.backoff = backoff ?? defaults.backoff
        merged.removeOnComplete = removeOnComplete ?? defaults.removeOnComplete
        merged.removeOnFail = removeOnFail ?? defaults.removeOnFail
        merged.stackTraceLimit = stackTraceLimit ?? defaults.stackTraceLimit
        merged.deduplication = deduplication ?? defaults.deduplication
        merged.keepLogs = keepLogs ?? defaults.keepLogs
        merged.other = defaults.other.merging(other) { _, own in own }
        return merged
    }
}
