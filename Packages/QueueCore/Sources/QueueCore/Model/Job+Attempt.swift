extension Job {
    /// The attempt a processor is running now (1-based): `attemptsStarted` (`ats`, counted when the job was
    /// fetched), or one more than the finished attempts for jobs written by producers without `ats`.
    public var currentAttempt: Int { max(attemptsStarted, attemptsMade + 1) }
}
