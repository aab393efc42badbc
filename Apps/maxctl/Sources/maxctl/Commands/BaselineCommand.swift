import CommandLineArguments
import Foundation
import Monitoring
import PostgresClient

/// `maxctl baseline capture` and `maxctl baseline compare`: a performance baseline (latency percentiles with
/// sample counts) stored as JSON and, when a database is configured, in PostgreSQL; compared Nagios-style.
struct BaselineCommand {
    static let help = """
        USAGE: maxctl baseline capture [--duration D] [--out FILE] [options]
               maxctl baseline compare [--against FILE|latest] [--current FILE] [--tolerance 20%] [options]

        capture measures for D (default 60s): each monitoring endpoint's latency (a GET every 250 ms), Redis's
        PING round trip (every 50 ms), then per queue the wait (added → started), processing and end-to-end
        times of the jobs that finished in the window (BullMQ's job timestamps), and the model caches' load
        times from /api/monitoring/ai-models. It writes one JSON document (schema: docs/OPERATIONS.md)
        atomically to FILE (default <dir>/baseline-<UTC time>.json) and, when --database or DATABASE_URL is
        set, inserts it into the baselines table.

        compare captures anew for D (or reads --current FILE) and compares each figure with the baseline
        (--against FILE, or latest: the newest in the database when one is configured, else in <dir>). Only
        slower counts: a figure whose p95 (or p99, with 20+ samples on both sides) is slower by more than the
        tolerance is worse, by more than twice the tolerance far worse; deltas are relative to
        max(baseline, 1 ms).

        OPTIONS:
          --duration D        how long to measure, e.g. 2s, 60s (default 60s)
          --out FILE          capture: where to write the document
          --against F         compare: a baseline file, or latest (default)
          --current FILE      compare: a captured file instead of measuring now
          --tolerance P       compare: allowed slowdown in percent, e.g. 20% (default 20%)
          --queues A,B        the queues to read (default: every queue under the prefix)
          --dir DIR           where default names and latest live (env MAXCTL_BASELINE_DIR, default .run/baselines)
          --database URL      PostgreSQL for the baselines table (env DATABASE_URL; unset: files only)
        \(CommonOptions.help)

        EXIT STATUS: capture: 0 written, 1 not written, 2 API, Redis or PostgreSQL unreachable, 3 bad arguments.
        compare: 0 within tolerance, 1 worse, 2 far worse or a figure missing, 3 cannot measure (API or Redis
        unreachable, no baseline, a baseline of another schemaVersion, bad arguments).
        """

    /// The subcommand.
    enum Action: String { case capture, compare }

    let action: Action
    let options: CommonOptions
    let duration: Duration
    let queues: [String]?
    let files: BaselineFiles
    /// The database URL when one is configured (`--database` or `DATABASE_URL`), else nil.
    let databaseURL: String?
    let out: String?
    let against: String
    let current: String?
    /// Percent.
    let tolerance: Double

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let parsed = try ParsedArguments(
            arguments,
            valueOptions: CommonOptions.valueOptions.union([
                "duration", "out", "against", "current", "tolerance", "queues", "dir", "database",
            ]), flagOptions: CommonOptions.flagOptions)
        guard let first = parsed.positionals.first, let action = Action(rawValue: first) else {
            throw UsageError("baseline needs a subcommand: capture or compare")
        }
        guard parsed.positionals.count == 1 else {
            throw UsageError("baseline \(first) takes no operands (got '\(parsed.positionals[1])')")
        }
        self.action = action
        options = try CommonOptions(parsed, environment: environment)
        duration = try parsed.positiveDuration("duration", default: "60s") ?? .seconds(60)
        queues = parsed.value("queues").map {
            $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let queues, queues.isEmpty { throw UsageError("--queues needs at least one queue name") }
        let settings = MaxctlSettings(parsed, environment: environment)
        files = BaselineFiles(directory: settings.string(.baselineDirectory))
        databaseURL = settings.explicitValue(.database)
        out = parsed.value("out")
        against = parsed.value("against") ?? "latest"
        current = parsed.value("current")
        tolerance = try Self.percentage(parsed.value("tolerance") ?? "20%")
        if action == .capture,
            let option = ["against", "current", "tolerance"].first(where: { parsed.value($0) != nil })
        {
            throw UsageError("--\(option) belongs to baseline compare, not capture")
        }
        if action == .compare, parsed.value("out") != nil {
            throw UsageError("--out belongs to baseline capture, not compare")
        }
    }

    /// `20%` or `20` → 20.
    static func percentage(_ text: String) throws(UsageError) -> Double {
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = Double(number), value.isFinite, value > 0 else {
            throw UsageError("--tolerance '\(text)' must be a positive percentage such as 20%")
        }
        return value
    }

    func run() async -> ExitCode {
        await CommandFailure.reported {
            switch action {
            case .capture: try await capture()
            case .compare: try await compare()
            }
        }
    }

    private func capture() async throws(CommandFailure) -> ExitCode {
        let document = try await BaselineCapture(options: options, duration: duration, queues: queues)
            .run(unreachable: .critical)
        let path = out ?? files.defaultPath(capturedAt: document.capturedAt)
        try files.write(document, to: path)
        var row: Int?
        if let databaseURL {
            do {
                let database = try PostgresClient(configuration: .init(url: databaseURL))
                defer { database.close() }
                let store = BaselineStore(database: database)
                try await store.migrate()
                row = try await store.save(document)
            } catch {
                throw CommandFailure(
                    "baseline written to \(path), but storing it in PostgreSQL failed: \(error) "
                        + "(check --database / DATABASE_URL)", exitCode: .critical)
            }
        }
        options.json ? Output.printJSON(document) : Output.printBaseline(document, writtenTo: path, storedAs: row)
        return .ok
    }

    private func compare() async throws(CommandFailure) -> ExitCode {
        let (baseline, origin) = try await loadBaseline()
        let now: BaselineDocument
        if let current {
            now = try files.read(current)
        } else {
            now = try await BaselineCapture(options: options, duration: duration, queues: queues)
                .run(unreachable: .unknown)
        }
        let comparison = BaselineComparison(baseline: baseline, current: now, tolerancePercent: tolerance)
        options.json ? Output.printJSON(comparison) : Output.printComparison(comparison, against: origin)
        return ExitCode(rawValue: comparison.exitCode) ?? .unknown
    }

    /// The baseline `--against` names, and where it came from; `latest` prefers the database when configured.
    private func loadBaseline() async throws(CommandFailure) -> (BaselineDocument, String) {
        guard against == "latest" else { return (try files.read(against), against) }
        if let databaseURL {
            do {
                let database = try PostgresClient(configuration: .init(url: databaseURL))
                defer { database.close() }
                if let document = try await BaselineStore(database: database).latest() {
                    return (document, "the latest baseline in PostgreSQL at \(database.address)")
                }
            } catch {
                throw CommandFailure(
                    "cannot read the latest baseline from PostgreSQL: \(error) (check --database / DATABASE_URL)",
                    exitCode: .unknown)
            }
        }
        guard let path = files.latestPath() else {
            throw CommandFailure(
                "no baseline found (\(databaseURL == nil ? "" : "none in PostgreSQL, ")none in \(files.directory)): "
                    + "capture one with `maxctl baseline capture`, or pass --against FILE", exitCode: .unknown)
        }
        return (try files.read(path), path)
    }
}
