extension Job {
    /// The BullMQ feature this job relies on that this engine does not implement, named for its failure
    /// reason; nil for a job it can process fully. Such a job is refused (failed with the reason), never run
    /// as if it were plain: a legacy repeatable job would not create its next run. (Flows are implemented:
    /// see `FlowProducer`.)
    public var unsupportedFeature: String? {
        // A job scheduler's id has at most three `:`; BullMQ's legacy repeatable jobs (`Queue.add` with
        // `repeat`) name a key of five or more parts, whose next run the old `repeat` mechanism creates.
        if let scheduler = fields["rjk"], scheduler.split(separator: ":", omittingEmptySubsequences: false).count >= 5 {
            return "legacy repeatable jobs (added with `repeat`, key \(scheduler)); use job schedulers"
        }
        if fields["rjk"] == nil, options.other["repeat"] != nil {
            return "legacy repeatable jobs (its options carry `repeat` but it names no job scheduler)"
        }
        return nil
    }
}
