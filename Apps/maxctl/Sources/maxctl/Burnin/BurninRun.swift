import Chaos
import Foundation
import PrivateServices
import Synchronization

/// One `maxctl burnin` (or its resumption): the deployment (``LoadSession``), its worker processes, the users at
/// the configured rate until the run's end, a sample every interval, worker restarts with `--disturb`, then
/// the accounting, `report.json` and `report.html`.
struct BurninRun {
    let plan: LoadPlan
    let files: BurninFiles
    let run: BurninFiles.Run
    /// The end-to-end p99 of the baseline given, ms.
    let baselineEndToEndP99Ms: Double?

    func execute() async throws(CommandFailure) -> BurninReport {
        let session = try await LoadSession.open(plan: plan, tag: run.tag, prefix: run.api == nil ? run.prefix : nil)
        let fleet: WorkerFleet
        do {
            fleet = try await WorkerFleet.start(
                count: run.workers, plan: plan, prefix: session.prefix, webhookURL: session.receiver.url,
                label: "burnin")
        } catch {
            await session.close()
            throw error
        }
        let endsAt = run.startedAt + Int64(run.durationSeconds * 1000)
        do {
            try await sampleUntil(endsAt, session: session, fleet: fleet)
        } catch {
            await fleet.stop()
            await session.close()
            throw (error as? CommandFailure) ?? CommandFailure("the burn-in failed: \(error)", exitCode: .warning)
        }
        let (acknowledged, inDoubt) = files.posts()
        Output.printProgress("waiting for \(acknowledged.count) acknowledged posts to be published")
        _ = await PostAccounting.settle(
            tag: run.tag, acknowledged: acknowledged, database: session.database, timeout: .seconds(120))
        let rows = (try? await PostAccounting.rows(tag: run.tag, database: session.database)) ?? []
        await fleet.stop()
        await session.close()
        let posts = PostAccounting.account(rows: rows, acknowledged: acknowledged, inDoubt: Set(inDoubt))
        return try write(posts: posts)
    }

    /// Users, samples and disturbances until `endsAt` (ms since the epoch).
    private func sampleUntil(_ endsAt: Int64, session: LoadSession, fleet: WorkerFleet) async throws {
        let now = Self.nowMs()
        guard endsAt > now else { return }
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(endsAt - now))
        let recorder = LoadRecorder(journal: PostsJournal(files: files))
        let sampler = try BurninSampler(session: session, plan: plan, tag: run.tag, startedAt: run.startedAt, now: now)
        await sampler.prime()
        let disturbances = Disturbances()
        let segment = String(now, radix: 36)
        let (api, token, timeout, think, users) = (session.api, plan.token, plan.timeout, plan.thinkTime, run.users)
        let apiTier = session.apiTier.map { ("api", $0.process.pid) }
        try await withThrowingDiscardingTaskGroup { group in
            for index in 0..<users {
                let user = SimulatedUser(
                    userID: "\(run.tag)-user-\(index)", contentPrefix: "\(run.tag)-\(segment)-u\(index)", api: api,
                    token: token, timeout: timeout, thinkTime: think, recorder: recorder,
                    seed: UInt64(index) &+ UInt64(now))
                group.addTask {
                    await user.run(until: deadline, startingAfter: think * (Double(index) / Double(users)))
                }
            }
            if let every = run.disturbEverySeconds {
                group.addTask {
                    var next = 0
                    while true {
                        let left = deadline - ContinuousClock.now
                        guard left > .seconds(every) else { return }
                        try await Task.sleep(for: .seconds(every))
                        let process = fleet.processes[next % fleet.processes.count]
                        next += 1
                        _ = try? await offPool {
                            process.killNow()
                            return try process.restart()
                        }
                        disturbances.count.withLock { $0 += 1 }
                        Output.printProgress("killed and restarted \(process.name) (now pid \(process.pid))")
                    }
                }
            }
            let interval = Duration.milliseconds(Int64(run.intervalSeconds * 1000))
            while ContinuousClock.now < deadline {
                try await Task.sleep(for: min(interval, deadline - ContinuousClock.now))
                let sample = await sampler.sample(
                    recorded: recorder.takeInterval(), processes: fleet.watched + (apiTier.map { [$0] } ?? []),
                    disturbances: disturbances.count.withLock { count in
                        defer { count = 0 }
                        return count
                    })
                try files.append(sample, to: files.samplesPath)
                Output.printProgress(
                    "\(SVGChart.label(sample.elapsedSeconds / 60, digits: 1)) min: \(sample.api.count) requests "
                        + "(p99 \(SVGChart.label(sample.api.p99Ms ?? 0)) ms), \(sample.postsPublished) published, "
                        + "failed rate \(SVGChart.label((sample.failedRate ?? 0) * 100))%")
            }
        }
    }

    /// Judges the samples on disk and writes `report.json` and `report.html`.
    private func write(posts: PostAccounting) throws(CommandFailure) -> BurninReport {
        let samples = files.lines(files.samplesPath, as: BurninSample.self)
        let verdict = BurninVerdict.judge(
            samples: samples, posts: posts, durationSeconds: run.durationSeconds,
            baselineEndToEndP99Ms: baselineEndToEndP99Ms, disturbed: run.disturbEverySeconds != nil)
        let report = BurninReport(
            run: run, endedAt: Self.nowMs(), sampledSeconds: samples.last?.elapsedSeconds ?? 0, samples: samples.count,
            requests: samples.reduce(0) { $0 + $1.api.count }, apiErrors: samples.reduce(0) { $0 + $1.apiErrors },
            postsPublished: samples.reduce(0) { $0 + $1.postsPublished },
            disturbances: samples.reduce(0) { $0 + $1.disturbances }, posts: posts, verdict: verdict)
        do {
            try files.write(report, to: files.reportPath)
            try Data(BurninPage.html(report, samples: samples, baselineEndToEndP99Ms: baselineEndToEndP99Ms).utf8)
                .write(to: URL(fileURLWithPath: files.pagePath), options: .atomic)
        } catch {
            throw CommandFailure("cannot write the report to \(files.directory): \(error)", exitCode: .warning)
        }
        return report
    }

    static func nowMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

/// Worker restarts since the last sample, counted by the disturber and taken by the sampler.
private final class Disturbances: Sendable {
    let count = Mutex(0)
}
