extension Job {
    /// The BullMQ feature this job relies on that this engine does not implement, named for its failure
    /// reason; nil for a job it can process fully. Such a job is refused (failed with the reason), never run
    /// as if it were plain: a flow child run here would never be counted by its parent, and a scheduler's
    /// iteration would not create the next one.
    public var unsupportedFeature: String? {
        if let parent = fields["parentKey"] ?? fields["parent"] {
            return "flows (parent and child jobs): its parent is \(parent)"
        }
        for policy in ["fpof", "cpof", "idof", "rdof"] where options.other[policy] != nil {
            return "flows (parent and child jobs): its options carry the flow policy `\(policy)`"
        }
        if let scheduler = fields["rjk"] {
            return "job schedulers (repeatable jobs): it is an iteration of scheduler \(scheduler)"
        }
        if options.other["repeat"] != nil {
            return "job schedulers (repeatable jobs): its options carry `repeat`"
        }
        return nil
    }
}
