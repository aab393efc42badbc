import Monitoring

/// The body of `/api/monitoring/ai-models`: the report's fields (fleet totals when worker processes publish
/// telemetry, else this process's caches) plus `instanceDetail`, one line per reporting process.
struct AIModelsBody: Encodable, Sendable {
    /// The totals, alerts and status.
    let report: AIModelsReport
    /// Per process, sorted by name; empty when the figures are this process's own (nothing published).
    let instanceDetail: [InstanceTelemetry]

    private enum CodingKeys: String, CodingKey { case instanceDetail }

    /// Encodes the report's keys and `instanceDetail` side by side in one JSON object.
    func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(instanceDetail, forKey: .instanceDetail)
    }
}
