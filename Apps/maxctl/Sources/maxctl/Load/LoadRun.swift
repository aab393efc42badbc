import Chaos
import Essentials
import Foundation
import HTTPServe
import Monitoring
import PostgresClient
import PrivateServices
import QueueCore
import RedisClient
import ScheduledPosts
import Synchronization

/// One `maxctl load` run: the receiver, the API tier (its own or `--api`), then each step of ``LoadPlan``
/// (worker processes, drain, users, accounting) in turn; everything it started is stopped on every path.
struct LoadRun {
    let plan: LoadPlan

    func run() async throws(CommandFailure) -> LoadReport {
        let tag = Self.makeTag()
        let session = try await LoadSession.open(plan: plan, tag: tag)
        var report = LoadReport(
            tag: tag, startedAt: MonitoringJSON.timestamp(Date()), users: plan.users,
            durationSeconds: plan.duration.fractionalMilliseconds / 1000, api: session.api,
            ownAPITier: session.apiTier != nil, steps: [], failures: [])
        do {
            for (index, count) in plan.workerCounts.enumerated() {
                var step = try await runStep(index: index, workers: count, tag: "\(tag)-s\(index + 1)", session)
                if let first = report.steps.first ?? (index == 0 ? step : nil), first.drain.postsPerSecond > 0 {
                    let perProcess = first.drain.postsPerSecond / Double(first.workers)
                    step.scalingEfficiency = step.drain.postsPerSecond / (Double(count) * perProcess)
                }
                report.failures += Self.failures(of: step)
                report.steps.append(step)
            }
        } catch {
            await session.close()
            throw error
        }
        await session.close()
        return report
    }

    /// One step: `workers` processes, the drain, the users, the accounting.
    private func runStep(index: Int, workers: Int, tag: String, _ session: LoadSession) async throws(CommandFailure)
        -> LoadReport.Step
    {
        let total = plan.workerCounts.count
        Output.printProgress("step \(index + 1)/\(total): starting \(workers) worker process(es)")
        let fleet = try await WorkerFleet.start(
            count: workers, plan: plan, prefix: session.prefix, webhookURL: session.receiver.url,
            label: "step\(index + 1)")
        var watched = fleet.watched
        if let apiTier = session.apiTier { watched.append(("api", apiTier.process.pid)) }
        let watch = ResourceWatch(watched)
        let watching = Task { await watch.run(every: .seconds(1)) }
        let started = ContinuousClock.now
        defer { watching.cancel() }
        do {
            let backlog = plan.backlogPerWorker * workers
            Output.printProgress("step \(index + 1)/\(total): draining \(backlog) due posts")
            let drain = BacklogDrain(
                scheduler: session.scheduler, postsQueue: session.postsQueue,
                published: session.apiTier == nil ? session.publishedCount : session.receiver.delivered)
            let (drained, drainPosts) = try await drain.run(
                count: backlog, tag: "\(tag)-drain", bound: .seconds(60) + .milliseconds(backlog * 100))
            Output.printProgress(
                "step \(index + 1)/\(total): drained \(drained.posts) posts in "
                    + String(format: "%.2f s (%.1f posts/s)", drained.seconds, drained.postsPerSecond))
            let users = try await UsersPhase(plan: plan, api: session.api, tag: tag, step: index + 1, of: total)
                .run(cache: CacheReader(plan: plan, api: session.api, apiPID: session.apiTier?.process.pid))
            let accounting = try await account(
                tag: tag, acknowledged: drainPosts + users.acknowledged, inDoubt: users.inDoubt, session)
            let endToEnd = try await endToEndTimes(contentPrefix: "\(tag)-u", session.database)
            await fleet.stop()
            watching.cancel()
            let trends = watch.trends(soak: ContinuousClock.now - started)
            return LoadReport.Step(
                workers: workers, drain: drained, scalingEfficiency: nil, seconds: users.seconds,
                requests: users.requests, requestsPerSecond: Double(users.requests) / max(users.seconds, 0.001),
                postsPerSecond: Double(users.acknowledged.count) / max(users.seconds, 0.001), errors: users.errors,
                latency: users.latency, latencyAll: users.latencyAll, endToEnd: BaselineFigure(samples: endToEnd),
                posts: accounting.posts,
                deliveredMoreThanOnce: session.receiver.deliveredMoreThanOnce(accounting.ids), cache: users.cache,
                processes: trends)
        } catch {
            await fleet.stop()
            throw (error as? CommandFailure)
                ?? CommandFailure("load step \(index + 1) failed: \(error)", exitCode: .critical)
        }
    }

    /// Waits (2 minutes at most) for every acknowledged post to leave `scheduled`/`queued`, then accounts.
    private func account(
        tag: String, acknowledged: [AcknowledgedPost], inDoubt: [String], _ session: LoadSession
    ) async throws -> (posts: PostAccounting, ids: [Int]) {
        Output.printProgress("waiting for \(acknowledged.count) acknowledged posts to be published")
        _ = await PostAccounting.settle(
            tag: tag, acknowledged: acknowledged, database: session.database, timeout: .seconds(120))
        let rows = try await PostAccounting.rows(tag: tag, database: session.database)
        return (
            PostAccounting.account(rows: rows, acknowledged: acknowledged, inDoubt: Set(inDoubt)),
            acknowledged.map(\.id)
        )
    }

    /// Due → published of the published posts whose content starts with `contentPrefix`, ms.
    private func endToEndTimes(contentPrefix: String, _ database: PostgresClient) async throws -> [Double] {
        let rows = try await database.query(
            """
            SELECT (extract(epoch FROM (u.published_at - p.scheduled_at)) * 1000)::float8 AS ms
            FROM publications u JOIN scheduled_posts p ON p.id = u.post_id WHERE p.content LIKE $1
            """, [.string(contentPrefix + "%")])
        return try rows.map { try $0.decode(Double.self, "ms") }
    }

    /// The failures of a step: its accounting's and an unfinished drain.
    static func failures(of step: LoadReport.Step) -> [String] {
        var failures = step.posts.failures.map { "\(step.workers) worker(s): \($0)" }
        if !step.drain.finished {
            failures.append("\(step.workers) worker(s): the drain of \(step.drain.posts) posts did not finish")
        }
        return failures
    }

    /// `load-<UTC yyyymmddhhmmss>-<4 hex>`: lowercase letters, digits and `-` only (a LIKE pattern and a key prefix).
    static func makeTag() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        return "load-\(formatter.string(from: Date()))-\(String(UInt16.random(in: 0...UInt16.max), radix: 16))"
    }
}
