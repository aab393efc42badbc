import Foundation

extension Output {
    /// A progress line on stderr (stdout keeps the report, so `--json` stays one document).
    static func printProgress(_ message: String) {
        FileHandle.standardError.write(Data("· \(message)\n".utf8))
    }

    /// `maxctl load`: per step the drain and scaling, the users' throughput, latency and end-to-end figures,
    /// the cache check, process memory and the accounting; then the verdict.
    static func printLoad(_ report: LoadReport) {
        print(
            "load \(report.tag): \(report.users) users, \(number(report.durationSeconds)) s per step, API "
                + "\(report.api)\(report.ownAPITier ? " (the tool's own API tier)" : "")")
        var scaling = Table("WORKERS", "DRAIN POSTS", "DRAIN S", "POSTS/S", "EFFICIENCY")
        var users = Table(
            "WORKERS", "REQUESTS", "REQ/S", "ERRORS", "API P50", "API P95", "API P99", "E2E P50", "E2E P95",
            "E2E P99", "POSTS", "ONCE", "LOST", "TWICE", "FAILED")
        var cache = Table("WORKERS", "CAPACITY", "USERS", "LOOKUPS", "HIT RATE", "LRU PREDICTS", "EVICTIONS")
        var memory = Table("WORKERS", "PROCESS", "PID", "FIRST MIB", "PEAK MIB", "LAST MIB")
        for step in report.steps {
            let workers = "\(step.workers)"
            scaling.add(
                workers, "\(step.drain.posts)", number(step.drain.seconds, digits: 2),
                number(step.drain.postsPerSecond), step.scalingEfficiency.map { number($0, digits: 2) } ?? "-")
            users.add(
                workers, "\(step.requests)", number(step.requestsPerSecond), "\(step.errors.values.reduce(0, +))",
                milliseconds(step.latencyAll.p50Ms), milliseconds(step.latencyAll.p95Ms),
                milliseconds(step.latencyAll.p99Ms), milliseconds(step.endToEnd.p50Ms),
                milliseconds(step.endToEnd.p95Ms), milliseconds(step.endToEnd.p99Ms), "\(step.posts.acknowledged)",
                "\(step.posts.publishedOnce)", "\(step.posts.lost.count)", "\(step.posts.publishedTwice.count)",
                "\(step.posts.failed.count)")
            cache.add(
                workers, "\(step.cache.capacity)", "\(step.cache.users)", "\(step.cache.lookups)",
                step.cache.measuredHitRate.map { number($0 * 100) + "%" } ?? "-",
                step.cache.predictedHitRate.map { number($0 * 100) + "%" } ?? "-",
                step.cache.evictions.map { "\($0)" } ?? "-")
            for process in step.processes {
                memory.add(
                    workers, process.process, "\(process.pid)", number(Double(process.firstRSSKiB) / 1024),
                    number(Double(process.peakRSSKiB) / 1024), number(Double(process.lastRSSKiB) / 1024))
            }
        }
        print("\nscaling (a drain of due posts)\n" + scaling.text)
        print("\nusers (latency and end to end in ms)\n" + users.text)
        print("\nAPI tier's social cache\n" + cache.text)
        print("\nresident memory\n" + memory.text)
        for step in report.steps where !step.errors.isEmpty {
            let errors = step.errors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            print("\nerrors with \(step.workers) worker(s): " + errors.joined(separator: ", "))
        }
        print(report.passed ? "\nverdict: every post published exactly once" : "\nverdict: FAILED")
        for failure in report.failures { print("  - \(failure)") }
    }
}
