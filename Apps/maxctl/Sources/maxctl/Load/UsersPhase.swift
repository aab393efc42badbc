import Chaos
import Essentials
import Foundation
import Monitoring
import Synchronization

/// The users of one step: ``LoadPlan/users`` simulated customers for ``LoadPlan/duration``, started staggered
/// over one think time, with a progress line every 5 seconds; then the latency figures and the cache check.
struct UsersPhase {
    /// What the phase measured.
    struct Outcome {
        var seconds: Double
        var requests: Int
        var errors: [String: Int]
        var latency: [String: BaselineFigure]
        var latencyAll: BaselineFigure
        var acknowledged: [AcknowledgedPost]
        var inDoubt: [String]
        var cache: CacheCheck
    }

    let plan: LoadPlan
    let api: String
    /// The step's content tag.
    let tag: String
    let step: Int
    let of: Int

    func run(cache reader: CacheReader) async throws -> Outcome {
        let recorder = LoadRecorder()
        let before = await reader.read()
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = started.advanced(by: plan.duration)
        let progress = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(5))
                if Task.isCancelled { break }
                let counts = recorder.counts
                let elapsed = Int((clock.now - started).fractionalMilliseconds / 1000)
                Output.printProgress(
                    "step \(step)/\(of): \(elapsed) s, \(counts.requests) requests, \(counts.errors) errors, "
                        + "\(counts.acknowledged) posts scheduled")
            }
        }
        await withDiscardingTaskGroup { group in
            for index in 0..<plan.users {
                let user = SimulatedUser(
                    userID: "\(tag)-user-\(index)", contentPrefix: "\(tag)-u\(index)", api: api, token: plan.token,
                    timeout: plan.timeout, thinkTime: plan.thinkTime, recorder: recorder,
                    seed: UInt64(step * 1_000_003 + index))
                let delay = plan.thinkTime * (Double(index) / Double(plan.users))
                group.addTask { await user.run(until: deadline, startingAfter: delay) }
            }
        }
        progress.cancel()
        let seconds = (clock.now - started).fractionalMilliseconds / 1000
        let snapshot = recorder.snapshot
        // The processes publish their cache counters every monitor interval (1 s for the tool's own tier): wait
        // (5 s at most) until they count a lookup for every suggested-time request sent.
        let sent = snapshot.suggestedOrder.count
        let observed = LatestCounters()
        _ = await Deadline.poll(timeout: .seconds(5), interval: .milliseconds(200)) {
            guard let before, let now = await reader.read() else { return false }
            observed.set(now)
            return (now.hits + now.misses) - (before.hits + before.misses) >= sent
        }
        var after = observed.value
        if after == nil { after = await reader.read() }
        var latency: [String: BaselineFigure] = [:]
        for (route, samples) in snapshot.latencies { latency[route.rawValue] = BaselineFigure(samples: samples) }
        let all = snapshot.latencies.values.flatMap { $0 }
        let unanswered = snapshot.errors.filter { $0.key.hasSuffix("no answer") }.values.reduce(0, +)
        return Outcome(
            seconds: seconds, requests: all.count + unanswered, errors: snapshot.errors, latency: latency,
            latencyAll: BaselineFigure(samples: all), acknowledged: snapshot.acknowledged, inDoubt: snapshot.inDoubt,
            cache: CacheReader.check(before: before, after: after, order: snapshot.suggestedOrder))
    }
}

/// The last counters read while waiting for them to catch up.
private final class LatestCounters: Sendable {
    private let latest = Mutex<CacheReader.Counters?>(nil)
    func set(_ counters: CacheReader.Counters) { latest.withLock { $0 = counters } }
    var value: CacheReader.Counters? { latest.withLock { $0 } }
}
