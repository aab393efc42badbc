import Chaos

/// `report.json` of a burn-in: the run, the totals, the posts' accounting and the verdict. The samples stay in
/// `samples.jsonl`, beside it.
struct BurninReport: Sendable, Codable {
    var run: BurninFiles.Run
    /// When the report was written, ms since the epoch, and how long the run sampled, seconds.
    var endedAt: Int64
    var sampledSeconds: Double
    var samples: Int
    /// Requests, posts and disturbances over the whole run.
    var requests: Int
    var apiErrors: Int
    var postsPublished: Int
    var disturbances: Int
    var posts: PostAccounting
    var verdict: BurninVerdict
}

/// `report.html`: the verdict as a table, then one chart per figure over time with its threshold drawn.
enum BurninPage {
    /// The charts, in the order the page shows them (the test counts them).
    static func charts(_ samples: [BurninSample], baselineEndToEndP99Ms: Double?) -> [SVGChart] {
        func series(_ name: String, _ value: (BurninSample) -> Double?) -> SVGChart.Series {
            SVGChart.Series(name: name, points: samples.map { ($0.elapsedSeconds / 60, value($0)) })
        }
        let queues = Set(samples.flatMap(\.queues.keys)).sorted()
        let caches = Set(samples.flatMap(\.caches.keys)).sorted()
        let processes = Set(samples.flatMap { $0.processes.map(\.name) }).sorted()
        func process(_ name: String, _ value: @escaping (BurninSample.ProcessFigures) -> Double?)
            -> (BurninSample) -> Double?
        {
            { sample in sample.processes.first { $0.name == name }.flatMap(value) }
        }
        return [
            SVGChart(
                title: "API latency", unit: "ms",
                series: [
                    series("p50") { $0.api.p50Ms }, series("p95") { $0.api.p95Ms }, series("p99") { $0.api.p99Ms },
                ],
                threshold: (BurninVerdict.Threshold.apiP99Ms, "p99 limit")),
            SVGChart(
                title: "End to end: posts due → published, and the social-posts jobs (the baseline's measure)",
                unit: "ms",
                series: [
                    series("posts p50") { $0.endToEnd.p50Ms }, series("posts p99") { $0.endToEnd.p99Ms },
                    series("jobs p99") { $0.queues["social-posts"]?.endToEnd?.p99Ms },
                ],
                threshold: baselineEndToEndP99Ms.map {
                    ($0 * BurninVerdict.Threshold.endToEndToleranceFactor, "baseline p99 + 20%")
                }),
            SVGChart(
                title: "Queue processing latency (p95)", unit: "ms",
                series: queues.flatMap { queue in
                    [
                        series("\(queue) wait") { $0.queues[queue]?.wait.p95Ms },
                        series("\(queue) processing") { $0.queues[queue]?.processing.p95Ms },
                    ]
                }, threshold: nil),
            SVGChart(
                title: "Job failure rate", unit: "%", series: [series("failed") { $0.failedRate.map { $0 * 100 } }],
                threshold: (BurninVerdict.Threshold.failedRate * 100, "1% limit")),
            SVGChart(
                title: "Model cache hit rate", unit: "%",
                series: caches.map { cache in series(cache) { $0.caches[cache]?.hitRate.map { $0 * 100 } } },
                threshold: nil),
            SVGChart(
                title: "Resident memory", unit: "MB",
                series: processes.map { name in series(name, process(name) { $0.rssKiB.map { Double($0) / 1024 } }) },
                threshold: nil),
            SVGChart(
                title: "Heap in use", unit: "MB",
                series: processes.map { name in series(name, process(name) { $0.heapMB }) }, threshold: nil),
            SVGChart(
                title: "Redis round trip", unit: "ms", series: [series("PING") { $0.redis.latencyMs }],
                threshold: (100, "MAX_REDIS_LATENCY_MS")),
            SVGChart(
                title: "Redis connections and errors", unit: "per interval",
                series: [
                    series("new connections") { Double($0.redis.newConnections) },
                    series("reconnects") { $0.redis.reconnects.map(Double.init) },
                    series("error replies") { Double($0.redis.errorReplies) },
                    series("worker restarts") { Double($0.disturbances) },
                ], threshold: nil),
            SVGChart(
                title: "Throughput", unit: "posts per interval",
                series: [
                    series("scheduled") { Double($0.postsAcknowledged) },
                    series("published") { Double($0.postsPublished) },
                ], threshold: nil),
        ]
    }

    /// The whole page.
    static func html(_ report: BurninReport, samples: [BurninSample], baselineEndToEndP99Ms: Double?) -> String {
        let rows = report.verdict.criteria.map { criterion in
            let result = criterion.passed.map { $0 ? "pass" : "FAIL" } ?? "not judged"
            return "<tr class=\"\(result == "FAIL" ? "fail" : "")\"><td>\(SVGChart.escaped(criterion.name))</td>"
                + "<td>\(SVGChart.escaped(criterion.rule))</td><td>\(SVGChart.escaped(criterion.measured))</td>"
                + "<td>\(result)</td></tr>"
        }
        let charts = charts(samples, baselineEndToEndP99Ms: baselineEndToEndP99Ms).map(\.html).joined()
        let run = report.run
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>Burn-in \(SVGChart.escaped(run.tag))</title>
            <style>
            body { font: 14px system-ui, sans-serif; margin: 24px; color: #111; }
            table { border-collapse: collapse; margin: 12px 0 24px; }
            td, th { border: 1px solid #ddd; padding: 4px 8px; text-align: left; }
            tr.fail td { background: #fee2e2; }
            figure { margin: 0 0 16px; }
            .verdict { font-size: 20px; font-weight: bold; }
            </style></head><body>
            <h1>Burn-in \(SVGChart.escaped(run.tag))</h1>
            <p>\(SVGChart.label(report.sampledSeconds / 60, digits: 1)) min sampled every \
            \(SVGChart.label(run.intervalSeconds)) s · \(SVGChart.label(run.rate)) posts/s from \(run.users) users · \
            \(run.workers) worker processes\(run.disturbEverySeconds.map { " · a worker killed every \(SVGChart.label($0)) s" } ?? "") · \
            \(report.requests) requests, \(report.postsPublished) posts published, \(report.disturbances) restarts</p>
            <p class="verdict">Verdict: \(report.verdict.passed ? "passed" : "FAILED")</p>
            <table><tr><th>criterion</th><th>rule</th><th>measured</th><th>result</th></tr>
            \(rows.joined(separator: "\n"))
            </table>
            \(charts)
            </body></html>

            """
    }
}
