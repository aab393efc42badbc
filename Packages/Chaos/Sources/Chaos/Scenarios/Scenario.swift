/// One chaos scenario: sets up its own queue prefix, injects its faults, checks the outcome.
///
/// A protocol because the runner holds several (the spec's five and the `--all` extras).
protocol Scenario: Sendable {
    /// The short name for `--scenario` (e.g. `worker-crash`).
    var name: String { get }
    /// The spec's title (e.g. `Job Recovery After Worker Crash`).
    var title: String { get }
    /// Runs the scenario; throws only when set-up breaks (a throw counts as a failed verdict).
    func run(in context: ScenarioContext) async throws -> Verdict
}

/// A scenario's outcome: pass or fail, with the measured figures that justify it.
struct Verdict: Sendable, Codable, Equatable {
    /// Whether the success criteria held.
    var passed: Bool
    /// One line of measured figures, e.g. `10/10 recovered (100.0%), recovery 2.41 s`.
    var summary: String
    /// Why it failed (empty when passed).
    var failures: [String]

    /// Creates a verdict; `passed` is true exactly when `failures` is empty.
    init(summary: String, failures: [String]) {
        self.passed = failures.isEmpty
        self.summary = summary
        self.failures = failures
    }
}
