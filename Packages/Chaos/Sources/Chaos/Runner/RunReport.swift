/// The `--json` report: every scenario's verdict and evidence, and the overall figures.
struct RunReport: Sendable, Codable, Equatable {
    /// One scenario's result.
    struct ScenarioResult: Sendable, Codable, Equatable {
        /// Its short name.
        var name: String
        /// The spec's title.
        var title: String
        /// The verdict (an error during set-up is a failed verdict naming it).
        var verdict: Verdict
        /// Wall time in ms.
        var durationMs: Int
        /// Steps, signals, restarts, job ids, accounting, figures.
        var evidence: Evidence.Snapshot
    }

    /// The package version that ran.
    var version = ChaosVersion.string
    /// When the run started (ISO 8601, UTC).
    var startedAt: String
    /// The results in run order.
    var scenarios: [ScenarioResult] = []
    /// Scenarios passed.
    var passed: Int { scenarios.filter(\.verdict.passed).count }
    /// The summary lines printed at the end.
    var summary: [String] { Summary.lines(passed: passed, total: scenarios.count) }

    private enum CodingKeys: String, CodingKey { case version, startedAt, scenarios, passed, total, summary }

    /// Creates an empty report.
    init(startedAt: String) { self.startedAt = startedAt }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(String.self, forKey: .version)
        startedAt = try container.decode(String.self, forKey: .startedAt)
        scenarios = try container.decode([ScenarioResult].self, forKey: .scenarios)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(scenarios, forKey: .scenarios)
        try container.encode(passed, forKey: .passed)
        try container.encode(scenarios.count, forKey: .total)
        try container.encode(summary, forKey: .summary)
    }
}
