import Foundation
import RedisClient

extension Worker {
    /// Runs `first`, then keeps fetching the next job in the same round trip as each result (fetch-next),
    /// until the queue has nothing ready or the worker closes.
    func processChain(first: Job, token: String) async {
        defer { state.chainEnded() }
        var current: Job? = first
        while let job = current, !Task.isCancelled {
            state.hold(job.id, token: token)
            do {
                current = try await process(job, token: token)
            } catch {
                state.release(job.id)
                if let error = error as? QueueError, error.code == .lockLost {
                    report(.lockLost(jobId: job.id))
                } else if !Task.isCancelled {
                    report(.error("finishing job \(job.id) of \(queueName) failed: \(error)"))
                }
                current = nil
            }
        }
    }

    /// Runs one job and records the outcome; returns the next job when fetch-next handed one out.
    private func process(_ job: Job, token: String) async throws -> Job? {
        if let feature = job.unsupportedFeature {
            let reason =
                "refused by this worker: the job uses \(feature), which Max Booster's QueueCore does not implement;"
                + " process it with a BullMQ worker"
            return try await finish(job, token: token, failure: reason, stack: [], retryable: false, elapsed: .zero)
        }
        if job.fields["rjk"] != nil { await scheduleNextIteration(after: job) }
        if let reason = job.deferredFailure {
            return try await finish(job, token: token, failure: reason, stack: [], retryable: false, elapsed: .zero)
        }
        let clock = ContinuousClock()
        let started = clock.now
        let control = JobControl()
        do {
            let result = try await runProcessor(job, token: token, control: control)
            let elapsed = clock.now - started
            if Task.isCancelled { return nil }  // forced close: leave the job to the stalled check
            return try await complete(job, token: token, result: result, elapsed: elapsed)
        } catch is DelayedError, is WaitingChildrenError {
            state.release(job.id)
            return try await fetchNextUnlessClosing(token: token)
        } catch is RateLimitError {
            state.release(job.id)
            return nil  // the fetch loop waits out the limit
        } catch {
            let elapsed = clock.now - started
            if Task.isCancelled { return nil }
            let reason = (error as? UnrecoverableError)?.message ?? String(describing: error)
            let stack = ["\(type(of: error)): \(reason)"]
            let retryable = !(error is UnrecoverableError) && !control.isDiscarded
            return try await finish(
                job, token: token, failure: reason, stack: stack, retryable: retryable, elapsed: elapsed)
        }
    }

    /// Runs the processor in a task of its own, which a lost lock cancels (`WorkerState.markLost`) as well as
    /// cancelling this one (a forced close).
    private func runProcessor(_ job: Job, token: String, control: JobControl) async throws -> String {
        let context = JobContext(job: job, queue: queue, token: token, control: control)
        let processor = self.processor
        let running = Task { try await JobContext.$current.withValue(context) { try await processor(job) } }
        state.setCancelProcessor(job.id) { running.cancel() }
        defer { state.setCancelProcessor(job.id, nil) }
        return try await withTaskCancellationHandler {
            try await running.value
        } onCancel: {
            running.cancel()
        }
    }

    private func fetchNextUnlessClosing(token: String) async throws -> Job? {
        guard !state.isClosing else { return nil }
        if case .job(let next) = try await fetch(token: token) { return next }
        return nil
    }

    /// Creates the next iteration of the job scheduler `job` belongs to, as BullMQ's workers do when they take
    /// an iteration. A failure is reported, and the job still runs (as in BullMQ): the scheduler then stops
    /// until it is upserted again.
    private func scheduleNextIteration(after job: Job) async {
        do {
            try await queue.scheduleNextIteration(after: job)
        } catch {
            report(.error("creating the next iteration of job scheduler \(job.fields["rjk"] ?? "") failed: \(error)"))
        }
    }

    private func complete(_ job: Job, token: String, result: String, elapsed: Duration) async throws -> Job? {
        let keep = job.options.removeOnComplete ?? configuration.removeOnComplete
        let next = try await moveToFinished(
            job, token: token, target: "completed", value: result, keep: keep, stack: "")
        state.release(job.id)
        report(.completed(jobId: job.id, processingTime: elapsed))
        return next
    }

    /// Retries the failed attempt with the job's backoff while attempts remain, else fails it for good.
    private func finish(
        _ job: Job, token: String, failure reason: String, stack: [String], retryable: Bool, elapsed: Duration
    ) async throws -> Job? {
        // Like BullMQ, the stack list accumulates one entry per failed attempt, newest last.
        let frames = job.stacktrace + stack
        let limit = job.options.stackTraceLimit ?? frames.count
        let stackJSON = JSONValue.array(frames.suffix(max(limit, 0)).map(JSONValue.string)).jsonText
        let attempt = job.attemptsMade + 1
        if retryable && attempt < job.options.attempts {
            let delay = job.options.backoff?.delay(afterAttempt: attempt, random: Double.random(in: 0..<1)) ?? 0
            let arguments = [
                job.id, token, String(Queue.nowMs()), String(delay), reason, stackJSON, job.options.lifo ? "1" : "0",
            ]
            let code = try await queue.run(QueueScript.retryAttempt, arguments).int ?? 0
            state.release(job.id)
            try ScriptReply.check(code, context: "retry job \(job.id)")
            report(.failed(jobId: job.id, reason: reason, willRetry: true, processingTime: elapsed))
            return try await fetchNextUnlessClosing(token: token)
        }
        let keep = job.options.removeOnFail ?? configuration.removeOnFail
        let next = try await moveToFinished(
            job, token: token, target: "failed", value: reason, keep: keep, stack: stackJSON)
        state.release(job.id)
        report(.failed(jobId: job.id, reason: reason, willRetry: false, processingTime: elapsed))
        return next
    }

    private func moveToFinished(
        _ job: Job, token: String, target: String, value: String, keep: KeepJobs, stack: String
    ) async throws -> Job? {
        let fetchNext = !state.isClosing
        let arguments =
            [job.id, token, String(Queue.nowMs()), target, value] + keep.scriptArguments
            + [
                configuration.metricsMaxDataPoints.map(String.init) ?? "", stack, String(job.options.attempts),
                fetchNext ? "1" : "0",
            ] + fetchArguments
        // The script's lock check is the authority (-2/-6 throw `.lockLost`): a renewal that raced with this
        // finish may have seen the lock already released.
        let reply = try await queue.run(QueueScript.moveToFinished, arguments)
        state.release(job.id)
        switch try ScriptReply.fetch(reply, context: "moveToFinished \(job.id)") {
        case .job(let next): return next
        default: return nil
        }
    }
}
