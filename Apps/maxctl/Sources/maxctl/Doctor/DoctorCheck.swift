/// One line of `maxctl doctor`: what was checked, how it stands, and what to do about it.
struct DoctorCheck: Codable, Equatable, Sendable {
    /// How a check came out; ordered from best to worst.
    enum Status: String, Codable, Comparable, Sendable {
        case ok, warning, critical

        static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }
        private var rank: Int {
            switch self {
            case .ok: 0
            case .warning: 1
            case .critical: 2
            }
        }
    }

    /// Short name: `toolchain`, `redis`, `redis-eviction`, `postgres`.
    var name: String
    var status: Status
    /// What was found, in one sentence.
    var message: String
    /// What to do, when the status is not ok.
    var hint: String?
    /// Measured facts: address, version, latency.
    var details: [String: String] = [:]
}

/// The whole doctor run: every check and the worst status among them.
struct DoctorReport: Codable, Sendable {
    var status: DoctorCheck.Status
    var checks: [DoctorCheck]

    init(checks: [DoctorCheck]) {
        self.checks = checks
        status = checks.map(\.status).max() ?? .ok
    }

    /// The process exit code: 0 all pass, 1 a warning, 2 a dependency down.
    var exitCode: ExitCode {
        switch status {
        case .ok: .ok
        case .warning: .warning
        case .critical: .critical
        }
    }
}
