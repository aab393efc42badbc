/// A current capture compared with a baseline, figure by figure, with a Nagios-style exit code. Pure.
///
/// The rule (docs/OPERATIONS.md): only slower counts. A figure's delta is
/// `(current − baseline) / max(baseline, 1 ms)` (BullMQ's timestamps have a 1 ms resolution, so a smaller
/// baseline is no finer a yardstick). The p95 always decides; the p99 decides too when both sides have at
/// least ``minimumCountForP99`` samples (with fewer, the p99 is one or two samples, i.e. noise). The worst
/// deciding delta above the tolerance is `worse` (exit 1), above twice the tolerance `farWorse` (exit 2). A
/// figure with samples in the baseline but none in the current capture is `missing` (exit 2); one without
/// samples on both sides is `skipped`; one only in the current capture is `new` (exit 0).
public struct BaselineComparison: Encodable, Sendable {
    /// What a figure's comparison concluded.
    public enum Verdict: String, Codable, Sendable, Comparable {
        /// Faster, equal, or slower within the tolerance.
        case within
        /// No samples on either side: not compared.
        case skipped
        /// Only the current capture has samples: nothing to compare with.
        case new
        /// Slower than the tolerance allows.
        case worse
        /// Slower than twice the tolerance allows.
        case farWorse
        /// Samples in the baseline, none now.
        case missing

        /// The exit code this verdict asks for: 0, 1 or 2.
        public var exitCode: Int32 {
            switch self {
            case .within, .skipped, .new: 0
            case .worse: 1
            case .farWorse, .missing: 2
            }
        }

        /// Ordered by severity: skipped, new, within, worse, farWorse, missing (so the overall verdict of
        /// figures within tolerance and skipped ones is `within`).
        public static func < (lhs: Verdict, rhs: Verdict) -> Bool {
            let order: [Verdict] = [.skipped, .new, .within, .worse, .farWorse, .missing]
            return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
        }
    }

    /// One figure compared.
    public struct Row: Encodable, Sendable, Equatable {
        /// The figure's name.
        public var name: String
        /// The baseline's figure, nil when it has none of this name.
        public var baseline: BaselineFigure?
        /// The current figure, nil when the capture has none of this name.
        public var current: BaselineFigure?
        /// p95 change in percent of the baseline (positive: slower); nil when not compared.
        public var p95DeltaPercent: Double?
        /// p99 change in percent of the baseline; nil when either side has no p99.
        public var p99DeltaPercent: Double?
        /// Whether the p99 took part in the verdict (both sides with enough samples).
        public var p99Decides: Bool
        /// The conclusion.
        public var verdict: Verdict
    }

    /// The fewest samples on each side for the p99 to decide.
    public static let minimumCountForP99 = 20
    /// The smallest baseline value a delta is taken relative to, ms (BullMQ's timestamp resolution).
    public static let resolutionMs = 1.0

    /// The tolerance, percent (20 means 20 %).
    public let tolerancePercent: Double
    /// One row per figure name in either document, sorted by name.
    public let rows: [Row]

    /// Compares `current` with `baseline`; `tolerancePercent` must be positive.
    public init(baseline: BaselineDocument, current: BaselineDocument, tolerancePercent: Double) {
        self.tolerancePercent = tolerancePercent
        let names = Set(baseline.figures.keys).union(current.figures.keys).sorted()
        rows = names.map {
            Self.row($0, baseline: baseline.figures[$0], current: current.figures[$0], tolerance: tolerancePercent)
        }
    }

    /// The worst verdict over every row (`within` when there are none).
    public var verdict: Verdict { rows.map(\.verdict).max() ?? .within }

    /// 0 within tolerance, 1 worse, 2 far worse or a figure missing.
    public var exitCode: Int32 { verdict.exitCode }

    private enum CodingKeys: String, CodingKey { case tolerancePercent, rows, verdict, exitCode }

    /// The tolerance, rows, overall verdict and exit code.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tolerancePercent, forKey: .tolerancePercent)
        try container.encode(rows, forKey: .rows)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(exitCode, forKey: .exitCode)
    }

    static func row(_ name: String, baseline: BaselineFigure?, current: BaselineFigure?, tolerance: Double) -> Row {
        var row = Row(
            name: name, baseline: baseline, current: current, p95DeltaPercent: nil, p99DeltaPercent: nil,
            p99Decides: false, verdict: .within)
        let before = baseline?.count ?? 0
        let now = current?.count ?? 0
        switch (before > 0, now > 0) {
        case (false, false): row.verdict = .skipped
        case (false, true): row.verdict = .new
        case (true, false): row.verdict = .missing
        case (true, true):
            guard let baseline, let current else { return row }
            row.p95DeltaPercent = delta(baseline.p95Ms, current.p95Ms)
            row.p99DeltaPercent = delta(baseline.p99Ms, current.p99Ms)
            row.p99Decides =
                row.p99DeltaPercent != nil && min(before, now) >= minimumCountForP99
            let deciding = [row.p95DeltaPercent, row.p99Decides ? row.p99DeltaPercent : nil].compactMap { $0 }
            let worst = deciding.max() ?? 0
            row.verdict = worst > 2 * tolerance ? .farWorse : worst > tolerance ? .worse : .within
        }
        return row
    }

    /// `(current − baseline) / max(baseline, 1 ms)` in percent; nil when either is absent.
    static func delta(_ baseline: Double?, _ current: Double?) -> Double? {
        guard let baseline, let current else { return nil }
        return (current - baseline) / max(baseline, resolutionMs) * 100
    }
}
