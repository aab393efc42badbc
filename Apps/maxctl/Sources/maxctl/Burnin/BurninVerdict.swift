import Chaos

/// The verdict of a burn-in against the readiness criteria: each criterion with what was measured and
/// whether it passed. Pure: computed from the samples and the posts' accounting.
struct BurninVerdict: Sendable, Codable, Equatable {
    /// One criterion.
    struct Criterion: Sendable, Codable, Equatable {
        var name: String
        /// The rule, e.g. `p99 ≤ 50 ms`.
        var rule: String
        /// What was measured, e.g. `p99 38.2 ms`.
        var measured: String
        /// nil when it could not be judged (no data, no baseline): shown, not failing.
        var passed: Bool?
    }

    var criteria: [Criterion]
    /// True when no criterion failed.
    var passed: Bool { !criteria.contains { $0.passed == false } }

    /// The thresholds the criteria use.
    enum Threshold {
        static let failedRate = 0.01
        static let apiP99Ms = 50.0
        static let endToEndToleranceFactor = 1.2
        static let rssSlopeMBPerHour = 5.0
        static let reconnectsPerHour = 1.0
    }

    /// The shortest stretch after warm-up over which a memory slope is judged.
    static let minimumJudgedMinutes = 10.0

    /// Judges `samples` (in order) of a run of `durationSeconds`; `baselineEndToEndP99Ms` enables the end-to-end
    /// criterion; `disturbed` lifts the reconnect criterion (restarted workers reconnect by design).
    static func judge(
        samples: [BurninSample], posts: PostAccounting, durationSeconds: Double, baselineEndToEndP99Ms: Double?,
        disturbed: Bool
    ) -> BurninVerdict {
        var criteria: [Criterion] = []
        let twice = posts.publishedTwice.count
        let lost = posts.lost.count + posts.failed.count
        criteria.append(
            Criterion(
                name: "publications", rule: "none lost, none duplicated",
                measured: "\(posts.acknowledged) acknowledged, \(posts.publishedOnce) once, \(lost) lost or failed, "
                    + "\(twice) twice, \(posts.inconsistent.count) inconsistent, \(posts.unexpected.count) unexpected",
                passed: posts.failures.isEmpty))
        let completed = samples.reduce(0) { $0 + $1.queues.values.reduce(0) { $0 + $1.completed } }
        let failed = samples.reduce(0) { $0 + $1.queues.values.reduce(0) { $0 + $1.failed } }
        let rate = completed + failed > 0 ? Double(failed) / Double(completed + failed) : nil
        criteria.append(
            Criterion(
                name: "failed rate", rule: "< \(percent(Threshold.failedRate))",
                measured: rate.map { "\(percent($0)) (\(failed) of \(completed + failed) jobs)" } ?? "no jobs finished",
                passed: rate.map { $0 < Threshold.failedRate }))
        var api = LatencyHistogram()
        var endToEnd = LatencyHistogram()
        for sample in samples {
            api.merge(sample.apiHistogram)
            // The posts queue's end to end as `maxctl baseline` measures it (ready → finished, from the jobs),
            // so the comparison with the baseline's `queue/social-posts/endToEnd` is of one measure.
            endToEnd.merge(sample.queues["social-posts"]?.endToEndHistogram ?? LatencyHistogram())
        }
        let worstAPI = samples.compactMap(\.api.p99Ms).max()
        criteria.append(
            Criterion(
                name: "API p99", rule: "≤ \(number(Threshold.apiP99Ms)) ms over the run",
                measured: api.value(at: 0.99).map {
                    "\(number($0)) ms over \(api.count) requests (worst interval \(number(worstAPI ?? 0)) ms)"
                } ?? "no requests",
                passed: api.value(at: 0.99).map { $0 <= Threshold.apiP99Ms }))
        let endToEndP99 = endToEnd.value(at: 0.99)
        let measuredEndToEnd =
            endToEndP99.map { "social-posts \(number($0)) ms over \(endToEnd.count) jobs" } ?? "no posts published"
        if let baseline = baselineEndToEndP99Ms {
            let bound = baseline * Threshold.endToEndToleranceFactor
            criteria.append(
                Criterion(
                    name: "end to end p99", rule: "≤ baseline × 1.2 = \(number(bound)) ms over the run",
                    measured: measuredEndToEnd, passed: endToEndP99.map { $0 <= bound }))
        } else {
            criteria.append(
                Criterion(
                    name: "end to end p99", rule: "within 20% of the baseline (--baseline)",
                    measured: measuredEndToEnd + "; no baseline given", passed: nil))
        }
        let warmUp = durationSeconds >= 3000 ? 600 : durationSeconds / 5
        var slopes: [String] = []
        var slopesPass: Bool?
        for name in Set(samples.flatMap { $0.processes.map(\.name) }).sorted() {
            let points = samples.compactMap { sample -> (Double, Double)? in
                guard sample.elapsedSeconds >= warmUp,
                    let rss = sample.processes.first(where: { $0.name == name })?.rssKiB
                else { return nil }
                return (sample.elapsedSeconds / 3600, Double(rss) / 1024)
            }
            // A slope over a few minutes says more about warm-up than about a leak: judged from 10 minutes on.
            guard let first = points.first, let last = points.last, (last.0 - first.0) * 60 >= minimumJudgedMinutes,
                let slope = leastSquaresSlope(points)
            else { continue }
            slopes.append("\(name) \(number(slope)) MB/h")
            slopesPass = (slopesPass ?? true) && slope < Threshold.rssSlopeMBPerHour
        }
        criteria.append(
            Criterion(
                name: "memory",
                rule: "RSS slope < \(number(Threshold.rssSlopeMBPerHour)) MB/h per process after "
                    + "\(number(warmUp / 60)) min",
                measured: slopes.isEmpty
                    ? "not judged: under \(number(minimumJudgedMinutes)) min after warm-up"
                    : slopes.joined(separator: ", "),
                passed: slopesPass))
        let reconnects = samples.filter { $0.elapsedSeconds >= warmUp }.reduce(0) {
            $0 + ($1.redis.reconnects ?? $1.redis.newConnections)
        }
        let hours = max(durationSeconds / 3600, 1)
        criteria.append(
            Criterion(
                name: "Redis reconnects",
                rule: disturbed
                    ? "reported (with --disturb, restarted workers reconnect)"
                    : "≤ \(number(Threshold.reconnectsPerHour)) per hour after warm-up",
                measured: "\(reconnects) reconnects (new connections beyond the pools' growth)",
                passed: disturbed ? nil : Double(reconnects) <= Threshold.reconnectsPerHour * hours))
        return BurninVerdict(criteria: criteria)
    }

    /// The slope of a least-squares line through `points` (x, y); nil for fewer than 3 points or one x.
    static func leastSquaresSlope(_ points: [(Double, Double)]) -> Double? {
        guard points.count >= 3 else { return nil }
        let n = Double(points.count)
        let meanX = points.reduce(0) { $0 + $1.0 } / n
        let meanY = points.reduce(0) { $0 + $1.1 } / n
        let sxx = points.reduce(0) { $0 + ($1.0 - meanX) * ($1.0 - meanX) }
        guard sxx > 0 else { return nil }
        let sxy = points.reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        return sxy / sxx
    }

    private static func percent(_ value: Double) -> String { number(value * 100, digits: 2) + "%" }

    private static func number(_ value: Double, digits: Int = 1) -> String { Output.number(value, digits: digits) }
}
